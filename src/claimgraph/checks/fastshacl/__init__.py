"""A fast SHACL validator for SHACL Core and SPARQL constraints, refusing what it does not implement.

pySHACL evaluates every constraint through rdflib's graph API, node by node, which is too slow
for a large project (benchmarks/RESULTS.md). Here the data graph is indexed once (predicate -> subject ->
objects, and class -> instances), the shapes graph is compiled into plain Python objects,
and each constraint is checked with dictionary lookups. SPARQL constraints run on pyoxigraph.

Implemented:

- shapes: every node pySHACL takes for a shape (declared sh:NodeShape / sh:PropertyShape,
  with a target, or the value of sh:property, sh:node, sh:not, sh:qualifiedValueShape, or a
  member of sh:and / sh:or / sh:xone lists); ``sh:deactivated``; ``sh:message`` (the first,
  sorted); ``sh:severity``, any IRI kept as it is (:attr:`Finding.severity`);
- targets: ``sh:targetClass``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``,
  ``sh:targetNode``, and the implicit class target of a shape that is also an ``rdfs:Class``
  (or an instance of a subclass of it in the shapes graph, ``owl:Class`` included; SHACL 2.1.3.3);
- paths: predicate, sequence, alternative, inverse (of any path), zero-or-more, one-or-more,
  zero-or-one;
- core constraints: ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:minCount``,
  ``sh:maxCount``, ``sh:pattern`` (``sh:flags``), ``sh:minLength``, ``sh:maxLength``,
  ``sh:languageIn``, ``sh:uniqueLang`` (only ``true`` activates it), ``sh:in``, ``sh:hasValue``,
  ``sh:min/maxInclusive``, ``sh:min/maxExclusive``, ``sh:equals``, ``sh:disjoint``, ``sh:lessThan``,
  ``sh:lessThanOrEquals`` (ordered as pySHACL orders them), ``sh:and``,
  ``sh:or``, ``sh:not``, ``sh:xone``, ``sh:node``, ``sh:property``, ``sh:qualifiedValueShape``
  with ``sh:qualifiedMin/MaxCount``; every result names its constraint component;
- SPARQL constraints (``sh:sparql`` with one ``sh:select``, on any shape, nested ones too):
  prefixes from the shapes graph and ``sh:declare``; ``$PATH`` replaced by the shape's path;
  ``$currentShape``; ``?value`` and ``?path`` of the rows; ``{?var}`` in messages. ``$this``
  is pre-bound as SHACL 5.2.1 defines it: where running the query once with ``$this`` free
  gives the same rows (see :func:`_runs_once`) it runs once; otherwise it runs once per focus
  node with ``$this`` replaced by the node (:func:`prebind`: ``bound($this)`` is true);
- SPARQL-based constraint components declared in the shapes graph (SHACL 6): a shape with every
  mandatory parameter uses the component; ``sh:nodeValidator`` / ``sh:propertyValidator``
  (SELECT, once per focus node) or else ``sh:validator`` (ASK, once per value node of a node
  shape), with ``$this``, ``$value``, ``$PATH`` and the parameters pre-bound; messages from the
  validator or the component, ``{$parameter}`` replaced.

Refused with :class:`UnsupportedShapes` (the message names the construct and ``--shacl
pyshacl``): ``sh:closed`` and ``sh:ignoredProperties``, ``sh:qualifiedValueShapesDisjoint``,
``sh:lessThan`` on a blank node or on values rdflib cannot order (pySHACL stops with an error);
of SPARQL-based components, where pySHACL and SHACL part (a parameter with several values; an ASK validator on a property shape, whose results pySHACL
gives no ``sh:value``) and validators of other forms; SHACL-AF (``sh:target``, rules,
``sh:expression``...), any other ``sh:`` parameter, ``sh:ask`` constraints, ``$shapesGraph``,
a query that must be pre-bound to a blank node (it cannot be written into the query text),
``?failure`` rows. Refused with :class:`InvalidShapes` (as pySHACL rejects them): queries
SHACL forbids where variables are pre-bound (MINUS, VALUES, SERVICE, ``AS $this``, a nested
SELECT that does not return ``$this``), property shapes without exactly one ``sh:path``, a
shape both node and property shape, a one-member sequence path, an ``sh:declare`` that cannot
be written as a PREFIX. SPARQL that would leave the data graph (SERVICE, FROM, LOAD, updates;
see :func:`remote_constructs`) is refused before either engine runs
(:func:`claimgraph.checks.shacl.refuse_remote_sparql`).

pySHACL stays the reference: ``tests/test_fastshacl.py`` checks that both engines give the
same results on every shape example, on the seed data and on a generated project with broken
claims, and construct by construct; ``tests/test_shacl_manifests.py`` runs every W3C and DASH
test case (core and SPARQL) that pySHACL ships: each gives the expected report or is refused.
"""

from __future__ import annotations

from __future__ import annotations

# the constraint modules register their parameters in shapes._PARAMETERS when imported
from claimgraph.checks.fastshacl import (  # noqa: F401
    cardinality,
    logical,
    other,
    property_pair,
    shape_based,
    sparql,
    string_based,
    value_range,
    value_type,
)
from claimgraph.checks.fastshacl.data import DataIndex
from claimgraph.checks.fastshacl.evaluate import focus_nodes, validate_index
from claimgraph.checks.fastshacl.report import Finding, InvalidShapes, UnsupportedShapes
from claimgraph.checks.fastshacl.shapes import SEVERITIES, VIOLATION, CompiledShapes, Shape, SparqlConstraint, shape_name
from claimgraph.checks.fastshacl.sparql_text import (
    check_prebinding_rules,
    iri_text,
    predicates_used,
    prebind,
    remote_constructs,
    sparql_tokens,
    substitute_variable,
    term_text,
    variable_used,
)

__all__ = [
    "SEVERITIES", "VIOLATION", "CompiledShapes", "DataIndex", "Finding", "InvalidShapes",
    "Shape", "SparqlConstraint", "UnsupportedShapes", "check_prebinding_rules", "focus_nodes",
    "iri_text", "predicates_used", "prebind", "remote_constructs", "shape_name", "sparql_tokens",
    "substitute_variable", "term_text", "validate_index", "variable_used",
]
