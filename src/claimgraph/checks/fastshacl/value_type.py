"""Value type constraint components (SHACL 4.1): sh:class, sh:datatype, sh:nodeKind."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Callable

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDFS, XSD
from rdflib.term import Node

from claimgraph.checks.fastshacl.shapes import CompiledShapes, Shape, _RDF_LANGSTRING, _each_value, _parameter
from claimgraph.rdf.namespaces import SH


@_parameter(SH["class"])
def _class(c: CompiledShapes, shape: Shape, cls) -> None:
    _each_value(shape, lambda data, v: data.is_instance(v, cls))


@_parameter(SH.datatype)
def _datatype(c: CompiledShapes, shape: Shape, datatype) -> None:
    _each_value(shape, _datatype_test(datatype))


def _datatype_test(datatype) -> Callable:
    """A test of whether a value has ``datatype``, as pySHACL decides it: a literal of that
    datatype whose lexical form is valid for it (rdflib's Python value has the expected type);
    any literal for ``rdfs:Literal``; a language-tagged one for ``rdf:langString``; a plain one
    for ``xsd:string`` too. The comparisons with the datatype are made once, here."""
    if type(datatype) is not URIRef:
        return lambda data, v: False  # no value has a datatype that is not an IRI
    if datatype == RDFS.Literal:
        return lambda data, v: isinstance(v, Literal)
    if datatype == _RDF_LANGSTRING:
        return lambda data, v: isinstance(v, Literal) and v.language is not None
    plain_ok = datatype == XSD.string  # a plain literal is an xsd:string
    wanted = str(datatype)
    expected = _PYTHON_TYPES.get(datatype)

    def test(data, v) -> bool:
        if not isinstance(v, Literal):
            return False
        actual = v.datatype
        if actual is None:
            return plain_ok and v.language is None
        # str equality: rdflib's URIRef == makes two string copies per comparison
        if str.__ne__(actual, wanted) or getattr(v, "ill_typed", False):
            return False
        return expected is None or isinstance(v.value, expected)
    return test


#: the Python value rdflib gives a well-formed literal of these datatypes (as pySHACL checks)
_PYTHON_TYPES: dict[Node, type | tuple[type, ...]] = {
    XSD.string: (str, bytes), XSD.integer: int, XSD.float: float, XSD.decimal: Decimal,
    XSD.boolean: bool, XSD.date: _dt.date, XSD.time: _dt.time, XSD.dateTime: _dt.datetime}


@_parameter(SH.nodeKind)
def _node_kind(c: CompiledShapes, shape: Shape, kind) -> None:
    allowed = {SH.IRI: (URIRef,), SH.BlankNode: (BNode,), SH.Literal: (Literal,),
               SH.BlankNodeOrIRI: (BNode, URIRef), SH.BlankNodeOrLiteral: (BNode, Literal),
               SH.IRIOrLiteral: (URIRef, Literal)}[kind]
    _each_value(shape, lambda data, v: isinstance(v, allowed))
