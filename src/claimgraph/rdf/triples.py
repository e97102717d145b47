"""A lean rdflib store for the big graphs a build makes (mapped, inferred).

A build adds millions of triples and then mostly iterates over them. rdflib's stores keep
three nested-dictionary indexes from the first triple on, which makes every triple large and
every add slow (benchmarks/RESULTS.md). This store keeps a plain set of triples and
builds the indexes only when a lookup with a bound term first needs them (SPARQL in tests,
``graph.value`` on a problem path). Adding, iterating, ``len`` and ``triple in graph`` stay
on the set. It behaves as an rdflib ``Graph`` store in every other respect.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from rdflib.plugins.stores.memory import SimpleMemory
from rdflib.term import Identifier, Node

if TYPE_CHECKING:
    from rdflib import Graph

#: a triple of rdflib terms
Triple = tuple[Node, Node, Node]

_NO_CONTEXTS: tuple[()] = ()


class TripleSet(dict[Triple, None]):
    """A set of triples that keeps them in the order they were added: a dictionary whose
    values are all None, with the set methods the pipeline uses (``add``, ``discard``,
    ``update``, ``in``, ``len``, iteration).

    Why not a set: a set is iterated in hash order, which is random memory order, so each
    triple (and its terms) read in a pass over a big graph is a cache miss. The mapper and the
    reasoner make a node's triples one after another, so in insertion order a pass reads memory
    mostly in sequence. A dictionary is also smaller than a set of as many triples (an index
    of 4-byte slots and a dense entry array, against a set's 16-byte slots kept at most 60 %
    full). Set algebra (``|``, ``&``, ``-``) is deliberately not offered: ``|`` would be
    dictionary merging.
    """

    __slots__ = ()

    #: ``add(triple)``: C-level, as fast as ``set.add``
    add = dict.setdefault

    def discard(self, triple: Triple) -> None:
        self.pop(triple, None)

    def update(self, triples: Iterable[Triple]) -> None:  # type: ignore[override]  # a set's update, not a dict's
        for triple in triples:
            self.setdefault(triple)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (set, frozenset)):
            return len(self) == len(other) and all(t in self for t in other)
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None  # mutable, as a set

    def _no_algebra(self, other):
        return NotImplemented  # Python then raises TypeError

    __or__ = __ror__ = __ior__ = _no_algebra  # dict's would merge, not unite


class TripleSetStore(SimpleMemory):
    def __init__(self, configuration: str | None = None, identifier: Identifier | None = None, *,
                 triples: TripleSet | set[Triple] | None = None):
        """``triples``: a :class:`TripleSet` (or set) of triples the store takes over (not copied)."""
        super().__init__(configuration, identifier)
        self._triples: TripleSet | set[Triple] = TripleSet() if triples is None else triples
        self._indexed = False

    def add(self, triple, context, quoted: bool = False) -> None:
        self._triples.add(triple)
        if self._indexed:
            super().add(triple, context, quoted)

    def addN(self, quads) -> None:  # noqa: N802 - rdflib's name
        for s, p, o, context in quads:
            self.add((s, p, o), context)

    def remove(self, triple_pattern, context=None) -> None:
        self._index()
        for triple, _ in list(super().triples(triple_pattern)):
            self._triples.discard(triple)
        super().remove(triple_pattern, context)

    def triples(self, triple_pattern, context=None):
        s, p, o = triple_pattern
        if s is None and p is None and o is None:
            for triple in self._triples:
                yield triple, iter(_NO_CONTEXTS)
        elif s is not None and p is not None and o is not None:
            if (s, p, o) in self._triples:
                yield (s, p, o), iter(_NO_CONTEXTS)
        else:
            self._index()
            yield from super().triples(triple_pattern, context)

    def __len__(self, context=None) -> int:
        return len(self._triples)

    def release(self) -> None:
        """Drop every triple at once (by reference count: no cycle collection over millions of
        tuples, which takes ten times longer)."""
        SimpleMemory.__init__(self, None, self.identifier)
        self._triples = TripleSet()
        self._indexed = False

    def _index(self) -> None:
        if not self._indexed:
            for triple in self._triples:
                super().add(triple, None)  # type: ignore[arg-type]  # SimpleMemory ignores the context; rdflib says Graph
            self._indexed = True


def all_triples(graph: Graph | TripleSet) -> TripleSet | set[Triple] | Graph:
    """Every triple of ``graph``: the triple set itself for a lean store (iterating the Graph wrapper
    costs a Python call per triple), else the graph."""
    store = getattr(graph, "store", None)
    return store._triples if isinstance(store, TripleSetStore) else graph
