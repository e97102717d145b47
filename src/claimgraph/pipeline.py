"""Compose the stages: load -> evidence -> map -> validate -> reason -> serialize.

``build`` writes the outputs only when every stage passed (validate first, then write),
and writes them all-or-nothing. ``check`` runs the same stages, compares the outputs with
the committed files, and runs the saved queries' expectations.
"""

from __future__ import annotations

import ctypes
import gc
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from claimgraph.claims.across import check_across_files
from claimgraph.claims.loader import CLAIMS_DIR, FileFindings, load_project
from claimgraph.claims.evidence import check_evidence
from claimgraph.claims.format import RESPONSE_FIELDS
from claimgraph.rdf.mapping import RESPONSE_PROPERTY, MappedGraphs, map_project
from claimgraph.rdf.namespaces import (CG, GRAPH_ASSERTED, GRAPH_HYPOTHETICAL, GRAPH_INFERRED, GRAPH_ONTOLOGY,
                         canonical_graph, new_graph)
from claimgraph.problems import Location, Problem, ProblemList, relative_path
from claimgraph.progress import Progress
from claimgraph.checks.reasoning import infer
from claimgraph.queries.formats import compact_iri
from claimgraph.paths import UnsafePathError, inside_project, read_file, recorded_reads
from claimgraph.rdf.serialization import HEADER, Document, TurtleOutput, replace_folder, trig_chunks
from claimgraph.rdf.triples import TripleSetStore, all_triples
from claimgraph.checks.shacl import refuse_remote_sparql, validate
from claimgraph.stamp import STAMP_FILE, file_digest, new_stamp, read_stamp

ONTOLOGY_FILE = Path("ontology/claimgraph.ttl")
SHAPES_FILE = Path("ontology/shapes.ttl")
BUILD_DIR = Path("data/build")
OUTPUT_FILES = {
    "asserted": BUILD_DIR / "asserted.ttl",
    "hypothetical": BUILD_DIR / "hypothetical.ttl",
    "inferred": BUILD_DIR / "inferred.ttl",
    "dataset": BUILD_DIR / "claimgraph.trig",
    "stamp": STAMP_FILE,
}


class ProjectError(Exception):
    """The folder is not a claimgraph project, or is missing a required file (exit 2)."""


@dataclass
class Graphs:
    ontology: Graph
    shapes: Graph
    asserted: Graph
    hypothetical: Graph
    inferred: Graph

    def named(self) -> dict[URIRef, Graph]:
        """The graphs a triplestore gets, by named-graph IRI; the inferred graph last (see
        :func:`serialize_outputs`)."""
        return {GRAPH_ONTOLOGY: self.ontology, GRAPH_ASSERTED: self.asserted,
                GRAPH_HYPOTHETICAL: self.hypothetical, GRAPH_INFERRED: self.inferred}


@dataclass
class BuildResult:
    root: Path
    problems: ProblemList
    graphs: Graphs | None = None
    outputs: dict[Path, Document] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    claims: int = 0
    #: article texts the claim files name (inputs of the run besides ontology/, data/, queries/)
    texts: list[str] = field(default_factory=list)
    #: the first stages' findings (before mapping): the ontology's, the shapes' and the
    #: registry's problems, and each claim file's own (what an incremental ``check`` reuses)
    first_problems: list[Problem] = field(default_factory=list)
    files: list[FileFindings] = field(default_factory=list)
    #: :func:`build` replaced ``data/build/`` (False: every built file was already up to date)
    wrote: bool = False
    #: every project file the run read, relative path -> SHA-256 (hex): the stamp's inputs
    inputs: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def find_project_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` with ``data/claims`` and the ontology."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CLAIMS_DIR).is_dir() and (folder / ONTOLOGY_FILE).is_file():
            return folder
    raise ProjectError(f"{start}: not inside a claimgraph project (no {CLAIMS_DIR}/ and "
                       f"{ONTOLOGY_FILE} found here or above); run it from the project folder or pass --project")


def load_turtle(path: Path, root: Path, problems: ProblemList) -> Graph | None:
    display = relative_path(path, root)
    try:
        data = read_file(path, root)
    except FileNotFoundError:
        raise ProjectError(f"{display}: file not found; restore it from git") from None
    except OSError as exc:
        raise ProjectError(f"{display}: not read: {exc}") from None
    graph = new_graph()
    try:
        graph.parse(data=data, format="turtle", publicID=path.absolute().as_uri())
    except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
        line, text = _turtle_error(exc)
        problems.add(Location(display, line), f"Turtle syntax error: {_short(text)}",
                     "fix the Turtle syntax at that line", code="turtle")
        return None
    return canonical_graph(graph)


def _turtle_error(exc: Exception) -> tuple[int, str]:
    """The line and a one-line reason from one of rdflib's Turtle errors (its message repeats
    the input as Python bytes, over several lines)."""
    why, lines, data, at = (getattr(exc, name, None) for name in ("_why", "lines", "_str", "_i"))
    if isinstance(why, str) and isinstance(lines, int):
        reason = why
        if isinstance(data, bytes) and isinstance(at, int):
            start = data.rfind(b"\n", 0, at) + 1
            near = data[start:at + 20].split(b"\n")[0].decode("utf-8", "replace").strip()
            if near:
                reason += f", near {near[-60:]!r}"
        return lines + 1, reason
    text = " ".join(str(exc).split())
    match = re.search(r"line (\d+)", text)
    return (int(match.group(1)) if match else 0), text


REASONERS = ("fast", "owlrl")


def _leave_out_unread_claims(asserted: Graph) -> None:
    """Validating some files only: a claim they answer in a file this run did not read is not in
    the graph, so the link to it is left out of what the shapes see (they check what these files
    say; ``check``, which reads every file, still checks the link). Nothing built from such a run
    is written."""
    for name in RESPONSE_FIELDS:
        prop = RESPONSE_PROPERTY[name]
        for claim, target in list(asserted.subject_objects(prop)):
            if (target, RDF.type, CG.Claim) not in asserted:
                asserted.remove((claim, prop, target))


def run_stages(root: Path, *, only: list[Path] | None = None, reason: bool = True,
               reasoner: str = "fast", validator: str = "fast", progress: Progress | None = None,
               serialize: bool = True) -> BuildResult:
    """Run every stage up to serialization; stop before a stage whose input has errors.

    ``reasoner`` is ``fast`` (the compiled closure in :mod:`claimgraph.checks.fastreason`) or
    ``owlrl`` (the reference implementation; same triples, much slower). ``validator`` is
    ``fast`` (:mod:`claimgraph.checks.fastshacl`) or ``pyshacl`` (the reference).

    With ``serialize`` off, the built files are not made (:func:`serialize_outputs` makes them
    later, from ``result.graphs``, if they are needed).
    """
    progress = progress or Progress()
    try:
        with _collector_paused():
            return _run_stages(root, only=only, reason=reason, reasoner=reasoner, validator=validator,
                               progress=progress, serialize=serialize)
    finally:
        progress.finish()


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector for one pipeline run.

    A run allocates millions of small objects (terms, tuples) that live until it ends; the
    collector would re-scan them all again and again (see benchmarks/RESULTS.md). Reference
    counting still frees everything that is not in a cycle, and the collector runs again
    after the run.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _run_stages(root: Path, *, only: list[Path] | None, reason: bool, reasoner: str,
                validator: str, progress: Progress, serialize: bool = True) -> BuildResult:
    problems = ProblemList()
    result = BuildResult(root, problems)
    clock = _Clock(result.timings, progress)
    with recorded_reads() as reads:  # every file of the run is read in its first stages
        ontology, shapes, project = _first_stages(result, clock, only, progress)
    result.inputs = dict(sorted(reads.items()))
    if problems.errors or ontology is None or shapes is None:
        return result
    with clock("check across files"):
        check_across_files(project, problems, complete=only is None)
    if problems.errors:
        return result
    with clock("map"):
        mapped = map_project(project)
    if only is not None:
        _leave_out_unread_claims(mapped.asserted)
    del project  # the claims' YAML trees are not needed past this point; free them before the big stages
    _check_declared_terms(mapped, ontology, root, problems)
    with clock("validate"):
        report = validate([mapped.asserted, mapped.hypothetical], shapes, ontology, engine=validator)
    problems.extend(report.problems(mapped.origins, Location(relative_path(root / CLAIMS_DIR, root))))
    inferred = new_graph()
    if reason and not problems.errors:
        with clock("reason"):
            inference = infer(mapped.asserted, ontology, engine=reasoner)
        inferred = inference.inferred
        for inconsistency in inference.inconsistencies:
            problems.extend([_inconsistency_problem(inconsistency, mapped, root)])
    result.graphs = Graphs(ontology, shapes, mapped.asserted, mapped.hypothetical, inferred)
    if not problems.errors and reason and serialize:
        with clock("serialize"):
            result.outputs = serialize_outputs(root, result.graphs, progress, result.inputs)
    return result


def _first_stages(result: BuildResult, clock: "_Clock", only: list[Path] | None, progress: Progress):
    """Load the ontology, the shapes, the registry and the claim files, and locate every quote;
    record the findings in ``result.problems``, and file by file."""
    root, problems = result.root, result.problems
    with clock("load ontology"):
        ontology = load_turtle(root / ONTOLOGY_FILE, root, problems)
        shapes = load_turtle(root / SHAPES_FILE, root, problems)
        if shapes is not None:  # before anything runs: SPARQL in the shapes never leaves the data graph
            refuse_remote_sparql(shapes, root / SHAPES_FILE, relative_path(root / SHAPES_FILE, root))
    turtle_problems = list(problems)
    with clock("load claims"):
        project = load_project(root, problems, only=only, on_file=progress.step)
    with clock("check evidence"):
        check_evidence(project, problems)
    result.claims = len(project.claims)
    result.texts = sorted({f.text_path for f in project.files if f.text_path})
    result.first_problems = turtle_problems + project.registry_problems
    result.files = [FileFindings.of(f) for f in project.files]
    return ontology, shapes, project


def run_first_stages(root: Path, only: list[Path]) -> BuildResult:
    """Only the stages before mapping, on the claim files ``only``: their findings, file by file,
    and those of the ontology, the shapes and the registry (for an incremental ``check``)."""
    result = BuildResult(root, ProblemList())
    with _collector_paused():  # as in a full run: the collector would re-scan the registry's many small objects (benchmarks/RESULTS.md)
        _first_stages(result, _Clock(result.timings), only, Progress())
    return result


def release_memory() -> None:
    """Give freed memory back to the system before the next big allocation (the query store):
    collect reference cycles, then ask glibc to return its free pages (no-op elsewhere)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def serialize_outputs(root: Path, graphs: Graphs, progress: Progress | None = None,
                      inputs: dict[str, str] | None = None) -> dict[Path, Document]:
    """Every built file, as chunks: each graph is written once (the TriG reuses the Turtle),
    and the stamp (:mod:`claimgraph.stamp`) of ``inputs`` and of the other built files' digests.

    ``progress`` sees each graph written."""
    progress = progress or Progress()
    header = HEADER.format(command="build", sources="data/ and ontology/")
    named = graphs.named()
    turtle: dict[URIRef, TurtleOutput] = {}
    for number, (name, graph) in enumerate(named.items()):
        progress.step(number, len(named), "graphs")
        turtle[name] = TurtleOutput.of(graph)
    progress.step(len(named), len(named), "graphs")

    def file_of(name: URIRef) -> Document:
        return Document(lambda: turtle[name].chunks(header))

    outputs = {
        root / OUTPUT_FILES["asserted"]: file_of(GRAPH_ASSERTED),
        root / OUTPUT_FILES["hypothetical"]: file_of(GRAPH_HYPOTHETICAL),
        root / OUTPUT_FILES["inferred"]: file_of(GRAPH_INFERRED),
        root / OUTPUT_FILES["dataset"]: Document(lambda: trig_chunks(turtle, header=header),
                                                 lambda: trig_chunks(turtle, header=header, consume=True)),
    }
    made = dict(outputs)

    def stamp_chunks():
        # last in the dict: by the time it is compared or written, every other file was, so
        # their digests come from those passes (Document.digest)
        digests = {path.relative_to(root).as_posix(): document.digest() for path, document in made.items()}
        yield new_stamp(inputs or {}, digests).to_bytes()

    outputs[root / OUTPUT_FILES["stamp"]] = Document(stamp_chunks)
    return outputs


def build(root: Path, *, reasoner: str = "fast", validator: str = "fast",
          progress: Progress | None = None) -> BuildResult:
    """Run all stages and, only if there are no errors, write every output atomically."""
    result = run_stages(root, reasoner=reasoner, validator=validator, progress=progress)
    if result.ok and result.outputs:
        with _Clock(result.timings)("write"):
            result.wrote = replace_folder(build_folder(root), result.outputs)
    return result


def build_folder(root: Path) -> Path:
    """``data/build/``, checked: inside the project and a real folder (it is replaced whole)."""
    folder = root / BUILD_DIR
    if folder.is_symlink():
        raise UnsafePathError(f"{BUILD_DIR.as_posix()} is a symbolic link; build replaces that folder as a whole, "
                              "so it must be a real folder inside the project: remove the link")
    inside_project(folder, root)
    return folder


def built_file_states(result: BuildResult, *, verify: bool = False,
                      names: list[str] | None = None) -> dict[Path, str]:
    """For every built file (or those of ``names``, keys of :data:`OUTPUT_FILES`): 'same' as
    what a build would write now, 'stale', or 'missing'.

    When the committed stamp was made from exactly the inputs this run read (and ``verify`` is
    off), each built file is only hashed and compared with the stamp's digest: nothing is made
    again. Otherwise every built file is made (:func:`serialize_outputs`, if the run did not)
    and compared byte for byte, the stamp included.
    """
    root = result.root
    wanted = [root / OUTPUT_FILES[name] for name in (names or OUTPUT_FILES)]
    stamp = None if verify else read_stamp(root)
    if stamp is not None and stamp.trusted_for(result.inputs):
        states = {}
        for name, relative in OUTPUT_FILES.items():
            path = root / relative
            if path not in wanted:
                continue
            if name == "stamp":
                states[path] = "same"
                continue
            digest = file_digest(path)
            states[path] = ("missing" if digest is None else
                            "same" if digest == stamp.outputs.get(relative.as_posix()) else "stale")
        return states
    outputs = outputs_of(result)
    return {path: "same" if data.equals_file(path) else "stale" if path.is_file() else "missing"
            for path, data in outputs.items() if path in wanted}


def outputs_of(result: BuildResult) -> dict[Path, Document]:
    """The run's built files, made now if the run did not make them (``serialize=False``)."""
    if not result.outputs:
        if result.graphs is None:
            raise ValueError("the run stopped before reasoning: it has no built files")
        result.outputs = serialize_outputs(result.root, result.graphs, inputs=result.inputs)
    return result.outputs


def stale_outputs(result: BuildResult, states: dict[Path, str]) -> list[Problem]:
    """A problem for every committed output that differs from what a build would write."""
    found = []
    for path, state in states.items():
        display = relative_path(path, result.root)
        if state == "missing":
            found.append(Problem(Location(display), "built file is missing",
                                 "run `claimgraph build` and commit the result", code="stale"))
        elif state == "stale":
            found.append(Problem(Location(display), "built file is stale: it differs from what the "
                                 "claims, registry and ontology give now",
                                 "run `claimgraph build` and commit the result", code="stale"))
    return found


def dataset_for_queries(result: BuildResult, states: dict[Path, str]) -> Document | Path:
    """The dataset the saved queries run on, and free the run's graphs and outputs for it.

    It is the committed TriG file when ``states`` (:func:`built_file_states`) say that is
    exactly what this run makes (loaded from disk: no copy in memory), else the run's own TriG,
    to be read once. Call after everything else used the graphs.
    """
    path = result.root / OUTPUT_FILES["dataset"]
    # the run's own TriG is read once, into the store: its Turtle chunks are freed as they go
    dataset: Document | Path = path if states.get(path) == "same" else outputs_of(result)[path].consumed()
    free_graphs(result)
    return dataset


def free_graphs(result: BuildResult) -> None:
    """Free the run's graphs and outputs (before a big allocation: the query store)."""
    if result.graphs is not None:
        for graph in result.graphs.named().values():
            if isinstance(graph.store, TripleSetStore):
                graph.store.release()
    result.graphs, result.outputs = None, {}
    release_memory()


def _check_declared_terms(mapped: MappedGraphs, ontology: Graph, root: Path, problems: ProblemList) -> None:
    """Every cg: term the mapper uses must be declared in the ontology (W3C ORG shipped typos)."""
    declared = set(ontology.subjects(RDF.type, None))
    cg = str(CG)
    used: set[URIRef] = set()
    for graph in (mapped.asserted, mapped.hypothetical):
        triples = all_triples(graph)  # the set itself: iterating the Graph is far slower
        used.update(map(itemgetter(1), triples))
        # only cg: IRIs go into the set (rdflib's terms compare in Python when two equal IRIs
        # are different objects); exact types first: isinstance on rdflib's ABC terms is slow
        # when false; str.startswith is C
        used.update(o for o in map(itemgetter(2), triples)
                    if (type(o) is URIRef or (type(o) is not Literal and isinstance(o, URIRef)))
                    and str.startswith(o, cg))
    for term in sorted(t for t in used if str.startswith(t, cg) and t not in declared):
        problems.add(Location(ONTOLOGY_FILE.as_posix()), f"term cg:{term[len(CG):]} is used but not declared",
                     "declare it in the ontology or fix the name in the mapper", code="undeclared-term")


def _inconsistency_problem(inconsistency, mapped: MappedGraphs, root: Path) -> Problem:
    """Name the claims behind an inconsistency: those a node comes from, or that mention it."""
    claims: set[URIRef] = set()
    for node in map(URIRef, inconsistency.nodes):
        if node in mapped.claim_of:
            claims.add(mapped.claim_of[node])
        claims.update(c for c in mapped.asserted.objects(node, PROV.wasDerivedFrom)
                      if isinstance(c, URIRef) and c in mapped.claim_of)
        claims.update(c for c in mapped.asserted.subjects(CG.mentions, node) if isinstance(c, URIRef))
    where = [mapped.origins[c] for c in sorted(claims) if c in mapped.origins]
    where += [mapped.origins[URIRef(n)] for n in inconsistency.nodes if URIRef(n) in mapped.origins]
    location = where[0] if where else Location(relative_path(root / CLAIMS_DIR, root))
    message = inconsistency.message
    for node in sorted(inconsistency.nodes, key=len, reverse=True):
        message = message.replace(node, compact_iri(node))
    names = ", ".join(str(c).rsplit("/", 1)[-1] for c in sorted(claims)) or "none found"
    return Problem(location, f"OWL 2 RL inconsistency: {_short(message)} (claims involved: {names})",
                   "one of these claims or an entity's type is wrong; correct it", code="inconsistency")


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Clock:
    def __init__(self, timings: dict[str, float], progress: Progress | None = None):
        self.timings = timings
        self.progress = progress or Progress()

    def __call__(self, name: str):
        clock = self

        class _Timer:
            def __enter__(self):
                clock.progress.stage(name)
                self.start = time.perf_counter()

            def __exit__(self, *exc):
                clock.timings[name] = clock.timings.get(name, 0.0) + time.perf_counter() - self.start
                return False

        return _Timer()
