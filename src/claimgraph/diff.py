"""What a change does to a project: claims, triples and saved-query answers of two revisions.

The base revision's files come from ``git archive`` into a temporary folder (the user's work
tree, index and branches are never touched); the other side is another revision, or the work
tree as it is (only read). Each side runs the pipeline's stages in memory (nothing is written)
and its saved queries with their parameters' examples, as ``check`` runs them. The diff is
then rendered as Markdown (a pull request's comment or job summary) or JSON, deterministically.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.claims.loader import CLAIMS_DIR
from claimgraph.claims.yamlsource import YamlSourceError, YMap, YNull, read_yaml
from claimgraph.git import GitError, export_revision, resolve_revision
from claimgraph.paths import claim_files
from claimgraph.pipeline import ONTOLOGY_FILE, dataset_for_queries, run_stages
from claimgraph.problems import printable, relative_path
from claimgraph.queries.answers import label_lookup
from claimgraph.queries.expected import current_answer, load_dataset
from claimgraph.queries.formats import compact_iri
from claimgraph.queries.saved import ParameterError, QueryError, load_query, query_files
from claimgraph.rdf.namespaces import PREFIXES
from claimgraph.stores.embedded import EngineError

#: rows of each list shown (triples, a query's changed rows); counts are always complete
DEFAULT_ROWS = 20
DIFF_FORMATS = ("markdown", "json")


class SideError(Exception):
    """One side of the diff has errors in its data, so it cannot be built (exit 1)."""


@dataclass(frozen=True)
class ClaimView:
    """A claim as its file writes it."""

    id: str
    source: str
    file: str
    type: str
    modality: str
    evidence: str
    #: the claim's YAML mapping as plain data (what "changed" compares)
    content: dict[str, object]


@dataclass
class Side:
    """One revision (or the work tree): its claims, triples and saved-query answers."""

    name: str
    commit: str | None
    claims: dict[tuple[str, str], ClaimView]
    asserted: set[tuple[str, str, str]]
    inferred: set[tuple[str, str, str]]
    #: query name -> its answer as in an expected file (sorted TSV, or N-Triples lines)
    answers: dict[str, str]
    labels: Callable[[list[str]], dict[str, str]] = field(repr=False)


@dataclass(frozen=True)
class TripleChanges:
    added: int
    removed: int
    added_rows: list[tuple[str, str, str]]
    removed_rows: list[tuple[str, str, str]]


@dataclass(frozen=True)
class AnswerChange:
    """A saved query whose answer differs: its columns and the rows only one side has."""

    name: str
    columns: list[str]
    added: int
    removed: int
    added_rows: list[list[str]]
    removed_rows: list[list[str]]


@dataclass(frozen=True)
class ClaimChange:
    before: ClaimView
    after: ClaimView

    @property
    def fields(self) -> list[str]:
        keys = set(self.before.content) | set(self.after.content)
        return sorted(k for k in keys if self.before.content.get(k) != self.after.content.get(k))


@dataclass(frozen=True)
class ProjectDiff:
    """What changes from ``base`` to ``head``."""

    base: tuple[str, str | None]
    head: tuple[str, str | None]
    added: list[ClaimView]
    removed: list[ClaimView]
    changed: list[ClaimChange]
    asserted: TripleChanges
    inferred: TripleChanges
    answers: list[AnswerChange]
    #: IRI -> label, for every IRI of a shown row that has one
    labels: dict[str, str]
    rows: int

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.answers or self.asserted.added
                    or self.asserted.removed or self.inferred.added or self.inferred.removed)

    def render(self, fmt: str = "markdown") -> str:
        """The diff as ``markdown`` or ``json`` (sorted keys)."""
        if fmt == "json":
            return json.dumps(self.as_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        if fmt == "markdown":
            return _markdown(self)
        raise ValueError(f"unknown diff format {fmt!r}; use one of {', '.join(DIFF_FORMATS)}")

    def as_dict(self) -> dict[str, object]:
        def claim(view: ClaimView) -> dict[str, object]:
            return {"id": view.id, "source": view.source, "file": view.file, "type": view.type,
                    "modality": view.modality, "evidence": view.evidence}

        def triples(changes: TripleChanges) -> dict[str, object]:
            return {"added": changes.added, "removed": changes.removed,
                    "added_rows": [list(t) for t in changes.added_rows],
                    "removed_rows": [list(t) for t in changes.removed_rows]}

        return {
            "base": {"revision": self.base[0], "commit": self.base[1]},
            # the work tree: no revision, no commit
            "head": {"revision": self.head[0] if self.head[1] else None, "commit": self.head[1]},
            "claims": {
                "added": [claim(c) for c in self.added],
                "removed": [claim(c) for c in self.removed],
                "changed": [{"id": c.after.id, "source": c.after.source, "file": c.after.file, "fields": c.fields,
                             "evidence": {"before": c.before.evidence, "after": c.after.evidence}}
                            for c in self.changed],
            },
            "triples": {"asserted": triples(self.asserted), "inferred": triples(self.inferred)},
            "queries": [{"name": a.name, "columns": a.columns, "added": a.added, "removed": a.removed,
                         "added_rows": a.added_rows, "removed_rows": a.removed_rows} for a in self.answers],
            "labels": dict(sorted(self.labels.items())),
            "rows_shown": self.rows,
        }


def diff_revisions(root: Path, base: str, head: str | None = None, *, rows: int = DEFAULT_ROWS) -> ProjectDiff:
    """The diff of the project at ``root`` from revision ``base`` to revision ``head`` (None:
    the work tree). Raises :class:`GitError` for a bad revision or a folder outside a git
    repository, :class:`SideError` when a side's data has errors."""
    base_commit = resolve_revision(root, base)
    head_commit = resolve_revision(root, head) if head is not None else None
    with tempfile.TemporaryDirectory(prefix="claimgraph-diff-") as scratch:
        base_root = _exported(root, base_commit, Path(scratch) / "base")
        before = read_side(base_root, base, base_commit)
        head_root = _exported(root, head_commit, Path(scratch) / "head") if head_commit else root
        after = read_side(head_root, head or "work tree", head_commit)
        return compare(before, after, rows=rows)


def _exported(root: Path, commit: str, target: Path) -> Path:
    folder = export_revision(root, commit, target)
    if not (folder / CLAIMS_DIR).is_dir() or not (folder / ONTOLOGY_FILE).is_file():
        raise GitError(f"commit {commit[:12]} has no claimgraph project in this folder (no {CLAIMS_DIR}/ and "
                       f"{ONTOLOGY_FILE}); name a revision that has it")
    return folder


def read_side(root: Path, name: str, commit: str | None = None) -> Side:
    """Build the project at ``root`` in memory and answer its saved queries."""
    result = run_stages(root, serialize=False)
    if not result.ok or result.graphs is None:
        errors = result.problems.errors
        first = errors[0].as_text() if errors else "the run stopped"
        raise SideError(f"{name} does not build ({len(errors)} error(s); the first: {first}); "
                        "run `claimgraph check` on it and fix them")
    asserted = _triples(result.graphs.asserted)
    inferred = _triples(result.graphs.inferred)
    claims = _claims(root)
    engine = load_dataset(dataset_for_queries(result, {}))
    answers = {}
    for path in query_files(root):
        try:
            query = load_query(path, root)
        except QueryError as exc:
            answers[path.stem] = f"error: {exc}\n"
            continue
        try:
            answers[query.name] = current_answer(engine, query)
        except (EngineError, ParameterError) as exc:  # a parameter example that does not fit the data
            answers[query.name] = f"error: {exc}\n"
    return Side(name, commit, claims, asserted, inferred, answers, label_lookup(engine, "en"))


def _triples(graph) -> set[tuple[str, str, str]]:
    return {(s.n3(), p.n3(), o.n3()) for s, p, o in graph}


def _claims(root: Path) -> dict[tuple[str, str], ClaimView]:
    """Every claim by (source id, claim id): a claim id is unique only in its article's file."""
    found = {}
    for path in claim_files(root):
        display = relative_path(path, root)
        try:
            document = read_yaml(path, display, root=root)
        except YamlSourceError:  # it loaded in run_stages; read again only for its text
            continue
        if not isinstance(document, YMap):
            continue
        source = document.get("source")
        source_id = str(source.get("id", "")) if isinstance(source, YMap) else ""
        items = document.get("claims")
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, YMap) or not isinstance(item.get("id"), str):
                continue
            content = {str(k): _plain(v) for k, v in item.items()}
            found[(source_id, str(item["id"]))] = ClaimView(
                str(item["id"]), source_id, display, str(content.get("type", "")), str(content.get("modality", "")),
                str(content.get("evidence", "")), content)
    return found


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, YNull) or value is None:
        return None
    return str(value)


def compare(before: Side, after: Side, *, rows: int = DEFAULT_ROWS) -> ProjectDiff:
    """What changes from ``before`` to ``after``; ``rows`` of each list are kept."""
    added = [after.claims[k] for k in sorted(after.claims.keys() - before.claims.keys())]
    removed = [before.claims[k] for k in sorted(before.claims.keys() - after.claims.keys())]
    changed = [ClaimChange(before.claims[k], after.claims[k]) for k in sorted(after.claims.keys() & before.claims.keys())
               if before.claims[k].content != after.claims[k].content]
    asserted = _triple_changes(before.asserted, after.asserted, rows)
    inferred = _triple_changes(before.inferred, after.inferred, rows)
    answers = [change for name in sorted(before.answers.keys() | after.answers.keys())
               if (change := _answer_change(name, before.answers.get(name, ""), after.answers.get(name, ""), rows))]
    shown_after = [*asserted.added_rows, *inferred.added_rows, *(r for a in answers for r in a.added_rows)]
    shown_before = [*asserted.removed_rows, *inferred.removed_rows, *(r for a in answers for r in a.removed_rows)]
    labels = {**_labels(before, shown_before + shown_after), **_labels(after, shown_after + shown_before)}
    return ProjectDiff((before.name, before.commit), (after.name, after.commit), added, removed, changed,
                       asserted, inferred, answers, labels, rows)


def _triple_changes(before: set[tuple[str, str, str]], after: set[tuple[str, str, str]], rows: int) -> TripleChanges:
    added, removed = sorted(after - before), sorted(before - after)
    return TripleChanges(len(added), len(removed), added[:rows], removed[:rows])


def _answer_change(name: str, before: str, after: str, rows: int) -> AnswerChange | None:
    """A SELECT answer's rows under its header (``?name`` columns); any other answer (ASK,
    CONSTRUCT's N-Triples, an error) line by line."""
    if before == after:
        return None
    old, new = before.splitlines(), after.splitlines()
    header = next((lines[0] for lines in (new, old) if lines and lines[0].startswith("?")), None)
    if header is not None:
        columns = [c[1:] for c in header.split("\t")]
        old, new = ([line for i, line in enumerate(lines) if i or not line.startswith("?")] for lines in (old, new))
    else:
        columns = ["answer"]
    gained = sorted((Counter(new) - Counter(old)).elements())
    lost = sorted((Counter(old) - Counter(new)).elements())

    def cells(line: str) -> list[str]:
        return line.split("\t") if header is not None else [line]

    return AnswerChange(name, columns, len(gained), len(lost), [cells(r) for r in gained[:rows]],
                        [cells(r) for r in lost[:rows]])


_IRI = re.compile(r"<([^<>\s]*)>")
#: a whole cell that is a CURIE of the project's prefixes, as expected answers write IRIs
_CURIE = re.compile(r"([a-z][a-z0-9]*):([^\s\"<>]+)")
_NAMESPACES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def _cell_iri(cell: str) -> str | None:
    """The IRI a whole cell names, written ``<IRI>`` or as a project CURIE; else None."""
    whole = _IRI.fullmatch(cell)
    if whole:
        return whole.group(1)
    curie = _CURIE.fullmatch(cell)
    if curie and curie.group(1) in _NAMESPACES:
        return _NAMESPACES[curie.group(1)] + curie.group(2)
    return None


def _labels(side: Side, shown: list) -> dict[str, str]:
    iris = {m.group(1) for row in shown for cell in row for m in _IRI.finditer(cell)}
    iris |= {iri for row in shown for cell in row if (iri := _cell_iri(cell)) is not None}
    return side.labels(sorted(iris)) if iris else {}


# -- Markdown -----------------------------------------------------------------------------------

#: every character that Markdown (GitHub's) or HTML could read as markup, a mention (@) or an
#: issue reference (#): written with a backslash, which CommonMark allows before any punctuation
_MARKUP = re.compile(r"([\\`*_{}\[\]<>()#!|~@&$])")


def md_text(text: str) -> str:
    """``text`` as literal Markdown: control characters as escapes, markup characters escaped,
    so no value from the data can make a table cell, a link, a mention or HTML."""
    return _MARKUP.sub(r"\\\1", printable(text))


def _term(cell: str, labels: dict[str, str]) -> str:
    """An RDF term (N-Triples or TSV) for a table: IRIs as CURIEs, with their label."""
    iri = _cell_iri(cell)
    if iri is not None:
        label = labels.get(iri)
        if label is not None and iri.endswith("/" + label):  # a claim's label is its id: said once
            label = None
        shown = md_text(compact_iri(iri))
        return f"{shown} ({md_text(label)})" if label else shown
    return md_text(_IRI.sub(lambda m: compact_iri(m.group(1)), cell))


def _table(columns: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(md_text(c) for c in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _side_name(side: tuple[str, str | None]) -> str:
    name, commit = side
    return md_text(name) + (f" ({commit[:12]})" if commit and commit != name else "")


def _markdown(diff: ProjectDiff) -> str:
    out = [f"## claimgraph diff: {_side_name(diff.base)} → {_side_name(diff.head)}", ""]
    if diff.empty:
        return "\n".join(out + ["No change to claims, triples or saved-query answers.", ""])
    out += [f"- claims: {len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed",
            f"- asserted triples: {diff.asserted.added} added, {diff.asserted.removed} removed",
            f"- inferred triples: {diff.inferred.added} added, {diff.inferred.removed} removed",
            f"- saved queries whose answer changed: {len(diff.answers)}", ""]

    def claims(title: str, views: list[ClaimView]) -> None:
        if views:
            out.extend([f"### {title}", ""])
            out.extend(_table(["claim", "file", "type", "modality", "evidence"],
                              [[md_text(v.id), md_text(v.file), md_text(v.type), md_text(v.modality),
                                md_text(v.evidence)] for v in views]))
            out.append("")

    claims("Claims added", diff.added)
    claims("Claims removed", diff.removed)
    if diff.changed:
        out.extend(["### Claims changed", ""])
        out.extend(_table(["claim", "file", "fields changed", "evidence before", "evidence now"],
                          [[md_text(c.after.id), md_text(c.after.file), md_text(", ".join(c.fields)),
                            md_text(c.before.evidence), md_text(c.after.evidence)] for c in diff.changed]))
        out.append("")
    for title, changes in (("Asserted triples", diff.asserted), ("Inferred triples", diff.inferred)):
        if not (changes.added or changes.removed):
            continue
        out.extend([f"### {title}", ""])
        for what, count, shown in (("added", changes.added, changes.added_rows),
                                   ("removed", changes.removed, changes.removed_rows)):
            if count:
                out.extend([_shown(f"triple(s) {what}", count, len(shown)), ""])
                out.extend(_table(["subject", "predicate", "object"],
                                  [[_term(t, diff.labels) for t in row] for row in shown]))
                out.append("")
    if diff.answers:
        out.extend(["### Saved queries whose answer changed", ""])
        for answer in diff.answers:
            out.extend([f"#### {md_text(answer.name)}", ""])
            for what, count, cells in (("added", answer.added, answer.added_rows),
                                       ("removed", answer.removed, answer.removed_rows)):
                if count:
                    out.extend([_shown(f"row(s) {what}", count, len(cells)), ""])
                    out.extend(_table(answer.columns, [[_term(c, diff.labels) for c in row] for row in cells]))
                    out.append("")
    return "\n".join(out)


def _shown(what: str, count: int, shown: int) -> str:
    return f"{count} {what}" + (f" (the first {shown} shown):" if shown < count else ":")
