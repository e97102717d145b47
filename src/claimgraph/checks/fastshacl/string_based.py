"""String-based constraint components (SHACL 4.4): sh:minLength, sh:maxLength, sh:pattern, sh:languageIn, sh:uniqueLang."""

from __future__ import annotations

import re

from rdflib import BNode, Literal
from rdflib.collection import Collection

from claimgraph.checks.fastshacl.data import _TRUE
from claimgraph.checks.fastshacl.shapes import CompiledShapes, Shape, _each_value, _parameter
from claimgraph.rdf.namespaces import SH


@_parameter(SH.pattern)
def _pattern(c: CompiledShapes, shape: Shape, pattern) -> None:
    flags = 0
    for flag in str(c.graph.value(shape.node, SH.flags) or ""):
        flags |= {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}.get(flag, 0)
    regex = re.compile(str(pattern), flags)
    _each_value(shape, lambda data, v: not isinstance(v, BNode) and regex.search(str(v)) is not None)


@_parameter(SH.minLength)
def _min_length(c: CompiledShapes, shape: Shape, n) -> None:
    n = int(n)
    _each_value(shape, lambda data, v: not isinstance(v, BNode) and len(str(v)) >= n)


@_parameter(SH.maxLength)
def _max_length(c: CompiledShapes, shape: Shape, n) -> None:
    n = int(n)
    _each_value(shape, lambda data, v: not isinstance(v, BNode) and len(str(v)) <= n)


@_parameter(SH.languageIn)
def _language_in(c: CompiledShapes, shape: Shape, head) -> None:
    ranges = [str(r).lower() for r in Collection(c.graph, head)]

    def matches(data, v) -> bool:
        if not isinstance(v, Literal) or not v.language:
            return False
        tag = v.language.lower()
        return any(r == "*" or tag == r or tag.startswith(r + "-") for r in ranges)
    _each_value(shape, matches)


@_parameter(SH.uniqueLang)
def _unique_lang(c: CompiledShapes, shape: Shape, flag) -> None:
    if flag != _TRUE:  # only true activates it: "1"^^xsd:boolean does not (W3C test uniqueLang-002)
        return

    def check(data, f, values):
        seen: dict = {}
        for v in values:
            if isinstance(v, Literal) and v.language:
                tag = v.language.lower()
                seen[tag] = seen.get(tag, 0) + 1
        return [None for tag, n in seen.items() if n > 1]
    shape.checks.append((None, check))
