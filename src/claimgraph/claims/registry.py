"""The entity registry: canonical ids, types, labels per language, aliases, external ids.

Claims name entities by id, label or alias (case-insensitive). An unknown name is an error
that suggests the closest names; a name shared by two entities is an error that lists both.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TypedDict, cast

from claimgraph.claims.fields import INVALID, Entry, Field, Table, collapsed, read_entry
from claimgraph.claims.values import DateValue, ValueFormatError, parse_date
from claimgraph.problems import Location, ProblemList
from claimgraph.claims.yamlsource import YList, YMap, YNull, YStr, YamlSourceError, location_of, read_yaml

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$")
WIKIDATA_RE = re.compile(r"^Q[1-9]\d*$")
LEI_RE = re.compile(r"^[A-Z0-9]{18}\d{2}$")

#: Registry ``type`` values and the ontology classes they mean.
ENTITY_TYPES: dict[str, str] = {
    "Organization": "Organization", "Company": "Company",
    "AIModelDeveloper": "AIModelDeveloper",
    "SemiconductorEquipmentMaker": "SemiconductorEquipmentMaker",
    "TechnologyCompany": "TechnologyCompany", "InvestmentFirm": "InvestmentFirm",
    "NewsPublisher": "NewsPublisher", "NewsAgency": "NewsAgency",
    "StockExchange": "StockExchange", "Person": "Person", "Place": "Place", "City": "City",
    "Country": "Country", "PoliticalUnion": "PoliticalUnion", "Product": "Product",
    "AIModel": "AIModel", "SemiconductorEquipment": "SemiconductorEquipment",
    "GoverningBody": "GoverningBody", "AdvisoryBody": "AdvisoryBody",
    "Regulator": "Regulator", "Government": "Government", "Sector": "Sector",
}
PLACE_TYPES = {"Place", "City", "Country", "PoliticalUnion"}
PERSON_TYPES = {"Person"}
PRODUCT_TYPES = {"Product", "AIModel", "SemiconductorEquipment"}
#: a board or committee of one organization (``part_of``): one body, whatever language names it
BODY_TYPES = {"GoverningBody", "AdvisoryBody"}
#: a line of business (reference data, data/reference/sectors.yaml): what a company does
SECTOR_TYPES = {"Sector"}
ORGANIZATION_TYPES = set(ENTITY_TYPES) - PLACE_TYPES - PERSON_TYPES - PRODUCT_TYPES - BODY_TYPES - SECTOR_TYPES

@dataclass(frozen=True)
class Membership:
    organization: str
    since: DateValue | None
    until: DateValue | None
    loc: Location


@dataclass(frozen=True)
class Entity:
    id: str
    types: tuple[str, ...]
    labels: dict[str, str]
    aliases: tuple[str, ...]
    loc: Location
    reference: bool = False
    wikidata: str | None = None
    lei: str | None = None
    website: str | None = None
    located_in: str | None = None
    member_of: tuple[Membership, ...] = ()
    part_of: str | None = None

    @property
    def kind(self) -> str:
        """"person", "place", "product", "body", "sector" or "organization"."""
        if set(self.types) & BODY_TYPES:
            return "body"
        if set(self.types) & SECTOR_TYPES:
            return "sector"
        if set(self.types) & PERSON_TYPES:
            return "person"
        if set(self.types) & PLACE_TYPES:
            return "place"
        if set(self.types) & PRODUCT_TYPES:
            return "product"
        return "organization"

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en") or next(iter(self.labels.values()), self.id)


@dataclass
class Registry:
    entities: dict[str, Entity] = field(default_factory=dict)
    _names: dict[str, set[str]] = field(default_factory=dict)
    #: names (folded) of entries that failed to load: a claim naming one gets no error of its own
    broken: set[str] = field(default_factory=set)

    def add(self, entity: Entity) -> None:
        self.entities[entity.id] = entity
        for name in (entity.id, *entity.labels.values(), *entity.aliases):
            self._names.setdefault(_fold(name), set()).add(entity.id)

    def candidates(self, name: str) -> list[str]:
        """Ids of the entities whose id, label or alias equals ``name`` (case-insensitive)."""
        if name in self.entities:
            return [name]
        return sorted(self._names.get(_fold(name), ()))

    def closest(self, name: str, n: int = 3) -> list[str]:
        return difflib.get_close_matches(_fold(name), list(self._names), n=n, cutoff=0.6)

    def resolve(self, name: str) -> tuple[str | None, str]:
        """Return ``(entity id, "")`` or ``(None, explanation)``; ``(None, "")`` for a name of an
        entity that failed to load (its own error is reported once, not once per use)."""
        found = self.candidates(name)
        if len(found) == 1:
            return found[0], ""
        if found:
            listed = ", ".join(f"'{i}' ({self.entities[i].label()})" for i in found)
            return None, f"'{name}' is ambiguous: it names {listed}; use the id"
        if _fold(name) in self.broken:
            return None, ""
        close = self.closest(name)
        suggestion = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        return None, f"unknown entity '{name}'{suggestion}{look_alikes(name)}"

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.entities


def _fold(name: str) -> str:
    # NFC first: a decomposed accent (e + U+0301) is the same name as the composed one
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _names_in(item: object) -> list[str]:
    """The id, labels and aliases an entity entry gives, whatever else is wrong with it."""
    if not isinstance(item, YMap):
        return []
    names = [item.get("id")]
    labels = item.get("labels")
    if isinstance(labels, YMap):
        names += list(labels.values())
    aliases = item.get("aliases")
    if isinstance(aliases, YList):
        names += list(aliases)
    return [str(n) for n in names if isinstance(n, YStr)]


def look_alikes(name: str) -> str:
    """A note naming the characters of ``name`` that are easy to mistake: invisible ones,
    combining marks, and letters of another script among Latin ones ('' when there are none)."""
    latin = any(c.isascii() and c.isalpha() for c in name)
    odd = []
    for char in dict.fromkeys(name):
        category = unicodedata.category(char)
        script = unicodedata.name(char, "").split(" ")[0]
        if (category in ("Cf", "Cc", "Co", "Cn") or category.startswith("M") or (category.startswith("Z") and char != " ")
                or (latin and char.isalpha() and not char.isascii() and script != "LATIN")):
            odd.append(f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}")
    if not odd:
        return ""
    return f" ('{name}' contains {', '.join(odd)}, which look like other characters or nothing at all)"


def load_registry(paths: list[tuple[Path, str, bool]], problems: ProblemList, *,
                  root: Path | None = None) -> Registry:
    """Load registry files ``(path, display name, is_reference)`` into one registry; with
    ``root``, files that lead outside that project are refused."""
    registry = Registry()
    for path, display, reference in paths:
        try:
            document = read_yaml(path, display, root=root)
        except YamlSourceError as exc:
            problems.add(exc.location, exc.message, exc.hint, code="yaml")
            continue
        if not isinstance(document, YMap) or not isinstance(document.get("entities"), YList):
            problems.add(location_of(document, Location(display, 1)),
                         "an entity file must be a mapping with an 'entities' list",
                         "start the file with 'entities:' followed by '- id: ...' items", code="schema")
            continue
        for item in document["entities"]:
            entity = _read_entity(item, display, reference, problems)
            if entity is None:
                registry.broken.update(_fold(n) for n in _names_in(item))
                continue
            if entity.id in registry.entities:
                first = registry.entities[entity.id].loc
                problems.add(entity.loc, f"duplicate entity id '{entity.id}' (first defined at {first})",
                             "give each entity its own id", code="duplicate-id")
                continue
            registry.add(entity)
    _check_names(registry, problems)
    _check_references(registry, problems)
    return registry


def _read_entity(item: object, display: str, reference: bool, problems: ProblemList) -> Entity | None:
    loc = location_of(item, Location(display))
    if not isinstance(item, YMap):
        problems.add(loc, "an entity must be a mapping with 'id', 'type' and 'labels'", code="schema")
        return None
    read = read_entry(ENTITY_TABLE, item, loc, problems, None)
    if read is None:
        return None
    values = cast(_EntityValues, read)  # each reader of ENTITY_TABLE returns its field's type
    return Entity(
        id=values["id"], types=values["type"], labels=values["labels"], aliases=values["aliases"], loc=loc,
        reference=reference, wikidata=values["wikidata"], lei=values["lei"], website=values["website"],
        located_in=values["located_in"], member_of=values["member_of"], part_of=values["part_of"],
    )


class _EntityValues(TypedDict):
    id: str
    type: tuple[str, ...]
    labels: dict[str, str]
    aliases: tuple[str, ...]
    wikidata: str | None
    lei: str | None
    website: str | None
    located_in: str | None
    member_of: tuple[Membership, ...]
    part_of: str | None


def _read_id(entry: Entry[None], raw: object) -> object:
    if not isinstance(raw, YStr) or not ID_RE.match(raw):
        return entry.stop(raw, "entity 'id' must be lower-case words joined by '-'", "for example 'mistral-ai'")
    return str(raw)


def _read_types(entry: Entry[None], raw: object) -> object:
    types = [raw] if isinstance(raw, YStr) else list(raw) if isinstance(raw, YList) else []
    if not types:
        return entry.fail(raw, f"entity '{entry.values['id']}' needs a 'type'",
                          f"one of: {', '.join(sorted(ENTITY_TYPES))}")
    unknown = [t for t in types if not isinstance(t, YStr) or t not in ENTITY_TYPES]
    for t in unknown:
        close = difflib.get_close_matches(str(t), list(ENTITY_TYPES), n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"one of: {', '.join(sorted(ENTITY_TYPES))}"
        entry.fail(t, f"unknown entity type '{t}'", hint)
    return INVALID if unknown else tuple(str(t) for t in types)


def _read_labels(entry: Entry[None], raw: object) -> object:
    if not isinstance(raw, YMap) or not raw:
        # the aliases and the rest are names too: without labels they would only add noise
        return entry.stop(raw, f"entity '{entry.values['id']}' needs 'labels' per language",
                          "for example 'labels: {en: Mistral AI, nl: Mistral AI}'")
    bad = [lang for lang, text in raw.items()
           if not LANG_RE.match(lang) or not isinstance(text, YStr) or not text.strip()]
    for lang in bad:
        entry.problems.add(raw.key_locs[lang], f"label '{lang}' must be a language tag with a text", code="schema")
    if "en" not in raw or "nl" not in raw:
        return entry.fail(raw, f"entity '{entry.values['id']}' needs at least an 'en' and an 'nl' label")
    return INVALID if bad else {str(k): collapsed(v) for k, v in raw.items()}


def _read_aliases(entry: Entry[None], raw: object) -> object:
    if raw is None:
        return ()
    if not isinstance(raw, YList) or not all(isinstance(a, YStr) for a in raw):
        return entry.fail(raw, "'aliases' must be a list of names")
    return tuple(str(a) for a in raw)


def _external_id(name: str, pattern: re.Pattern[str], example: str) -> Callable[[Entry[None], object], object]:
    def read(entry: Entry[None], raw: object) -> object:
        if raw is None:
            return None
        if not isinstance(raw, YStr) or not pattern.match(raw):
            return entry.fail(raw, f"'{name}' has an invalid value '{raw}'", f"write it as {example}")
        return str(raw)
    return read


def _read_website(entry: Entry[None], raw: object) -> object:
    if raw is None:
        return None
    if not (isinstance(raw, YStr) and re.match(r"^https?://\S+$", raw)):
        return entry.fail(raw, "'website' must be an http(s) URL")
    return str(raw)


def _read_located_in(entry: Entry[None], raw: object) -> object:
    if raw is None:
        return None
    if not isinstance(raw, YStr):
        return entry.fail(raw, "'located_in' must be an entity id")
    return str(raw) if raw else None


def _read_memberships(entry: Entry[None], raw: object) -> object:
    if raw is None or isinstance(raw, YNull):
        return ()
    if not isinstance(raw, YList):
        return entry.fail(raw, "'member_of' must be a list of {organization, since, until}")
    result = []
    for item in raw:
        at = entry.at(item)
        if not isinstance(item, YMap) or not isinstance(item.get("organization"), YStr):
            return entry.fail(item, "a 'member_of' entry needs 'organization'")
        dates: dict[str, DateValue | None] = {}
        for key in ("since", "until"):
            date = item.get(key)
            try:
                dates[key] = None if date is None else parse_date(str(date))
            except ValueFormatError as exc:
                entry.problems.add(location_of(date, at), str(exc), code="date")
                return INVALID
        result.append(Membership(str(item["organization"]), dates["since"], dates["until"], at))
    return tuple(result)


def _read_part_of(entry: Entry[None], raw: object) -> object:
    types = entry.values.get("type")
    is_body = isinstance(types, tuple) and bool(set(types) & BODY_TYPES)
    if raw is None or isinstance(raw, YNull):
        if is_body:
            return entry.fail(raw, f"body '{entry.values['id']}' needs 'part_of'",
                              "give the id of the organization whose board or committee it is")
        return None
    if not isinstance(raw, YStr) or not ID_RE.match(raw):
        return entry.fail(raw, "'part_of' must be an entity id")
    if not is_body:
        return entry.fail(raw, "only a GoverningBody or AdvisoryBody has 'part_of'",
                          "give the entity type GoverningBody or AdvisoryBody, or drop 'part_of'")
    return str(raw)


#: the fields of a registry entity, read in this order
ENTITY_TABLE: Table[None] = Table(
    fields={
        "id": Field(_read_id, doc="stable id (lower-case words joined by '-')"),
        "type": Field(_read_types, doc="one entity type or a list of them"),
        "labels": Field(_read_labels, doc="a label per language; at least 'en' and 'nl'"),
        "aliases": Field(_read_aliases, doc="further names claims may use"),
        "wikidata": Field(_external_id("wikidata", WIKIDATA_RE, "Q458"), doc="Wikidata item id"),
        "lei": Field(_external_id("lei", LEI_RE, "a 20-character LEI"), doc="Legal Entity Identifier"),
        "website": Field(_read_website, doc="http(s) URL"),
        "located_in": Field(_read_located_in, doc="id of the place it is in"),
        "member_of": Field(_read_memberships, doc="list of {organization, since, until}"),
        "part_of": Field(_read_part_of, doc="for a GoverningBody or AdvisoryBody: id of its organization"),
    },
    unknown=lambda key: (f"unknown entity field '{key}'", f"allowed fields: {ENTITY_TABLE.names()}"),
)


def _check_names(registry: Registry, problems: ProblemList) -> None:
    """A label or alias of one entity must not be the id of another (that would be unresolvable)."""
    for entity in registry.entities.values():
        for name in (*entity.labels.values(), *entity.aliases):
            other = registry.entities.get(name)
            if other is not None and other.id != entity.id:
                problems.add(entity.loc, f"name '{name}' of '{entity.id}' is the id of '{other.id}'",
                             "rename the alias", code="ambiguous-name")


def _check_references(registry: Registry, problems: ProblemList) -> None:
    for entity in registry.entities.values():
        if entity.located_in and entity.located_in not in registry:
            problems.add(entity.loc, f"'{entity.id}' is located_in unknown entity '{entity.located_in}'",
                         code="unknown-entity")
        if entity.part_of and (entity.part_of not in registry
                               or registry.entities[entity.part_of].kind != "organization"):
            problems.add(entity.loc, f"'{entity.id}' is part_of '{entity.part_of}', which is not an organization "
                         "of the registry", "give the id of an organization", code="unknown-entity")
        for membership in entity.member_of:
            if membership.organization not in registry:
                problems.add(membership.loc, f"unknown entity '{membership.organization}' in member_of",
                             code="unknown-entity")
