"""Expected answers of the saved queries: ``queries/expected/NAME.tsv`` (or ``.nt``).

Each saved query runs with its parameters' examples (required ones) and defaults; the
answer, sorted so it is stable, must equal the committed file. ``claimgraph
update-expected`` rewrites the files on purpose. Queries marked ``#+ check: true`` must
return no rows: each row is a problem.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from claimgraph.queries.answers import run_saved_query
from claimgraph.stores.embedded import EmbeddedEngine, EngineError, QueryEngine, RawAnswer
from claimgraph.progress import Progress
from claimgraph.problems import Location, Problem, relative_path
from claimgraph.paths import read_file, writable_folder
from claimgraph.queries.saved import QUERY_DIR, ParameterError, QueryError, SavedQuery, load_query, query_files
from claimgraph.queries.formats import sorted_expected, solutions
from claimgraph.rdf.serialization import Document, write_all_atomically

EXPECTED_DIR = QUERY_DIR / "expected"

# Oxigraph answers without holding Python's lock, so queries run at once on several cores, which
# shortens the saved queries' total (benchmarks/RESULTS.md)
QUERY_THREADS = max(1, min(4, os.cpu_count() or 1))


def expected_path(root: Path, query: SavedQuery) -> Path:
    """``queries/expected/NAME.tsv``: a table for every form (CONSTRUCT: one row a triple)."""
    return root / EXPECTED_DIR / f"{query.name}.tsv"


def example_values(query: SavedQuery) -> dict[str, str]:
    return {p.name: p.example for p in query.params if p.required and p.example is not None}


def current_answer(engine: QueryEngine, query: SavedQuery) -> str:
    return sorted_expected(_example_answer(engine, query))


def load_dataset(dataset: Document | Path | EmbeddedEngine, progress: Progress | None = None) -> EmbeddedEngine:
    """The built dataset in an embedded store, from its TriG: a file, or the one a run made
    (a store already loaded is taken as it is).

    With ``progress``, a stage "load dataset" reports the bytes read (of the file's size; a
    run's TriG has no size until it is all made, so its total is 0).
    """
    if isinstance(dataset, EmbeddedEngine):
        return dataset
    on_read = None
    if progress is not None:
        progress.stage("load dataset")
        on_read = partial(progress.step, unit="bytes")
    if isinstance(dataset, Path):
        return EmbeddedEngine.from_trig(dataset, on_read=on_read)
    return EmbeddedEngine.from_trig_document(dataset, on_read=on_read)


def check_expectations(root: Path, dataset: Document | Path | EmbeddedEngine,
                       progress: Progress | None = None) -> list[Problem]:
    """Run every saved query on the TriG ``dataset`` (see ``pipeline.dataset_for_queries``), or
    on a store it is already loaded in, and compare with its expected file; ``progress`` sees
    the load and each query."""
    problems: list[Problem] = []
    queries, load_problems = _load_all(root)
    problems += load_problems
    engine = load_dataset(dataset, progress)
    run = partial(_example_answer, engine)
    for query, outcome in _each_answer(queries, run, progress):
        display = relative_path(query.path, root)
        try:
            answer = outcome.result()
        except (ParameterError, EngineError) as exc:
            problems.append(Problem(Location(display), f"query '{query.name}' failed: {exc}",
                                    "fix the query or its parameter examples", code="query"))
            continue
        if query.is_check:
            problems += _check_rows(query, answer, display)
        problems += _compare(root, query, sorted_expected(answer))
    return problems


def update_expected(root: Path, dataset: Document | Path, names: list[str] | None = None,
                    progress: Progress | None = None) -> dict[Path, RowChanges]:
    """Rewrite expected files (all, or the named queries); return the files that changed, each
    with what changed in it."""
    queries, load_problems = _load_all(root)
    if load_problems:
        raise QueryError(load_problems[0].message)
    if names:
        unknown = sorted(set(names) - {q.name for q in queries})
        if unknown:
            raise QueryError(f"unknown query name(s): {', '.join(unknown)}")
        queries = [q for q in queries if q.name in names]
    engine = load_dataset(dataset, progress)
    files = {}
    for query, outcome in _each_answer(queries, partial(current_answer, engine), progress):
        try:
            files[expected_path(root, query)] = outcome.result().encode("utf-8")
        except ParameterError as exc:
            raise ParameterError(f"query '{query.name}': {exc}") from None
    writable_folder(root, EXPECTED_DIR)
    before = {p: _previous(p, root) for p in files}
    changed = {p: b for p, b in files.items() if before[p] != b}
    write_all_atomically(changed)
    return {p: row_changes((before[p] or b"").decode("utf-8", errors="replace"), changed[p].decode("utf-8"))
            for p in sorted(changed)}


def _previous(path: Path, root: Path) -> bytes | None:
    try:
        return read_file(path, root)
    except FileNotFoundError:
        return None


def _example_answer(engine: QueryEngine, query: SavedQuery) -> RawAnswer:
    return run_saved_query(engine, query, example_values(query), tsv=True)


def _each_answer(queries: list[SavedQuery], run: Callable[[SavedQuery], object],
                 progress: Progress | None) -> Iterator[tuple[SavedQuery, Future]]:
    """Every query with the outcome of ``run(query)`` (a finished future: its ``result()``
    returns the answer or raises what ``run`` raised), in the queries' order, whichever
    finished first; up to :data:`QUERY_THREADS` run at once. A "saved queries" stage counts
    them for ``progress``."""
    progress = progress or Progress()
    progress.stage("saved queries")
    executor = ThreadPoolExecutor(QUERY_THREADS, thread_name_prefix="claimgraph-query")
    try:
        outcomes = [executor.submit(run, query) for query in queries]
        for number, (query, outcome) in enumerate(zip(queries, outcomes)):
            progress.step(number, len(queries), "queries")
            outcome.exception()  # waits for it
            yield query, outcome
        progress.step(len(queries), len(queries), "queries")
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _load_all(root: Path) -> tuple[list[SavedQuery], list[Problem]]:
    queries, problems = [], []
    for path in query_files(root):
        try:
            queries.append(load_query(path, root))
        except QueryError as exc:
            problems.append(Problem(Location(relative_path(path, root)), str(exc),
                                    "fix the query file", code="query"))
    return queries, problems


def _check_rows(query: SavedQuery, answer, display: str) -> list[Problem]:
    result = solutions(answer)
    found = []
    for row in result:
        cells = ", ".join(f"{v.value}={row[v].value}" for v in result.variables if row[v] is not None)
        found.append(Problem(Location(display), f"check '{query.name}': {cells}",
                             query.summary, code="check-query"))
    return found


def _compare(root: Path, query: SavedQuery, actual: str) -> list[Problem]:
    path = expected_path(root, query)
    display = relative_path(path, root)
    try:
        expected = read_file(path, root).decode("utf-8", errors="replace")
    except FileNotFoundError:
        return [Problem(Location(display), f"query '{query.name}' has no expected answer",
                        f"review the answer and run `claimgraph update-expected {query.name}`",
                        code="expected")]
    except OSError as exc:
        return [Problem(Location(display), f"expected answer not read: {exc}",
                        "replace it with a regular file inside the project", code="expected")]
    if expected == actual:
        return []
    changes = row_changes(expected, actual)
    return [Problem(Location(display), f"query '{query.name}' answers differently than expected: "
                    f"{changes.summary()}",
                    f"if the change is intended, run `claimgraph update-expected {query.name}` and commit",
                    code="expected", detail="\n".join(changes.lines()))]


#: the rows of one query's difference that check prints; the rest are counted
SHOWN_ROWS = 20


@dataclass(frozen=True)
class RowChanges:
    """How a query's answer differs from its expected one, row by row (a row is a line of
    :func:`sorted_expected`). A removed and an added row that agree on at least half of the
    columns count as one changed row."""

    columns: list[str]
    added: list[list[str]]
    removed: list[list[str]]
    changed: list[tuple[list[str], list[str]]]

    def summary(self) -> str:
        return f"{len(self.added)} row(s) added, {len(self.removed)} removed, {len(self.changed)} changed"

    def lines(self, limit: int | None = None) -> list[str]:
        """The changed rows: ``~`` a changed one (the cells it keeps that name it, then each
        cell that changed, old -> new), ``+`` an added one, ``-`` a removed one; at most
        ``limit`` (default :data:`SHOWN_ROWS`), then how many more there are."""
        limit = SHOWN_ROWS if limit is None else limit
        shown = [f"~ {self._kept(old, new)}{'  ' if self._kept(old, new) else ''}"
                 + "  ".join(f"{c}: {o or '(none)'} -> {n or '(none)'}"
                             for c, o, n in zip(self.columns, old, new) if o != n)
                 for old, new in self.changed]
        shown += [f"+ {self._cells(row)}" for row in self.added]
        shown += [f"- {self._cells(row)}" for row in self.removed]
        if len(shown) > limit:
            shown = shown[:limit] + [f"... and {len(shown) - limit} more"]
        return shown

    def _cells(self, row: list[str]) -> str:
        return "  ".join(f"{c}={v}" for c, v in zip(self.columns, row) if v)

    def _kept(self, old: list[str], new: list[str], most: int = 3) -> str:
        kept = [(c, o) for c, o, n in zip(self.columns, old, new) if o == n and o]
        named = [pair for pair in kept if pair[0] == "?claim"] or kept[:most]
        return "  ".join(f"{c}={v}" for c, v in named)


def row_changes(expected: str, actual: str) -> RowChanges:
    """Compare two expected-answer texts row by row (the first line holds the columns)."""
    old_lines, new_lines = expected.splitlines(), actual.splitlines()
    columns = (new_lines or old_lines or [""])[0].split("\t")
    if old_lines[:1] != new_lines[:1] and old_lines and new_lines:  # other columns: every row differs
        old_rows, new_rows = Counter(old_lines), Counter(new_lines)
    else:
        old_rows, new_rows = Counter(old_lines[1:]), Counter(new_lines[1:])
    removed = sorted((old_rows - new_rows).elements())
    added = sorted((new_rows - old_rows).elements())
    width = len(columns)
    changed, still_added = [], [line.split("\t") for line in added]
    still_removed = []
    for line in removed:
        row = line.split("\t")
        best, best_same = None, 0
        for index, candidate in enumerate(still_added):
            same = sum(a == b for a, b in zip(row, candidate))
            if same > best_same:
                best, best_same = index, same
        if best is not None and len(row) == width and 2 * best_same >= width:
            changed.append((row, still_added.pop(best)))
        else:
            still_removed.append(row)
    return RowChanges(columns, still_added, still_removed, changed)
