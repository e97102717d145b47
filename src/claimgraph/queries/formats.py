"""Render query answers: a readable table with labels, the four SPARQL 1.1 results
formats (JSON, XML, CSV, TSV, serialized by Oxigraph so they follow the specs), and
sorted Turtle for graph results."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from functools import lru_cache
from typing import Callable

import pyoxigraph as ox


from claimgraph.stores.embedded import RawAnswer
from claimgraph.rdf.namespaces import PREFIXES, new_graph
from claimgraph.rdf.serialization import BlankNodeError, sorted_turtle
from claimgraph.problems import printable, safe_line

RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                  "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = ("turtle",)
ALL_FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle")

LabelLookup = Callable[[list[str]], dict[str, str]]


class FormatError(Exception):
    """A format that does not fit the query form (exit 2)."""


def solutions(answer: RawAnswer):
    return ox.parse_query_results(answer.data, format=RESULT_FORMATS[answer.results])


def first_rows(answer: RawAnswer, count: int) -> tuple[RawAnswer, bool]:
    """A SELECT answer cut to its first ``count`` rows, and whether it had more."""
    if answer.results == "json":
        data = json.loads(answer.data.decode("utf-8"))
        bindings = data["results"]["bindings"]
        if len(bindings) <= count:
            return answer, False
        data["results"]["bindings"] = bindings[:count]
        return RawAnswer(answer.form, json.dumps(data, ensure_ascii=False).encode("utf-8"), "json"), True
    lines = answer.data.decode("utf-8").splitlines()  # TSV: a header line, then one line per row
    if len(lines) <= count + 1:
        return answer, False
    return RawAnswer(answer.form, ("\n".join(lines[:count + 1]) + "\n").encode("utf-8"), "tsv"), True


def render(answer: RawAnswer, fmt: str, *, labels: LabelLookup | None = None, width: int | None = None) -> str:
    """``answer`` in ``fmt``; in ``table`` format only, long values are shortened with an ellipsis
    so that the table fits in ``width`` columns (None: never shortened)."""
    graph_form = answer.form in ("CONSTRUCT", "DESCRIBE")
    if graph_form:
        if fmt not in ("turtle", "table"):
            raise FormatError(f"a {answer.form} query gives RDF: use --format turtle, not {fmt}")
        return graph_turtle(answer)
    if fmt == "turtle":
        raise FormatError(f"a {answer.form} query gives a results table: use table, csv, tsv, json or xml")
    if fmt == "csv":
        return results_csv(solutions(answer))
    if fmt in RESULT_FORMATS:
        return solutions(answer).serialize(format=RESULT_FORMATS[fmt]).decode("utf-8")
    return render_table(answer, labels, width)


def results_csv(result) -> str:
    """SPARQL 1.1 Query Results CSV (RFC 4180): a field with a comma, a quote or a line break is
    quoted. Written here, not by Oxigraph: pyoxigraph 0.5 leaves an IRI with a comma unquoted."""
    if isinstance(result, ox.QueryBoolean):
        return (result.serialize(format=ox.QueryResultsFormat.CSV) or b"").decode("utf-8")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    variables = [v.value for v in result.variables]
    writer.writerow(variables)
    for row in result:
        writer.writerow(["" if term is None else f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value
                         for term in (row[v] for v in variables)])
    return out.getvalue()


def graph_turtle(answer: RawAnswer) -> str:
    """CONSTRUCT and DESCRIBE results as sorted Turtle with every literal's lexical form kept
    ("11"^^xsd:decimal stays that term; rdflib's short forms would write 11.0, another term)."""
    graph = new_graph()
    if answer.data.strip():
        graph.parse(data=answer.data.decode("utf-8"), format="nt")
    try:
        return sorted_turtle(graph)
    except BlankNodeError:  # sorted_turtle names every node; keep the blank nodes as N-Triples lines do
        lines = sorted(line for line in answer.data.decode("utf-8").splitlines() if line.strip())
        return "\n".join(lines) + "\n"


def render_table(answer: RawAnswer, labels: LabelLookup | None, width: int | None = None) -> str:
    result = solutions(answer)
    if isinstance(result, ox.QueryBoolean):
        return ("true" if bool(result) else "false") + "\n"
    variables = [v.value for v in result.variables]
    rows = [[row[v] for v in variables] for row in result]
    iris = sorted({t.value for row in rows for t in row if isinstance(t, ox.NamedNode)})
    names = labels(iris) if (labels and iris) else {}
    cells = [[_cell(t, names) for t in row] for row in rows]
    # only text is shortened (quotes, summaries); names and IRIs stay whole, to be copied
    text = [all(row[i] is None or isinstance(row[i], ox.Literal) for row in rows) for i in range(len(variables))]
    return table_text(variables, cells, width, shortenable=text)


#: a column is never shortened below this many characters (nor below its header)
MIN_COLUMN = 20
ELLIPSIS = "…"


def table_text(headers: list[str], rows: list[list[str]], width: int | None = None,
               shortenable: list[bool] | None = None) -> str:
    """A plain-text table; control characters in cells are shown escaped (:func:`printable`).

    With ``width``, the widest of the ``shortenable`` columns (default: all) are narrowed until
    the table fits, down to :data:`MIN_COLUMN` or the header's width, and each longer value
    ends in an ellipsis."""
    headers = [printable(h) for h in headers]
    rows = [[printable(c) for c in row] for row in rows]
    cell_widths = [[_width(c) for c in row] for row in (headers, *rows)]  # each cell measured once
    widths = cell_widths[0]
    for row_widths in cell_widths[1:]:
        widths = list(map(max, widths, row_widths))
    if width is not None and sum(widths) + 2 * (len(widths) - 1) > width:
        caps = _column_caps(widths, cell_widths[0], width, shortenable or [True] * len(widths))
        for row, row_widths in zip(rows, cell_widths[1:]):
            for i, cap in enumerate(caps):
                if row_widths[i] > cap:
                    row[i] = _shortened(row[i], cap)
                    row_widths[i] = _width(row[i])
        widths = [min(w, cap) for w, cap in zip(widths, caps)]

    def line(values: list[str], value_widths: list[int]) -> str:
        return safe_line("  ".join(v + " " * (w - vw) for v, vw, w in zip(values, value_widths, widths)).rstrip())
    out = [line(headers, cell_widths[0]), line(["-" * w for w in widths], widths)]
    out += [line(r, ws) for r, ws in zip(rows, cell_widths[1:])]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _column_caps(widths: list[int], header_widths: list[int], width: int, shortenable: list[bool]) -> list[int]:
    """The widest each column may be: the others as they are, one cap for the shortenable ones,
    the largest that fits ``width`` (not below :data:`MIN_COLUMN`), raised to each header."""
    room = width - 2 * (len(widths) - 1) - sum(w for w, short in zip(widths, shortenable) if not short)
    shortened = [w for w, short in zip(widths, shortenable) if short]
    cap = max(shortened, default=0)
    while cap > MIN_COLUMN and sum(min(w, cap) for w in shortened) > room:
        cap -= 1
    return [max(cap, header) if short else w for w, header, short in zip(widths, header_widths, shortenable)]


def _shortened(text: str, cap: int) -> str:
    """``text`` cut to at most ``cap`` columns, the last one an ellipsis."""
    cut = text[: cap - 1]
    while _width(cut) > cap - 1:
        cut = cut[:-1]
    return cut.rstrip() + ELLIPSIS


def _cell(term, names: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return names.get(term.value) or compact_iri(term.value)
    if isinstance(term, ox.Literal):
        return " ".join(term.value.split())
    return f"_:{term.value}"


_LONGEST_NAMESPACE_FIRST = sorted(((prefix, str(ns)) for prefix, ns in PREFIXES.items()), key=lambda kv: -len(kv[1]))


@lru_cache(maxsize=1 << 16)
def compact_iri(iri: str) -> str:
    for prefix, namespace in _LONGEST_NAMESPACE_FIRST:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def _width(text: str) -> int:
    """Columns on a terminal: East Asian wide and full-width characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sorted_expected(answer: RawAnswer) -> str:
    """A stable, reviewable text of an answer for expected-result files: a header of the
    variables, then the rows sorted, one term a cell, tab-separated. Terms are written as in
    SPARQL TSV, except that an IRI under a project prefix is a CURIE (``cgi:asml``), a datatype
    too (``"2024-05"^^xsd:gYearMonth``): exact still, since each CURIE stands for one IRI. A
    CONSTRUCT answer has the columns ?subject, ?predicate and ?object."""
    if answer.form in ("CONSTRUCT", "DESCRIBE"):
        triples = sorted({_triple_cells(line) for line in answer.data.decode("utf-8").splitlines() if line.strip()})
        return "".join(line + "\n" for line in ["?subject\t?predicate\t?object", *triples])
    if answer.results == "tsv":
        text = answer.data.decode("utf-8")
    else:
        text = solutions(answer).serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8")
    lines = text.splitlines()
    if not lines:
        return ""
    if lines[0] in ("true", "false"):
        return lines[0] + "\n"
    return "\n".join([lines[0], *sorted(_compact_row(line) for line in lines[1:])]) + "\n"


_DATATYPE_AT_END = re.compile(r"\^\^<([^<>\"\s]*)>$")
_NTRIPLES_TERM = re.compile(r'\s*(<[^>]*>|_:\S+)\s+(<[^>]*>)\s+(.*?)\s*\.\s*$')


def _compact_term(cell: str) -> str:
    """One term of SPARQL TSV (or N-Triples) with its IRIs as CURIEs where a prefix fits."""
    if cell.startswith("<") and cell.endswith(">"):
        return compact_iri(cell[1:-1])
    if cell.startswith('"'):
        # only a datatype can end a literal in '>': its lexical form ends at a quote
        return _DATATYPE_AT_END.sub(lambda m: "^^" + compact_iri(m.group(1)), cell)
    return cell


def _compact_row(line: str) -> str:
    return "\t".join(_compact_term(cell) for cell in line.split("\t"))


def _triple_cells(line: str) -> str:
    match = _NTRIPLES_TERM.match(line)
    if match is None:  # (Oxigraph writes every triple on one line in this form)
        raise ValueError(f"not an N-Triples line: {line!r}")
    # a tab in a literal is written \t by N-Triples, so a cell never holds one
    return "\t".join(_compact_term(term) for term in match.groups())


__all__ = ["render", "render_table", "table_text", "sorted_expected", "FormatError", "ALL_FORMATS",
           "compact_iri"]
