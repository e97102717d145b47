"""Field tables for the YAML mappings that are not claims: a registry entity and a claim file's
``source``.

Each table maps a field name to a :class:`Field`: how its value is read, whether it is required
and whether it must be one text. :func:`read_entry` goes through a table in its order, reports
every problem it finds and returns the values, or None. The claim types' tables
(:mod:`claimgraph.claims.format`) are of the same kind: a name and a spec per field, with the
parsing of each kind of value in the claim loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Generic, TypeVar

from claimgraph.problems import Location, ProblemList
from claimgraph.claims.yamlsource import YMap, YStr, location_of

C = TypeVar("C")


class Invalid:
    """What a field reader returns for a value it reported a problem about."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


#: the value is bad: the entry fails, and its other fields are still read (to report their problems)
INVALID = Invalid("INVALID")
#: the value is bad in a way the other fields' messages would only repeat (they need it): the entry
#: fails and is read no further
STOP = Invalid("STOP")


@dataclass
class Entry(Generic[C]):
    """One mapping being read: where it is, where its problems go, the values read so far, and
    what its readers need besides (``context``, such as the registry)."""

    item: YMap
    loc: Location
    problems: ProblemList
    context: C
    values: dict[str, object] = field(default_factory=dict)

    def at(self, raw: object) -> Location:
        """Where ``raw`` was written (the entry's own place when it was not)."""
        return location_of(raw, self.loc)

    def fail(self, raw: object, message: str, hint: str = "", *, code: str = "schema") -> Invalid:
        """Report a problem at ``raw``'s place; returns :data:`INVALID` for the reader to return."""
        self.problems.add(self.at(raw), message, hint, code=code)
        return INVALID

    def stop(self, raw: object, message: str, hint: str = "", *, code: str = "schema") -> Invalid:
        """:meth:`fail`, returning :data:`STOP`: the entry is read no further."""
        self.fail(raw, message, hint, code=code)
        return STOP


@dataclass(frozen=True)
class Field(Generic[C]):
    """One field of a table. ``read(entry, raw)`` gets the field's YAML value (None when the
    field is absent) and returns what it means, or reports why it cannot and returns INVALID
    or STOP. A ``required`` field that is absent, and a ``text`` field whose value is not one
    text, are reported before any value is read."""

    read: Callable[[Entry[C], object], object]
    required: bool = False
    text: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Table(Generic[C]):
    """The fields of one kind of mapping, and its messages for an unknown key, a missing
    required field and a field that must be one text. A missing required field ends the entry;
    with ``shape_first``, an unknown key or a value that is not one text ends it too (before any
    value is read), otherwise they are reported and reading goes on."""

    fields: dict[str, Field[C]]
    unknown: Callable[[str], tuple[str, str]]
    missing: Callable[[str], str] = lambda name: f"missing '{name}'"
    not_text: Callable[[str], str] = lambda name: f"'{name}' must be a text"
    shape_first: bool = False

    def names(self) -> str:
        """The field names, sorted and joined by commas (for hints)."""
        return ", ".join(sorted(self.fields))


def read_entry(table: Table[C], item: YMap, loc: Location, problems: ProblemList,
               context: C) -> dict[str, object] | None:
    """The values of ``item`` by field name (every field of the table has one), or None when
    a problem was reported. The problems come in this order: unknown keys, missing required
    fields (alphabetically), text fields that are not one text, then each reader's, in the
    table's order."""
    entry = Entry(item, loc, problems, context)
    ok = True
    for key in item:
        if key not in table.fields:
            message, hint = table.unknown(key)
            problems.add(item.key_locs[key], message, hint, code="schema")
            ok = False
    missing = sorted(name for name, spec in table.fields.items() if spec.required and name not in item)
    for name in missing:
        problems.add(loc, table.missing(name), code="schema")
    if missing or (table.shape_first and not ok):
        return None
    for name, spec in table.fields.items():
        if spec.text and name in item and not isinstance(item[name], YStr):
            entry.fail(item[name], table.not_text(name))
            ok = False
    if table.shape_first and not ok:
        return None
    for name, spec in table.fields.items():
        value = spec.read(entry, item.get(name))
        if value is STOP:
            return None
        if isinstance(value, Invalid):
            ok = False
        else:
            entry.values[name] = value
    return entry.values if ok else None


def collapsed(raw: object) -> str:
    """A YAML text with its runs of white space made one space (what a one-line field means)."""
    return " ".join(str(raw).split())
