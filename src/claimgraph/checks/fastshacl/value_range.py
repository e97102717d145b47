"""Value range constraint components (SHACL 4.3): sh:minExclusive, sh:minInclusive, sh:maxExclusive, sh:maxInclusive."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from rdflib import Literal

from claimgraph.checks.fastshacl.shapes import CompiledShapes, Shape, _PARAMETERS, _each_value
from claimgraph.rdf.namespaces import SH


def _comparable(v):
    if isinstance(v, Literal):
        value = v.toPython()
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        return value if not isinstance(value, Literal) else None
    return None


def _range(test):
    def compile_range(c: CompiledShapes, shape: Shape, bound) -> None:
        limit = _comparable(bound)

        def ok(data, v) -> bool:
            value = _comparable(v)
            try:
                return value is not None and test(value, limit)
            except (TypeError, InvalidOperation):
                return False
        _each_value(shape, ok)
    return compile_range


_PARAMETERS[SH.minInclusive] = _range(lambda value, limit: value >= limit)
_PARAMETERS[SH.maxInclusive] = _range(lambda value, limit: value <= limit)
_PARAMETERS[SH.minExclusive] = _range(lambda value, limit: value > limit)
_PARAMETERS[SH.maxExclusive] = _range(lambda value, limit: value < limit)
