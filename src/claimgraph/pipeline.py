"""Compose the stages: load -> evidence -> map -> validate -> reason -> serialize.

``build`` writes the outputs only when every stage passed (validate first, then write),
and writes them all-or-nothing. ``check`` runs the same stages, compares the outputs with
the committed files, and runs the saved queries' expectations.
"""

from __future__ import annotations

import ctypes
import gc
import os
import re
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from claimgraph.claims.loader import CLAIMS_DIR, FileFindings, load_project
from claimgraph.claims.evidence import check_evidence
from claimgraph.rdf.mapping import MappedGraphs, map_project
from claimgraph.rdf.namespaces import (CG, GRAPH_ASSERTED, GRAPH_HYPOTHETICAL, GRAPH_INFERRED, GRAPH_ONTOLOGY,
                         canonical_graph, new_graph)
from claimgraph.problems import Location, Problem, ProblemList, relative_path
from claimgraph.checks.fastreason import fast_infer
from claimgraph import isolation
from claimgraph.checks.reasoning import infer
from claimgraph.queries.formats import compact_iri
from claimgraph.paths import UnsafePathError, inside_project, read_file
from claimgraph.rdf.serialization import HEADER, Document, TurtleOutput, replace_folder, trig_chunks
from claimgraph.rdf.triples import TripleSetStore, all_triples
from claimgraph.checks.shacl import refuse_remote_sparql, validate_graph

ONTOLOGY_FILE = Path("ontology/claimgraph.ttl")
SHAPES_FILE = Path("ontology/shapes.ttl")
BUILD_DIR = Path("data/build")
OUTPUT_FILES = {
    "asserted": BUILD_DIR / "asserted.ttl",
    "hypothetical": BUILD_DIR / "hypothetical.ttl",
    "inferred": BUILD_DIR / "inferred.ttl",
    "dataset": BUILD_DIR / "claimgraph.trig",
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


class Progress:
    """What a long run reports while it works; the default reports nothing."""

    def stage(self, name: str) -> None:
        """A stage starts."""

    def step(self, done: int, total: int, unit: str = "files") -> None:
        """Part of the current stage is done: ``done`` of ``total`` ``unit`` (total 0: not known).

        ``unit`` is ``files``, ``graphs``, ``queries`` or ``bytes``."""

    def last_output(self, sizes_match: bool = True) -> None:
        """The run has written all but its last graph (the inferred one), so it ends soon: that
        graph, then comparing the built files with the committed ones, are about 3 s at 100,000
        claims. ``check`` starts loading the committed TriG into its query store here.

        ``sizes_match``: the asserted and hypothetical Turtle files, as written, have the sizes
        of the committed ones (a cheap hint: when they do not, the built files are stale)."""

    def finish(self) -> None:
        """The run is over (also after an error)."""


def run_stages(root: Path, *, only: list[Path] | None = None, reason: bool = True,
               reasoner: str = "fast", validator: str = "fast", progress: Progress | None = None,
               freeze: bool = False, fork: bool = False) -> BuildResult:
    """Run every stage up to serialization; stop before a stage whose input has errors.

    ``reasoner`` is ``fast`` (the compiled closure in :mod:`claimgraph.checks.fastreason`) or
    ``owlrl`` (the reference implementation; same triples, much slower). ``validator`` is
    ``fast`` (:mod:`claimgraph.checks.fastshacl`) or ``pyshacl`` (the reference).

    ``freeze`` is for a process that ends soon after the run (the command line): see
    :func:`_collector_paused`. A long-running process should leave it off. With ``fork``, a
    big project's claim files load in two processes (see :func:`claimgraph.claims.loader.load_project`):
    also for the command line, not for a process with threads of its own.
    """
    progress = progress or Progress()
    try:
        with _collector_paused(freeze=freeze):
            return _run_stages(root, only=only, reason=reason, reasoner=reasoner, validator=validator,
                               progress=progress, fork=fork)
    finally:
        progress.finish()


@contextmanager
def _collector_paused(*, freeze: bool = False):
    """Pause Python's cyclic garbage collector for one pipeline run.

    A run allocates millions of small objects (terms, tuples) that live until it ends; the
    collector would re-scan them all again and again (35 s instead of 24 s at 10,000 claims).
    Reference counting still frees everything that is not in a cycle.

    Even paused, the collector scans every object the run made once, at its first collection
    after the run (at 10,000 claims a gc.collect() after the run took 0.78 s, and the run itself
    1 s longer than frozen). With ``freeze`` those objects are moved to
    the collector's permanent generation (:func:`gc.freeze`) instead, so it never scans them.
    They are still freed by reference counting, but reference cycles among them (an rdflib
    ``Graph`` and its namespace manager) are never collected: only for a process that ends
    soon, like the command line.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


def _run_stages(root: Path, *, only: list[Path] | None, reason: bool, reasoner: str,
                validator: str, progress: Progress, fork: bool = False) -> BuildResult:
    problems = ProblemList()
    result = BuildResult(root, problems)
    clock = _Clock(result.timings, progress)
    ontology, shapes, project = _first_stages(result, clock, only, progress, fork=fork)
    if problems.errors or ontology is None or shapes is None:
        return result
    with clock("map"):
        mapped = map_project(project)
    del project  # the claims' YAML trees are not needed past this point; free them before the big stages
    _check_declared_terms(mapped, ontology, root, problems)
    with clock("validate"):
        report = validate_graph([mapped.asserted, mapped.hypothetical], shapes, ontology, engine=validator)
    problems.extend(report.problems(mapped.origins, Location(relative_path(root / CLAIMS_DIR, root))))
    inferred = new_graph()
    if reason and not problems.errors:
        with clock("reason"):
            if reasoner == "owlrl":
                inference = infer(mapped.asserted, ontology)
            else:
                inference = fast_infer(mapped.asserted, ontology)
        inferred = inference.inferred
        for inconsistency in inference.inconsistencies:
            problems.extend([_inconsistency_problem(inconsistency, mapped, root)])
    result.graphs = Graphs(ontology, shapes, mapped.asserted, mapped.hypothetical, inferred)
    if not problems.errors and reason:
        with clock("serialize"):
            result.outputs = serialize_outputs(root, result.graphs, progress)
    return result


def _first_stages(result: BuildResult, clock: "_Clock", only: list[Path] | None, progress: Progress, *,
                  fork: bool = False):
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
    with _collector_paused():  # as in a full run: reading 1.5 MB of registry took 3.1 s with it, 0.8 s without
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


def serialize_outputs(root: Path, graphs: Graphs, progress: Progress | None = None) -> dict[Path, Document]:
    """Every built file, as chunks: each graph is written once (the TriG reuses the Turtle).

    ``progress`` sees each graph written, and :meth:`Progress.last_output` before the last one,
    the inferred graph."""
    progress = progress or Progress()
    header = HEADER.format(command="build", sources="data/ and ontology/")
    named = graphs.named()
    turtle = {}
    for number, (name, graph) in enumerate(named.items()):
        progress.step(number, len(named), "graphs")
        if number == len(named) - 1:
            progress.last_output(_sizes_match(root, turtle, header))
        turtle[name] = TurtleOutput.of(graph)
    progress.step(len(named), len(named), "graphs")

    def file_of(name: URIRef) -> Document:
        return Document(lambda: turtle[name].chunks(header))

    return {
        root / OUTPUT_FILES["asserted"]: file_of(GRAPH_ASSERTED),
        root / OUTPUT_FILES["hypothetical"]: file_of(GRAPH_HYPOTHETICAL),
        root / OUTPUT_FILES["inferred"]: file_of(GRAPH_INFERRED),
        root / OUTPUT_FILES["dataset"]: Document(lambda: trig_chunks(turtle, header=header),
                                                 lambda: trig_chunks(turtle, header=header, consume=True)),
    }


def _sizes_match(root: Path, turtle: dict[URIRef, TurtleOutput], header: str) -> bool:
    """Whether the asserted and hypothetical Turtle, as written, have the committed files' sizes."""
    for name, key in ((GRAPH_ASSERTED, "asserted"), (GRAPH_HYPOTHETICAL, "hypothetical")):
        try:
            if (root / OUTPUT_FILES[key]).stat().st_size != turtle[name].size(header):
                return False
        except OSError:
            return False
    return True


def build(root: Path, *, reasoner: str = "fast", validator: str = "fast",
          progress: Progress | None = None, freeze: bool = False, fork: bool = False) -> BuildResult:
    """Run all stages and, only if there are no errors, write every output atomically."""
    result = run_stages(root, reasoner=reasoner, validator=validator, progress=progress, freeze=freeze,
                        fork=fork)
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


def output_states(result: BuildResult, paths: list[Path] | None = None) -> dict[Path, str]:
    """For every output of the run (or those of ``paths``): 'same' as the committed file,
    'stale', or 'missing'."""
    return {path: "same" if data.equals_file(path) else "stale" if path.is_file() else "missing"
            for path, data in result.outputs.items() if paths is None or path in paths}


def dataset_state(result: BuildResult) -> dict[Path, str]:
    """:func:`output_states` of the TriG file only: what :func:`dataset_for_queries` needs."""
    return output_states(result, [result.root / OUTPUT_FILES["dataset"]])


def stale_outputs(result: BuildResult, states: dict[Path, str] | None = None) -> list[Problem]:
    """A problem for every committed output that differs from what a build would write."""
    found = []
    for path, state in (states or output_states(result)).items():
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

    It is the committed TriG file when ``states`` (:func:`output_states` or
    :func:`dataset_state`) say that is exactly what this run made (loaded from disk: no copy in
    memory), else the run's own TriG. Call after everything else used the graphs.
    """
    path = result.root / OUTPUT_FILES["dataset"]
    # the run's own TriG is read once, into the store: its Turtle chunks are freed as they go
    dataset = path if states.get(path) == "same" else result.outputs[path].consumed()
    for graph in result.graphs.named().values():
        if isinstance(graph.store, TripleSetStore):
            graph.store.release()
    result.graphs, result.outputs = None, {}
    release_memory()
    return dataset


@dataclass
class DatasetRun:
    """A run's findings and the TriG its saved queries run on, its graphs gone (:func:`run_to_dataset`)."""
    problems: list[Problem]
    ok: bool  # the run itself found no error (so it made its outputs)
    claims: int
    texts: list[str]
    files: list[FileFindings]
    timings: dict[str, float]
    #: the committed TriG, a temporary file of the run's own (:attr:`temporary`), or the run's
    #: own as a document to read once; None when the run had errors
    dataset: Document | Path | None = None
    temporary: bool = False

    def discard(self) -> None:
        """Remove the temporary TriG file, if there is one."""
        if self.temporary and isinstance(self.dataset, Path):
            self.dataset.unlink(missing_ok=True)


def run_to_dataset(root: Path, *, reasoner: str = "fast", validator: str = "fast",
                   progress: Progress | None = None, stale: bool = True) -> DatasetRun:
    """Run every stage, compare the outputs with the committed files, and settle the dataset
    the saved queries run on (see :func:`dataset_for_queries`); with ``stale``, a problem for
    each committed output that differs (as ``check`` reports), else only the TriG is compared.

    It all happens in a child process that hands back the findings and exits
    (:func:`claimgraph.isolation.run_apart`): at 100,000 claims the query store then fills a
    65 MB process instead of one that keeps 390 MB of the run's freed memory, and nothing is
    freed object by object. A TriG of the run's own is then handed over as a temporary file:
    call :meth:`DatasetRun.discard` after loading it.
    """
    progress = progress or Progress()
    apart = isolation.ENABLED

    def work(progress: Progress) -> DatasetRun:
        result = run_stages(root, reasoner=reasoner, validator=validator, progress=progress, freeze=True,
                            fork=apart)
        run = DatasetRun(list(result.problems), result.ok, result.claims, result.texts, result.files,
                         result.timings)
        if not result.ok:
            return run
        try:
            progress.stage("compare built files")
            states = output_states(result) if stale else dataset_state(result)
            if stale:
                run.problems += stale_outputs(result, states)
            path = root / OUTPUT_FILES["dataset"]
            if not apart:
                run.dataset = dataset_for_queries(result, states)  # and the graphs are freed here
            elif states.get(path) == "same":
                run.dataset = path
            else:
                run.dataset, run.temporary = _temporary_copy(result.outputs[path]), True
        finally:
            progress.finish()
        return run

    return isolation.run_apart(work, progress)


def _temporary_copy(document: Document) -> Path:
    handle, name = tempfile.mkstemp(prefix="claimgraph-", suffix=".trig")
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in document:
                out.write(chunk)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _check_declared_terms(mapped: MappedGraphs, ontology: Graph, root: Path, problems: ProblemList) -> None:
    """Every cg: term the mapper uses must be declared in the ontology (W3C ORG shipped typos)."""
    declared = set(ontology.subjects(RDF.type, None))
    cg = str(CG)
    used: set[URIRef] = set()
    for graph in (mapped.asserted, mapped.hypothetical):
        triples = all_triples(graph)  # the set itself: iterating the Graph costs ~2 µs a triple
        used.update(map(itemgetter(1), triples))
        # only cg: IRIs go into the set (rdflib's terms compare in Python when two equal IRIs
        # are different objects); exact types first: isinstance on rdflib's ABC terms is slow
        # when false; str.startswith is C (1.9-2.1 s -> 1.3-1.4 s at 100,000 claims)
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
        claims.update(c for c in mapped.asserted.objects(node, PROV.wasDerivedFrom) if c in mapped.claim_of)
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
