"""The data graph indexed for lookups (predicate -> subject -> objects, class -> instances)."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from claimgraph.rdf.triples import all_triples


_TRUE = Literal(True)
_NO_VALUES: list = []  # shared by every lookup that finds nothing: never changed


class DataIndex:
    """The data graph (data + ontology, as pySHACL's ``ont_graph`` mixes them) for lookups."""

    def __init__(self, graphs: Iterable[Graph]):
        self.by_predicate: dict = defaultdict(dict)  # p -> s -> [o]
        seen_graphs: list = []  # sets (or graphs) already indexed: a triple in two counts once
        for graph in graphs:
            for s, p, o in all_triples(graph):
                if seen_graphs and any((s, p, o) in g for g in seen_graphs):
                    continue
                subjects = self.by_predicate[p]
                objects = subjects.get(s)
                if objects is None:
                    subjects[s] = [o]
                else:
                    objects.append(o)
            seen_graphs.append(all_triples(graph))
        self._inverse: dict = {}
        self._superclasses: dict = {}
        self.sparql_store = None  # set by validate_index: a callable giving the pyoxigraph store
        self.sparql_rows: dict = {}  # id(SparqlConstraint) -> ?this -> rows, of one-run constraints
        sub_class: dict = defaultdict(set)
        for s, objects in self.by_predicate.get(RDFS.subClassOf, {}).items():
            sub_class[s].update(objects)
        self._sub_class = sub_class
        self.instances: dict = defaultdict(list)  # class -> direct and indirect instances
        self._instance_sets: dict = {}
        for s, types in self.by_predicate.get(RDF.type, {}).items():
            classes: set = set()
            for t in types:
                classes |= self.superclasses(t)
            for c in classes:
                self.instances[c].append(s)

    def values(self, s, p) -> list:
        """The objects of ``s`` under ``p`` (do not change the list: it is the index's own)."""
        subjects = self.by_predicate.get(p)
        return _NO_VALUES if subjects is None else subjects.get(s, _NO_VALUES)

    def inverse_values(self, o, p) -> list:
        index = self._inverse.get(p)
        if index is None:
            index = defaultdict(list)
            for s, objects in self.by_predicate.get(p, {}).items():
                for obj in objects:
                    index[obj].append(s)
            self._inverse[p] = index
        return index.get(o, [])

    def superclasses(self, cls) -> set:
        """``cls`` and everything it is an ``rdfs:subClassOf*`` of."""
        found = self._superclasses.get(cls)
        if found is None:
            found, todo = {cls}, [cls]
            while todo:
                for sup in self._sub_class.get(todo.pop(), ()):
                    if sup not in found:
                        found.add(sup)
                        todo.append(sup)
            self._superclasses[cls] = found
        return found

    def is_instance(self, node, cls) -> bool:
        """``node`` has a type that is ``cls`` or one of its subclasses: membership in the set
        of ``cls``'s direct and indirect instances (made once per class)."""
        members = self._instance_sets.get(cls)
        if members is None:
            members = self._instance_sets[cls] = frozenset(self.instances.get(cls, ()))
        return type(node) is not Literal and node in members
