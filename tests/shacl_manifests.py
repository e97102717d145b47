"""The W3C (sht_tests) and DASH (dash_tests) SHACL test cases that pySHACL's sdist ships, read
from their manifests, and the comparison of a validation's results with a case's expected
report.

The suites are not committed: ``.ci/get-shacl-tests`` puts them in ``.shacl-tests/`` (git-ignored).
Run this file to count how both engines do on every case:
``python tests/shacl_manifests.py``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF

from claimgraph.terminal import under_ci

REPO = Path(__file__).resolve().parent.parent
SUITES = REPO / ".shacl-tests"
HOW_TO_GET = (f"the SHACL test suites are missing from {SUITES}; fetch them with "
              "`python .ci/get-shacl-tests` (the Python of the project's environment)")

SH = Namespace("http://www.w3.org/ns/shacl#")
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
DASH = Namespace("http://datashapes.org/dash#")


@dataclass
class Case:
    id: str
    data_file: Path
    shapes_file: Path
    manifest_file: Path  # the file that holds the expected result
    entry: object  # the test entry (sht) or the dash:GraphValidationTestCase: an IRI in the manifest file
    result_property: object  # mf:result or dash:expectedResult: the expected report, or sht:Failure


def suites_present() -> bool:
    return all((SUITES / name).is_dir() for name in ("sht_tests", "dash_tests"))


def in_ci() -> bool:
    return under_ci()


def _parse(path: Path) -> Graph:
    """The file as a graph, its literals as written: the suites test lexical forms (such as
    "1"^^xsd:boolean, which is not true for sh:uniqueLang), which rdflib would normalize;
    pySHACL's own test runner parses them the same way."""
    import rdflib

    normalize = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        return Graph().parse(path, format="turtle", publicID=path.as_uri())
    finally:
        rdflib.NORMALIZE_LITERALS = normalize


def _file_of(iri) -> Path:
    text = str(iri)
    assert text.startswith("file://"), text
    from urllib.parse import unquote, urlparse
    return Path(unquote(urlparse(text).path))


def sht_cases() -> list[Case]:
    """Every sht:Validate entry of the W3C manifests (core and SPARQL), following mf:include."""
    root = SUITES / "sht_tests"
    cases: list[Case] = []
    seen: set[Path] = set()

    def read(manifest: Path) -> None:
        if manifest in seen:
            return
        seen.add(manifest)
        graph = _parse(manifest)
        for node in graph.subjects(RDF.type, MF.Manifest):
            for included in sorted(graph.objects(node, MF.include), key=str):
                read(_file_of(included))
            for head in graph.objects(node, MF.entries):
                for entry in Collection(graph, head):
                    if (entry, RDF.type, SHT.Validate) not in graph:
                        continue
                    action = graph.value(entry, MF.action)
                    name = str(entry).rsplit("/", 1)[-1]
                    relative = manifest.parent.relative_to(root).as_posix()
                    cases.append(Case(f"sht/{relative}/{name}", _file_of(graph.value(action, SHT.dataGraph)),
                                      _file_of(graph.value(action, SHT.shapesGraph)), manifest, entry,
                                      MF.result))

    read(root / "manifest.ttl")
    return cases


def dash_cases() -> list[Case]:
    """Every dash:GraphValidationTestCase of the DASH suites' core and SPARQL parts: each file is
    its own data and shapes graph and holds its expected report."""
    root = SUITES / "dash_tests"
    cases = []
    for part in ("core", "sparql"):
        for file in sorted((root / part).rglob("*.test.ttl")):
            graph = _parse(file)
            for entry in sorted(graph.subjects(RDF.type, DASH.GraphValidationTestCase), key=str):
                name = file.relative_to(root).as_posix()[:-len(".test.ttl")]
                cases.append(Case(f"dash/{name}", file, file, file, entry, DASH.expectedResult))
    return cases


def all_cases() -> list[Case]:
    return sht_cases() + dash_cases() if suites_present() else []


@dataclass
class Loaded:
    manifest: Graph
    data: Graph
    shapes: Graph
    result: object  # the expected report node in ``manifest``, or sht:Failure


def load(case: Case) -> Loaded:
    """The case's graphs; a file used twice is one graph (as pySHACL's runner uses the
    manifest graph itself when it is the data graph), so its blank nodes are the same."""
    graphs: dict[Path, Graph] = {}

    def graph(path: Path) -> Graph:
        if path not in graphs:
            graphs[path] = _parse(path)
        return graphs[path]

    manifest = graph(case.manifest_file)
    assert isinstance(case.entry, URIRef), case.entry
    result = manifest.value(case.entry, case.result_property)
    assert result is not None, f"{case.id}: no expected result"
    return Loaded(manifest, graph(case.data_file), graph(case.shapes_file), result)


# -- comparison --------------------------------------------------------------------------------


def describe(graph: Graph, node, depth: int = 0):
    """A node as a value comparable across graphs: an IRI or literal as itself, an RDF list as a
    tuple of its members, any other blank node as the sorted set of its outgoing triples."""
    if not isinstance(node, BNode):
        return node
    if depth > 8:
        return "BNode"
    if graph.value(node, RDF.first) is not None:
        return ("list", tuple(describe(graph, m, depth + 1) for m in Collection(graph, node)))
    return ("bnode", tuple(sorted(((p, describe(graph, o, depth + 1)) for p, o in graph.predicate_objects(node)),
                                  key=repr)))


def _node_key(node):
    """Focus and value nodes: blank nodes compare as 'BNode', as in pySHACL's own test runner."""
    if node is None:
        return None
    return "BNode" if isinstance(node, BNode) else node


@dataclass(frozen=True)
class ResultKey:
    focus: object
    value: object
    path: object
    severity: object
    shape: object
    component: object

    def __str__(self) -> str:
        return (f"focus={self.focus} value={self.value} path={self.path} severity={self.severity} "
                f"shape={self.shape} component={self.component}")


def expected_results(loaded: Loaded, report) -> tuple[bool, dict]:
    """The expected report's conforms and {result key: set of expected messages}."""
    g = loaded.manifest
    conforms = g.value(report, SH.conforms)
    found: dict = {}
    for result in g.objects(report, SH.result):
        key = ResultKey(_node_key(g.value(result, SH.focusNode)), _node_key(g.value(result, SH.value)),
                        describe(g, g.value(result, SH.resultPath)), g.value(result, SH.resultSeverity),
                        describe(g, g.value(result, SH.sourceShape)),
                        g.value(result, SH.sourceConstraintComponent))
        found.setdefault(key, set()).update(str(m) for m in g.objects(result, SH.resultMessage))
    return bool(conforms.toPython()) if isinstance(conforms, Literal) else None, found


def fast_results(loaded: Loaded, findings) -> dict:
    """{result key: set of messages} of the fast engine's findings."""
    found: dict = {}
    for f in findings:
        key = ResultKey(_node_key(f.focus), _node_key(f.value), describe(loaded.shapes, f.path_node), f.severity,
                        describe(loaded.shapes, f.shape), f.component)
        found.setdefault(key, set()).add(f.message)
    return found


def report_results(loaded: Loaded, report: Graph) -> dict:
    """{result key: set of messages} of a pySHACL report graph (paths and shapes described in
    the shapes graph, where pySHACL's report points)."""
    found: dict = {}
    for result in report.objects(None, SH.result):  # not the nested sh:detail results
        path = report.value(result, SH.resultPath)
        shape = report.value(result, SH.sourceShape)
        key = ResultKey(_node_key(report.value(result, SH.focusNode)), _node_key(report.value(result, SH.value)),
                        describe(loaded.shapes if (path, None, None) in loaded.shapes else report, path),
                        report.value(result, SH.resultSeverity), describe(loaded.shapes, shape),
                        report.value(result, SH.sourceConstraintComponent))
        found.setdefault(key, set()).update(str(m) for m in report.objects(result, SH.resultMessage))
    return found


def differences(expected: dict, expected_conforms, actual: dict) -> list[str]:
    """What differs between an expected and an actual set of results (empty: the same).

    Conformance is SHACL's: no result at all. Messages are compared where the expected result
    gives some: the engine's message must be one of them.
    """
    found = []
    actual_conforms = not actual
    if expected_conforms is not None and expected_conforms != actual_conforms:
        found.append(f"conforms: expected {expected_conforms}, got {actual_conforms}")
    for key in expected.keys() - actual.keys():
        found.append(f"missing result: {key}")
    for key in actual.keys() - expected.keys():
        found.append(f"unexpected result: {key}")
    for key in expected.keys() & actual.keys():
        if expected[key] and not (actual[key] & expected[key]):
            found.append(f"message of {key}: expected one of {sorted(expected[key])}, got {sorted(actual[key])}")
    return found


def run_fast(case: Case) -> tuple[str, str]:
    """('same' | 'refused' | 'different', detail) for the fast engine on the case."""
    from claimgraph.checks.shacl import ValidatorError, fast_findings

    loaded = load(case)
    try:
        findings = fast_findings([loaded.data], loaded.shapes, Graph())
    except ValidatorError as exc:
        return "refused", str(exc)
    if loaded.result == SHT.Failure:
        return "different", "expected a failure (the shapes break a rule of SHACL), got a report"
    conforms, expected = expected_results(loaded, loaded.result)
    diff = differences(expected, conforms, fast_results(loaded, findings))
    return ("different", "; ".join(sorted(diff))) if diff else ("same", "")


def run_pyshacl(case: Case) -> tuple[str, str]:
    """The same for pySHACL, run as the project runs it (validation.pyshacl_report)."""
    from claimgraph.checks.shacl import ValidatorError, pyshacl_report

    loaded = load(case)
    try:
        _, report = pyshacl_report(loaded.data, loaded.shapes, Graph())
    except ValidatorError as exc:
        return ("same" if loaded.result == SHT.Failure else "refused"), str(exc)
    except Exception as exc:  # noqa: BLE001 - counted, for docs/architecture.md's numbers
        return "crashed", f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
    if loaded.result == SHT.Failure:
        return "different", "expected a failure, got a report"
    conforms, expected = expected_results(loaded, loaded.result)
    diff = differences(expected, conforms, report_results(loaded, report))
    return ("different", "; ".join(sorted(diff))) if diff else ("same", "")


def main(argv: list[str]) -> int:
    if not suites_present():
        print(HOW_TO_GET, file=sys.stderr)
        return 2
    cases = all_cases()
    engines = {"fast": run_fast, "pyshacl": run_pyshacl}
    for name in (argv or list(engines)):
        counts: dict = {}
        for case in cases:
            outcome, detail = engines[name](case)
            counts[outcome] = counts.get(outcome, 0) + 1
            if outcome != "same" and "-v" in os.environ.get("SHACL_CASES", ""):
                print(f"  {name} {outcome} {case.id}: {detail}")
        print(f"{name}: {len(cases)} cases: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    sys.exit(main(sys.argv[1:]))
