"""Where saved queries run: the embedded Oxigraph store, or a SPARQL endpoint.

Both engines hand back the same thing, SPARQL 1.1 results as bytes (JSON for SELECT and
ASK, N-Triples for CONSTRUCT and DESCRIBE), so everything after this point — tables,
CSV, labels, expected answers — is one code path, and an endpoint prints exactly what
the embedded run prints.

The dataset is named explicitly on every query (SPARQL 1.1 Protocol
``default-graph-uri``), because stores disagree on what the default graph is.
"""

from __future__ import annotations

import io
import threading
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Protocol

import pyoxigraph as ox
from rdflib import Graph, URIRef

from claimgraph.rdf.serialization import Document, ntriples_bytes
from claimgraph.rdf.namespaces import GRAPH_ASSERTED, GRAPH_HYPOTHETICAL, GRAPH_INFERRED, GRAPH_ONTOLOGY

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer


def default_graphs(*, asserted_only: bool = False) -> list[str]:
    """The graphs merged into the query's default graph: ontology, asserted (+ inferred)."""
    graphs = [GRAPH_ONTOLOGY, GRAPH_ASSERTED] + ([] if asserted_only else [GRAPH_INFERRED])
    return [str(g) for g in graphs]


def named_graphs(*, asserted_only: bool = False) -> list[str]:
    """The graphs a query may name with GRAPH (the protocol's named-graph-uri)."""
    graphs = [GRAPH_ONTOLOGY, GRAPH_ASSERTED, GRAPH_HYPOTHETICAL] + ([] if asserted_only else [GRAPH_INFERRED])
    return [str(g) for g in graphs]


@dataclass(frozen=True)
class RawAnswer:
    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    data: bytes  # SPARQL results (JSON, or TSV: see ``results``), or N-Triples for graph results
    results: str = "json"  # the results format of ``data`` for SELECT and ASK: json or tsv


class QueryEngine(Protocol):
    def run(self, text: str, *, form: str, asserted_only: bool = False, tsv: bool = False) -> RawAnswer:
        """``tsv``: the caller prefers a SELECT answer as SPARQL TSV (an engine may still answer
        JSON; ``RawAnswer.results`` says which)."""


class EngineError(Exception):
    """The engine could not answer (store unreachable, query failed); exit 1."""


OnRead = Callable[[int, int], None]


class _CountingReader(io.RawIOBase):
    """A binary reader that tells ``on_read(bytes read so far, total)`` after each read."""

    def __init__(self, inner: io.BufferedIOBase, total: int, on_read: OnRead):
        self._inner, self._total, self._on_read, self._done = inner, total, on_read, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        size = self._inner.readinto(buffer)
        self._done += size or 0
        self._on_read(self._done, self._total)
        return size


def _serialized(data: bytes | None) -> bytes:
    """What ``serialize()`` without an output returns: the bytes (pyoxigraph's annotation also
    allows the None it returns when given an output)."""
    if data is None:
        raise EngineError("the store returned no serialized answer")
    return data


def _counting(inner: io.BufferedIOBase, total: int, on_read: OnRead) -> io.BufferedReader:
    """``inner`` read in pieces of the buffer size below, each reported to ``on_read``."""
    return io.BufferedReader(_CountingReader(inner, total, on_read), buffer_size=1 << 20)


def _interruptible(work):
    """``work()`` in a daemon thread, waited on in short steps so that signals are handled here;
    on an interruption the thread is left to end with the process."""
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the waiting thread
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="claimgraph-query", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.05)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class EmbeddedEngine:
    """An in-memory Oxigraph store holding the built named graphs.

    Filled with ``Store.load``, not ``bulk_load``: into an in-memory store that is as fast, and
    its peak memory is lower (measured: benchmarks/RESULTS.md).
    """

    def __init__(self, store: ox.Store):
        self.store = store

    @classmethod
    def from_graphs(cls, graphs: dict[URIRef, Graph]) -> "EmbeddedEngine":
        store = ox.Store()
        for name, graph in graphs.items():
            store.load(ntriples_bytes(graph), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(name)))
        return cls(store)

    @classmethod
    def from_trig_document(cls, document: "Document", *, on_read: OnRead | None = None) -> "EmbeddedEngine":
        """From a TriG document a run made (streamed: never one more copy in memory).

        ``on_read(done, 0)`` is told the bytes read so far (the total is not known beforehand).
        """
        store = ox.Store()
        reader = document.reader()
        store.load(reader if on_read is None else _counting(reader, 0, on_read), format=ox.RdfFormat.TRIG)
        return cls(store)

    @classmethod
    def from_trig(cls, path: Path, *, on_read: OnRead | None = None) -> "EmbeddedEngine":
        """From a TriG file; ``on_read(done, total)`` is told the bytes read so far (for a progress bar)."""
        store = ox.Store()
        if on_read is None:
            store.load(path=str(path), format=ox.RdfFormat.TRIG)
        else:
            with open(path, "rb") as handle:
                store.load(_counting(handle, os.fstat(handle.fileno()).st_size, on_read), format=ox.RdfFormat.TRIG)
        return cls(store)

    def run(self, text: str, *, form: str, asserted_only: bool = False, tsv: bool = False) -> RawAnswer:
        """Evaluate ``text``; with ``tsv`` a SELECT answer comes as SPARQL TSV, which is what the
        expected-answer files hold, and faster to get than JSON (benchmarks/RESULTS.md).

        In the main thread the evaluation runs in a worker thread that this one waits on, so
        Ctrl-C and SIGTERM stop a long query (Oxigraph evaluates without Python's lock, but a
        signal's handler runs only in the main thread, between Python steps)."""
        if threading.current_thread() is threading.main_thread():
            return _interruptible(lambda: self._run(text, form=form, asserted_only=asserted_only, tsv=tsv))
        return self._run(text, form=form, asserted_only=asserted_only, tsv=tsv)

    def _run(self, text: str, *, form: str, asserted_only: bool, tsv: bool) -> RawAnswer:
        try:
            result = self.store.query(
                text,
                default_graph=[ox.NamedNode(g) for g in default_graphs(asserted_only=asserted_only)],
                named_graphs=[ox.NamedNode(g) for g in named_graphs(asserted_only=asserted_only)])
            if isinstance(result, ox.QueryTriples):  # CONSTRUCT, DESCRIBE
                return RawAnswer(form, ox.serialize(result, format=ox.RdfFormat.N_TRIPLES) or b"")
            if tsv and form == "SELECT":
                return RawAnswer(form, _serialized(result.serialize(format=ox.QueryResultsFormat.TSV)), "tsv")
            return RawAnswer(form, _serialized(result.serialize(format=ox.QueryResultsFormat.JSON)))
        except (SyntaxError, OSError) as exc:
            raise EngineError(f"query failed: {exc}") from None
