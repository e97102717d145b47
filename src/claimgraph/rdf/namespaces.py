"""Every namespace claimgraph uses, bound the same way on every graph it makes."""

from typing import TYPE_CHECKING

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

if TYPE_CHECKING:
    from claimgraph.rdf.triples import TripleSet

class VocabularyNamespace(Namespace):
    """A Namespace whose attribute terms (``CG.investor``) are made once and then reused.

    rdflib builds and checks a new URIRef on every attribute access; the mapper makes
    millions of them at scale, and sharing one object per term also saves memory. The term
    is stored as an attribute of the namespace object, so the next access is a plain
    attribute lookup that never reaches ``__getattr__`` (32 ns against 645 ns through a
    dictionary keyed by namespace and name). ``ns[key]`` (for names that are ``str`` methods,
    such as ``CG["term"]``, and for classes named in data, such as an entity's type) is cached
    in a dictionary of its own: an attribute named like a method would hide the method.
    """

    _items: dict[str, URIRef]

    def __new__(cls, value: str) -> "VocabularyNamespace":
        namespace = super().__new__(cls, value)
        assert isinstance(namespace, VocabularyNamespace)  # (rdflib's __new__ says it returns a Namespace)
        namespace.__dict__["_items"] = {}
        return namespace

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        term = self[name]  # the object ``ns[name]`` gives too
        self.__dict__[name] = term
        return term

    def __getitem__(self, key: str) -> URIRef:  # type: ignore[override]  # a term, not a character: as rdflib's own
        term = self._items.get(key)
        if term is None:
            term = self._items[key] = self.term(key)
        return term

CG = VocabularyNamespace("https://w3id.org/claimgraph/ontology#")
CGI = Namespace("https://w3id.org/claimgraph/id/")
CGSH = VocabularyNamespace("https://w3id.org/claimgraph/shapes#")
CGG = VocabularyNamespace("https://w3id.org/claimgraph/graph/")
#: the IRIs that stand for what would be blank nodes in the ontology (its RDF lists, anonymous axioms)
CGGEN = Namespace("https://w3id.org/claimgraph/ontology/genid/")
ORG = VocabularyNamespace("http://www.w3.org/ns/org#")
OA = VocabularyNamespace("http://www.w3.org/ns/oa#")
SCHEMA = VocabularyNamespace("https://schema.org/")
SH = VocabularyNamespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")

ONTOLOGY_IRI = "https://w3id.org/claimgraph/ontology"

#: The named graphs of a build, and the IRIs they get in TriG and in a triplestore.
GRAPH_ONTOLOGY = CGG.ontology
GRAPH_ASSERTED = CGG.asserted
GRAPH_HYPOTHETICAL = CGG.hypothetical
GRAPH_INFERRED = CGG.inferred

PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "cg": CG,
    "cgi": CGI,
    "cgsh": CGSH,
    "cgg": CGG,
    "cggen": CGGEN,
    "dct": DCTERMS,
    "foaf": FOAF,
    "oa": OA,
    "org": ORG,
    "owl": OWL,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "schema": SCHEMA,
    "sh": SH,
    "skos": SKOS,
    "wd": WD,
    "xsd": XSD,
}

#: the namespaces whose terms have one shared object, longest first (one may start another)
_CANONICAL_NAMESPACES = sorted(((str(ns), ns) for prefix, ns in PREFIXES.items() if prefix not in ("cgi", "wd")),
                               key=lambda pair: len(pair[0]), reverse=True)


def new_graph(triples: "TripleSet | set | None" = None) -> Graph:
    """Return a graph with claimgraph's prefixes bound (and no others): empty, or holding
    ``triples`` (a :class:`claimgraph.rdf.triples.TripleSet`, or a set, of rdflib term triples,
    adopted, not copied).

    It uses :class:`claimgraph.rdf.triples.TripleSetStore`: a set of triples, indexed only when a
    lookup needs it, which is many times faster to fill and several times smaller than
    rdflib's default store.
    """
    from claimgraph.rdf.triples import TripleSetStore

    graph = Graph(store=TripleSetStore(triples=triples), bind_namespaces="none")
    bind_prefixes(graph)
    return graph


def canonical_term(term):
    """The one object the mapper uses for ``term`` (``CG.Company``, ``RDF.type``, ...), or
    ``term`` itself: an IRI parsed from a file is a new object, equal to the mapper's but not
    the same, and rdflib compares two such terms through a Python ``__eq__`` in every set
    and dictionary lookup that meets them, which adds up over millions of triples."""
    if type(term) is not URIRef:
        return term
    text = str(term)
    for iri, namespace in _CANONICAL_NAMESPACES:
        if text.startswith(iri):
            local = text[len(iri):]
            try:
                found = namespace[local] if isinstance(namespace, VocabularyNamespace) else getattr(namespace, local)
            except (AttributeError, KeyError, ValueError, TypeError):  # not a term of a closed namespace
                return term
            return found if type(found) is URIRef and str(found) == text else term
    return term


def canonical_graph(graph: Graph) -> Graph:
    """``graph`` (a small one: the ontology, the shapes) with its IRIs as :func:`canonical_term`
    gives them, as a new graph."""
    from claimgraph.rdf.triples import TripleSet

    triples = TripleSet()
    for s, p, o in graph:
        triples.add((canonical_term(s), canonical_term(p), canonical_term(o)))
    canonical = new_graph(triples)
    for prefix, namespace in graph.namespaces():  # the file's own prefixes too, as the parser bound them
        canonical.bind(prefix, namespace, override=False)
    return canonical


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """PREFIX lines for every claimgraph prefix, for queries written in code."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))
