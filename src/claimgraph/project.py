"""The library's front door: what each ``claimgraph`` command does, as one call.

Every function takes a :class:`Project` (see :func:`load_project`) and returns a dataclass;
none prints, exits, forks or touches the caller's garbage collector beyond pausing it during a
run. The command line (:mod:`claimgraph.cli`) is flags -> one of these calls -> printing.

>>> import claimgraph
>>> project = claimgraph.load_project(copy_of_seed_project)
>>> claimgraph.check(project).ok
True
>>> answer = claimgraph.run_query(project, "shareholders", {"company": "Mistral AI"})
>>> print(answer.render())  # doctest: +ELLIPSIS +NORMALIZE_WHITESPACE
holder percentage basis since position modality source claim
...
ASML 11 2025-09-09 stated as fact techzine-2025-09-09-asml-mistral asml-holds-11-percent
...

Problems found in the data are returned (``report.problems``), never raised. Exceptions are
for what stops a call: a folder that is not a project (:class:`ProjectError`), an unknown
saved query or a bad parameter (:class:`QueryError`, :class:`ParameterError`), a server that
fails (:class:`EndpointError`), and the others exported from :mod:`claimgraph`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph import cache
from claimgraph.claims.loader import claim_files
from claimgraph.diff import DEFAULT_ROWS, ProjectDiff, diff_revisions
from claimgraph.pipeline import (ONTOLOGY_FILE, OUTPUT_FILES, BuildResult, ProjectError, built_file_states,
                                 dataset_for_queries, find_project_root, free_graphs, run_first_stages, run_stages,
                                 stale_outputs)
from claimgraph.pipeline import build as build_outputs
from claimgraph.problems import Problem, quoted
from claimgraph.progress import Progress
from claimgraph.queries.answers import NAME_INDEX_UPDATE, label_lookup, run_saved_query
from claimgraph.queries.expected import check_expectations, load_dataset
from claimgraph.queries.expected import update_expected as rewrite_expected
from claimgraph.queries.formats import first_rows, render, solutions
from claimgraph.queries.saved import (ParameterError, QueryError, SavedQuery, find_query, list_queries,
                                     query_from_text, STDIN)
from claimgraph.queries.scope import Scope
from claimgraph.rdf.serialization import Document
from claimgraph.rdf.namespaces import GRAPH_ASSERTED, GRAPH_HYPOTHETICAL, GRAPH_INFERRED, GRAPH_ONTOLOGY
from claimgraph.stamp import STAMP_FILE
from claimgraph.stores import persistent
from claimgraph.stores.embedded import EmbeddedEngine, QueryEngine, RawAnswer
from claimgraph.stores.remote import (Endpoint, EndpointError, GraphUpload, LoadReport, LoadState, RemoteEngine,
                                      check_targets, count_triples, graph_iri, load_graphs, remove_stale_staging)

GRAPH_NAMES = ("ontology", "asserted", "hypothetical", "inferred")
#: what the query store on disk holds besides the built graphs: the entity names, for lookups
STORE_INDEXES = (NAME_INDEX_UPDATE,)


class BuiltFileError(Exception):
    """A built file that a command reads is not valid RDF: build again (exit 1)."""


@dataclass(frozen=True)
class Project:
    """A claimgraph project: a folder with ``data/claims/`` and ``ontology/claimgraph.ttl``."""

    root: Path

    @property
    def claim_files(self) -> list[Path]:
        """The claim files, in the order every run reads them."""
        return claim_files(self.root)

    @property
    def queries(self) -> list[SavedQuery]:
        """The saved queries of ``queries/``, by name (raises :class:`QueryError` for a bad one)."""
        return list_queries(self.root)

    @property
    def dataset(self) -> Path:
        """The built TriG file (all four named graphs) that embedded queries answer from."""
        return self.root / OUTPUT_FILES["dataset"]


def load_project(path: str | os.PathLike[str] | Project = ".") -> Project:
    """The project at ``path`` or in the nearest folder above it.

    Raises :class:`ProjectError` when there is none.

    >>> load_project(".").root.joinpath("ontology", "claimgraph.ttl").is_file()
    True
    """
    if isinstance(path, Project):
        return path
    return Project(find_project_root(Path(path)))


def _errors(problems: list[Problem]) -> int:
    return sum(p.severity == "error" for p in problems)


@dataclass(frozen=True)
class BuildReport:
    """What :func:`build` found and wrote."""

    problems: list[Problem]
    claims: int
    #: triples per graph (asserted, hypothetical, inferred); empty when the build stopped
    triples: dict[str, int] = field(default_factory=dict)
    #: ``data/build/`` was replaced (False: nothing written, or every file already up to date)
    wrote: bool = False
    timings: dict[str, float] = field(default_factory=dict)
    #: one line about the query store when it was filled again or could not be (see :func:`open_store`)
    notice: str | None = None

    @property
    def ok(self) -> bool:
        """No error was found (then every built file is what the inputs give)."""
        return _errors(self.problems) == 0


def build(project: Project | str | os.PathLike[str] = ".", *, reasoner: str = "fast", validator: str = "fast",
          progress: Progress | None = None) -> BuildReport:
    """Validate, reason and write ``data/build/``: only when every stage passed, and all at once.

    ``reasoner`` is ``fast`` or ``owlrl`` (the reference); ``validator`` is ``fast`` or
    ``pyshacl`` (the reference).

    >>> report = build(copy_of_seed_project)
    >>> report.ok, report.claims > 0, sorted(report.triples)
    (True, True, ['asserted', 'hypothetical', 'inferred'])
    """
    project = load_project(project)
    result = build_outputs(project.root, reasoner=reasoner, validator=validator, progress=progress)
    triples, notice = {}, None
    if result.ok and result.graphs is not None:
        graphs = result.graphs
        triples = {"asserted": len(graphs.asserted), "hypothetical": len(graphs.hypothetical),
                   "inferred": len(graphs.inferred)}
        free_graphs(result)  # before the store fills
        notice = _keep_store(project, progress, "build")
    return BuildReport(list(result.problems), result.claims, triples, result.wrote, dict(result.timings), notice)


def validate(project: Project | str | os.PathLike[str] = ".", files: Iterable[str | os.PathLike[str]] | None = None,
             *, validator: str = "fast", progress: Progress | None = None) -> BuildReport:
    """Check claim files (all, or ``files``): format, entities, evidence quotes, SHACL shapes.

    Nothing is reasoned over or written; :func:`check` does everything CI does.
    """
    project = load_project(project)
    only = None if files is None else [Path(f).resolve() for f in files]
    result = run_stages(project.root, only=only, reason=False, validator=validator, progress=progress,
                        serialize=False)
    return BuildReport(list(result.problems), result.claims, {}, False, dict(result.timings))


@dataclass(frozen=True)
class CheckReport:
    """What :func:`check` found."""

    problems: list[Problem]
    claims: int
    #: None: every stage ran; ``"all"``: no input changed, the last check's findings are
    #: reused; ``"first-stages"``: only claim files changed and some do not load, so the others'
    #: findings are reused (:attr:`changed_files` of them changed)
    reused: str | None = None
    changed_files: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """No error was found (warnings may remain)."""
        return _errors(self.problems) == 0


def check(project: Project | str | os.PathLike[str] = ".", *, reasoner: str = "fast", validator: str = "fast",
          use_cache: bool = True, verify_build: bool = False, progress: Progress | None = None) -> CheckReport:
    """Everything CI checks: claims, evidence, SHACL, reasoning, built files, saved-query answers.

    Built files are compared with what a build would write through the stamp
    ``data/build/build.json`` (digests); ``verify_build`` makes every built file again and
    compares bytes instead. With ``use_cache``, the findings of the last check are reused when no
    input changed (``.claimgraph-cache/``).

    >>> report = check(copy_of_seed_project, use_cache=False)
    >>> report.ok, report.reused
    (True, None)
    """
    project = load_project(project)
    root = project.root
    options = {"reasoner": reasoner, "shacl": validator, **({"verify": "bytes"} if verify_build else {})}
    memo = cache.CheckCache(root, options)
    cached = memo.lookup(reuse=use_cache)
    if cached is not None:
        return CheckReport(cached.problems, cached.claims, "all")
    quick = cache.first_stage_findings(memo, run_first_stages) if use_cache else None
    if quick is not None:
        memo.save(quick.texts or [], quick.problems, quick.claims, quick.files)
        return CheckReport(quick.problems, quick.claims, "first-stages", quick.changed)
    progress = progress or Progress()
    result = run_stages(root, reasoner=reasoner, validator=validator, progress=progress, serialize=False)
    problems = list(result.problems)
    if result.ok:
        try:
            progress.stage("compare built files")
            states = built_file_states(result, verify=verify_build)
            problems += stale_outputs(result, states)
            # in memory, not from the store on disk: there the listings' joins run slower than the
            # TriG loads and answers (benchmarks/RESULTS.md, session 14); `build` fills the store
            problems += check_expectations(root, dataset_for_queries(result, states), progress)
        finally:
            progress.finish()
    memo.save(result.texts, problems, result.claims, result.files)
    return CheckReport(problems, result.claims, None, 0, dict(result.timings))


@dataclass(frozen=True)
class ExpectedUpdate:
    """What :func:`update_expected` rewrote (nothing when the run found errors: see ``problems``)."""

    changed: list[Path]
    problems: list[Problem] = field(default_factory=list)
    #: per file changed: rows added and removed (a changed row counts once in each)
    rows: dict[Path, tuple[int, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return _errors(self.problems) == 0


def update_expected(project: Project | str | os.PathLike[str] = ".", names: Iterable[str] | None = None, *,
                    progress: Progress | None = None) -> ExpectedUpdate:
    """Rewrite the expected answers (``queries/expected/``) of all saved queries, or of ``names``,
    from the current claims; return the files that changed.

    Raises :class:`QueryError` for an unknown name or a bad query file, and
    :class:`ParameterError` when a query's parameter example does not fit the data.
    """
    project = load_project(project)
    progress = progress or Progress()
    result = run_stages(project.root, progress=progress, serialize=False)
    if not result.ok:
        return ExpectedUpdate([], list(result.problems))
    try:
        dataset = _current_dataset(result)
        changed = rewrite_expected(project.root, dataset, list(names or []) or None, progress)
    finally:
        progress.finish()
    rows = {path: (len(c.added) + len(c.changed), len(c.removed) + len(c.changed)) for path, c in changed.items()}
    return ExpectedUpdate(list(changed), list(result.problems), rows)


def _current_dataset(result: BuildResult) -> Document | Path:
    """The TriG that answers for the run: the committed one when it is what the run makes
    (only that file is compared)."""
    return dataset_for_queries(result, built_file_states(result, names=["dataset"]))


@dataclass(frozen=True)
class QueryAnswer:
    """A saved query's answer; :meth:`render` gives it as text."""

    query: SavedQuery
    answer: RawAnswer
    engine: QueryEngine = field(repr=False, compare=False)
    #: one line about the query store when it was filled first or could not be used (:func:`open_store`)
    notice: str | None = field(default=None, compare=False)
    #: the page shown (from 1) of a paginated query, and whether another follows; None: every row
    page: int | None = None
    more: bool = False

    def render(self, fmt: str | None = None, *, lang: str = "en", width: int | None = None) -> str:
        """The answer as text: ``table`` (the default for SELECT and ASK, with labels in
        ``lang``; with ``width``, long values are shortened with an ellipsis to fit it), ``csv``,
        ``tsv``, ``json``, ``xml`` or ``turtle`` (the default for CONSTRUCT), never shortened.
        A table of one page of a listing ends with a line that says how to get the rest.

        Raises :class:`FormatError` when the format does not fit the query's form.
        """
        default = "turtle" if self.query.form in ("CONSTRUCT", "DESCRIBE") else "table"
        text = render(self.answer, fmt or default, labels=label_lookup(self.engine, lang), width=width)
        if (fmt or default) == "table" and self.page is not None and (self.more or self.page > 1):
            text += self.page_line() + "\n"
        return text

    def page_line(self) -> str:
        """Which rows this page holds, and the flags for the next page and for every row."""
        size = self.query.pagination or 0
        rows = len(list(solutions(self.answer)))
        first = ((self.page or 1) - 1) * size
        if not rows:
            return f"page {self.page} of '{self.query.name}' is past its last page; every row: --all"
        where = f"page {self.page} of '{self.query.name}' (rows {first + 1}-{first + rows}"
        if self.more:
            return f"{where}); next: --page {(self.page or 1) + 1}; every row: --all"
        return f"{where}, the last); every row: --all"


def run_query(project: Project | str | os.PathLike[str], name: str,
              params: Mapping[str, str] | None = None, *, asserted_only: bool = False,
              endpoint: Endpoint | None = None, engine: QueryEngine | None = None,
              progress: Progress | None = None, text: str | None = None,
              scope: Scope | None = None, page: int | None = None, paged: bool = False) -> QueryAnswer:
    """Run the saved query ``name`` (or a path to a ``.rq`` file) with ``params`` (parameter
    name -> an IRI, a CURIE, or an entity's label or alias).

    It answers from the query store of the built graphs (:func:`open_store`), or from
    ``endpoint`` (a SPARQL server loaded with :func:`upload`), or from ``engine`` (a store
    already open, to ask several questions). With ``text``, the query is that text (``name``
    then only names it in messages: ``<stdin>`` by default; the ``#+`` header may be left out).
    ``scope`` limits the answer to the claims of some sources, a publication period or some
    modalities (:class:`Scope`).

    ``page`` (from 1) gives only that page of a query with ``#+ pagination: N`` (its ORDER BY
    fixes the order); ``paged`` gives page ``page or 1`` of such a query and every row of any
    other; without either, every row. Raises :class:`QueryError` for a page of a query that has
    none.

    >>> answer = run_query(copy_of_seed_project, "shareholders", {"company": "Mistral AI"})
    >>> "ASML" in answer.render()
    True
    """
    project = load_project(project)
    saved = query_from_text(text, name if name.startswith("<") else STDIN) if text is not None \
        else find_query(project.root, name)
    if paged and page is None and saved.pagination is not None:
        page = 1
    if page is not None and (saved.pagination is None or page < 1):
        raise QueryError(f"query '{saved.name}' has no page {page}" + (
            "" if saved.pagination else " (it is not paginated: its header has no '#+ pagination: N')"))
    notice = None
    if engine is None:
        if endpoint is not None:
            engine = open_endpoint(endpoint)
        else:
            engine, notice = open_store(project, progress)
    answer = run_saved_query(engine, saved, dict(params or {}), asserted_only=asserted_only, scope=scope,
                             page=page)
    more = False
    if page is not None:
        answer, more = first_rows(answer, saved.pagination or 0)
    return QueryAnswer(saved, answer, engine, notice, page, more)


def open_store(project: Project | str | os.PathLike[str] = ".", progress: Progress | None = None,
               command: str = "query") -> tuple[EmbeddedEngine, str | None]:
    """The query store of the built graphs (``.claimgraph-cache/store-*``, on disk, opened
    read-only: the TriG is not parsed), and a one-line notice for the user, or None.

    When the store is missing or belongs to another build, it is filled from the built TriG
    first (the notice says so). When the cache folder cannot be used (a symbolic link, read
    only, disk full), the answer comes from the TriG loaded into memory (:func:`open_dataset`),
    and the notice says that. Raises as :func:`open_dataset` does.
    """
    project = load_project(project)
    found = _store_or_path(project, progress, command)
    if isinstance(found[0], Path):
        return open_dataset(project, progress), found[1]
    return found  # type: ignore[return-value]


def _store_or_path(project: Project, progress: Progress | None, command: str) -> tuple[EmbeddedEngine | Path, str | None]:
    """The current store, filled first if needed; or the built TriG's path when the store
    cannot be used (with the notice why)."""
    root, dataset = project.root, project.dataset
    if not dataset.is_file():
        raise ProjectError(f"{OUTPUT_FILES['dataset'].as_posix()} not found; run `claimgraph build` first")
    try:
        engine = persistent.open_current(root, dataset, root / STAMP_FILE, STORE_INDEXES)
        if engine is not None:
            return engine, None
        filled = _fill_store(project, progress)
        return persistent.open_generation(filled.path), _filled_notice(filled, command)
    except OSError as exc:  # StoreUnavailable, or a generation just made that does not open
        where = OUTPUT_FILES["dataset"].as_posix()
        return dataset, f"{command}: {exc}; answered from {where} in memory this time"


def _fill_store(project: Project, progress: Progress | None) -> persistent.Filled:
    try:
        return persistent.ensure_store(project.root, project.dataset, project.root / STAMP_FILE, progress,
                                       STORE_INDEXES)
    except SyntaxError as exc:
        where = OUTPUT_FILES["dataset"].as_posix() + (f":{exc.lineno}" if exc.lineno else "")
        raise BuiltFileError(f"{where}: not valid TriG ({exc.msg}); run `claimgraph build` to regenerate it") from None


def _filled_notice(filled: persistent.Filled, command: str) -> str | None:
    if filled.reason is None:
        return None
    why = "was missing" if filled.reason == "missing" else "belonged to another build"
    return (f"{command}: the query store {persistent.CACHE_DIR.as_posix()}/{filled.path.name} {why}; filled it "
            f"from {OUTPUT_FILES['dataset'].as_posix()} in {filled.seconds:.1f} s")


def _keep_store(project: Project, progress: Progress | None, command: str) -> str | None:
    """Fill the query store for the built files unless it is current; the notice to show."""
    try:
        return _filled_notice(_fill_store(project, progress), command)
    except persistent.StoreUnavailable as exc:
        return f"{command}: {exc}; `claimgraph query` will answer from memory"


def open_dataset(project: Project | str | os.PathLike[str] = ".", progress: Progress | None = None) -> EmbeddedEngine:
    """The built TriG loaded into an embedded (in-memory) store.

    Raises :class:`ProjectError` when it is not built, :class:`BuiltFileError` when it is not TriG.
    """
    project = load_project(project)
    if not project.dataset.is_file():
        raise ProjectError(f"{OUTPUT_FILES['dataset'].as_posix()} not found; run `claimgraph build` first")
    try:
        return load_dataset(project.dataset, progress)
    except SyntaxError as exc:
        where = OUTPUT_FILES["dataset"].as_posix() + (f":{exc.lineno}" if exc.lineno else "")
        raise BuiltFileError(f"{where}: not valid TriG ({exc.msg}); run `claimgraph build` to regenerate it") from None
    finally:
        if progress is not None:
            progress.finish()


def open_endpoint(endpoint: Endpoint) -> RemoteEngine:
    """A SPARQL server that claimgraph's graphs were uploaded to, checked: raises
    :class:`EndpointError` when its asserted graph is empty (not loaded)."""
    engine = RemoteEngine(endpoint)
    if engine.graph_size(str(GRAPH_ASSERTED)) == 0:
        raise EndpointError(f"the endpoint has no triples in <{GRAPH_ASSERTED}>; "
                            f"run `claimgraph load --endpoint {endpoint.query_url}` first")
    return engine


def parse_graph_overrides(items: Iterable[str]) -> dict[str, str]:
    """``NAME=IRI`` texts (``load --graph``) as the ``graphs`` of :func:`built_graph_files`;
    raises :class:`ValueError` for one without ``=`` or with another name. The IRIs are checked
    there."""
    overrides = {}
    for item in items:
        name, sep, iri = item.partition("=")
        if not sep or name not in GRAPH_NAMES:
            raise ValueError(_not_a_graph(item))
        overrides[name] = iri
    return overrides


def _not_a_graph(item: str) -> str:
    return f"{quoted(item)}: write NAME=IRI with NAME one of {', '.join(GRAPH_NAMES)}"


def built_graph_files(project: Project | str | os.PathLike[str] = ".",
                      graphs: Mapping[str, str] | None = None) -> list[GraphUpload]:
    """What :func:`upload` sends: each graph's file, target IRI (``graphs`` overrides by name:
    ontology, asserted, hypothetical, inferred) and triple count.

    Raises :class:`ValueError` for a bad override, :class:`ProjectError` when a file is not
    built, :class:`BuiltFileError` when one is not Turtle.
    """
    project = load_project(project)
    root = project.root
    files = {"ontology": (GRAPH_ONTOLOGY, root / ONTOLOGY_FILE),
             "asserted": (GRAPH_ASSERTED, root / OUTPUT_FILES["asserted"]),
             "hypothetical": (GRAPH_HYPOTHETICAL, root / OUTPUT_FILES["hypothetical"]),
             "inferred": (GRAPH_INFERRED, root / OUTPUT_FILES["inferred"])}
    iris = {name: str(iri) for name, (iri, _) in files.items()}
    for name, iri in (graphs or {}).items():
        if name not in files:
            raise ValueError(_not_a_graph(f"{name}={iri}"))
        try:
            iris[name] = graph_iri(iri)  # checked here, and written as a term wherever it is used
        except ValueError as exc:
            raise ValueError(f"{name}={exc}") from None
    check_targets([GraphUpload(name, iris[name], path, 0) for name, (_, path) in files.items()])
    uploads = []
    for name, (_, path) in files.items():
        display = path.relative_to(root).as_posix()
        if not path.is_file():
            raise ProjectError(f"{display} not found; run `claimgraph build` first")
        try:
            triples = count_triples(path)
        except SyntaxError as exc:
            raise BuiltFileError(f"{display} is not valid Turtle ({exc}); "
                                 "run `claimgraph build` to regenerate it") from None
        uploads.append(GraphUpload(name, iris[name], path, triples))
    return uploads


def upload(project: Project | str | os.PathLike[str], endpoint: Endpoint, *,
           graphs: Mapping[str, str] | None = None, files: list[GraphUpload] | None = None,
           replace: bool = True, on_bytes: Callable[[int], None] | None = None,
           state: LoadState | None = None) -> LoadReport:
    """Upload the built graphs to a SPARQL server, each into its named graph.

    ``replace`` (the default) swaps all of them in at once through staging graphs; ``replace``
    off appends to each graph in turn. ``on_bytes(n)`` hears of every ``n`` bytes sent;
    ``state`` records how far the load got (for a message after an interruption).
    ``files`` is what :func:`built_graph_files` gave, if the caller already asked (then
    ``graphs`` is not used). Raises :class:`EndpointError` when the server fails.
    """
    uploads = files if files is not None else built_graph_files(project, graphs)
    return load_graphs(endpoint, uploads, replace=replace, progress=on_bytes,
                       state=state or LoadState("replace" if replace else "append"))


def diff(project: Project | str | os.PathLike[str], base: str, head: str | None = None, *,
         rows: int = DEFAULT_ROWS) -> ProjectDiff:
    """What the project's change from git revision ``base`` to ``head`` (None: the work tree)
    does: claims added, removed or changed, asserted and inferred triples, and the saved
    queries whose answers changed (:meth:`ProjectDiff.render` gives Markdown or JSON).

    Nothing is written: ``base`` is read with ``git archive`` into a temporary folder. Raises
    :class:`GitError` for a bad revision or a project outside a git repository, and
    :class:`SideError` when a side's data has errors.
    """
    return diff_revisions(load_project(project).root, base, head, rows=rows)


def remove_staging(endpoint: Endpoint) -> int:
    """Remove the staging graphs that interrupted loads left on the server; return how many."""
    return remove_stale_staging(endpoint)


