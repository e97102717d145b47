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
}
PLACE_TYPES = {"Place", "City", "Country", "PoliticalUnion"}
PERSON_TYPES = {"Person"}
PRODUCT_TYPES = {"Product", "AIModel", "SemiconductorEquipment"}
ORGANIZATION_TYPES = set(ENTITY_TYPES) - PLACE_TYPES - PERSON_TYPES - PRODUCT_TYPES

ENTITY_FIELDS = {"id", "type", "labels", "aliases", "wikidata", "lei", "website",
                 "located_in", "member_of"}


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

    @property
    def kind(self) -> str:
        """"person", "place", "product" or "organization"."""
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
    ok = True
    for key in item:
        if key not in ENTITY_FIELDS:
            problems.add(item.key_locs[key], f"unknown entity field '{key}'",
                         f"allowed fields: {', '.join(sorted(ENTITY_FIELDS))}", code="schema")
            ok = False
    entity_id = item.get("id")
    if not isinstance(entity_id, YStr) or not ID_RE.match(entity_id):
        problems.add(location_of(entity_id, loc), "entity 'id' must be lower-case words joined by '-'",
                     "for example 'mistral-ai'", code="schema")
        return None
    raw_types = item.get("type")
    types = [raw_types] if isinstance(raw_types, YStr) else list(raw_types) if isinstance(raw_types, YList) else []
    if not types:
        problems.add(location_of(raw_types, loc), f"entity '{entity_id}' needs a 'type'",
                     f"one of: {', '.join(sorted(ENTITY_TYPES))}", code="schema")
        ok = False
    for t in types:
        if not isinstance(t, YStr) or t not in ENTITY_TYPES:
            close = difflib.get_close_matches(str(t), list(ENTITY_TYPES), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"one of: {', '.join(sorted(ENTITY_TYPES))}"
            problems.add(location_of(t, loc), f"unknown entity type '{t}'", hint, code="schema")
            ok = False
    labels = item.get("labels")
    if not isinstance(labels, YMap) or not labels:
        problems.add(location_of(labels, loc), f"entity '{entity_id}' needs 'labels' per language",
                     "for example 'labels: {en: Mistral AI, nl: Mistral AI}'", code="schema")
        return None
    for lang, text in labels.items():
        if not LANG_RE.match(lang) or not isinstance(text, YStr) or not text.strip():
            problems.add(labels.key_locs[lang], f"label '{lang}' must be a language tag with a text",
                         code="schema")
            ok = False
    if "en" not in labels or "nl" not in labels:
        problems.add(labels.loc, f"entity '{entity_id}' needs at least an 'en' and an 'nl' label",
                     code="schema")
        ok = False
    aliases = item.get("aliases", YList())
    if not isinstance(aliases, YList) or not all(isinstance(a, YStr) for a in aliases):
        problems.add(location_of(aliases, loc), "'aliases' must be a list of names", code="schema")
        ok = False
    externals = {}
    for key, pattern, example in (("wikidata", WIKIDATA_RE, "Q458"), ("lei", LEI_RE, "a 20-character LEI")):
        value = item.get(key)
        if value is None:
            continue
        if not isinstance(value, YStr) or not pattern.match(value):
            problems.add(location_of(value, loc), f"'{key}' has an invalid value '{value}'",
                         f"write it as {example}", code="schema")
            ok = False
        externals[key] = str(value)
    website = item.get("website")
    if website is not None and not (isinstance(website, YStr) and re.match(r"^https?://\S+$", website)):
        problems.add(location_of(website, loc), "'website' must be an http(s) URL", code="schema")
        ok = False
    located_in = item.get("located_in")
    if located_in is not None and not isinstance(located_in, YStr):
        problems.add(location_of(located_in, loc), "'located_in' must be an entity id", code="schema")
        ok = False
    memberships = _read_memberships(item.get("member_of"), loc, problems)
    if memberships is None or not ok:
        return None
    return Entity(
        id=str(entity_id), types=tuple(str(t) for t in types),
        labels={str(k): " ".join(str(v).split()) for k, v in labels.items()},
        aliases=tuple(str(a) for a in aliases), loc=loc, reference=reference,
        wikidata=externals.get("wikidata"), lei=externals.get("lei"),
        website=str(website) if website else None,
        located_in=str(located_in) if located_in else None, member_of=tuple(memberships),
    )


def _read_memberships(value: object, loc: Location, problems: ProblemList) -> list[Membership] | None:
    if value is None or isinstance(value, YNull):
        return []
    if not isinstance(value, YList):
        problems.add(location_of(value, loc), "'member_of' must be a list of {organization, since, until}",
                     code="schema")
        return None
    result = []
    for entry in value:
        entry_loc = location_of(entry, loc)
        if not isinstance(entry, YMap) or not isinstance(entry.get("organization"), YStr):
            problems.add(entry_loc, "a 'member_of' entry needs 'organization'", code="schema")
            return None
        dates = {}
        for key in ("since", "until"):
            raw = entry.get(key)
            if raw is None:
                dates[key] = None
                continue
            try:
                dates[key] = parse_date(str(raw))
            except ValueFormatError as exc:
                problems.add(location_of(raw, entry_loc), str(exc), code="date")
                return None
        result.append(Membership(str(entry["organization"]), dates["since"], dates["until"], entry_loc))
    return result


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
        for membership in entity.member_of:
            if membership.organization not in registry:
                problems.add(membership.loc, f"unknown entity '{membership.organization}' in member_of",
                             code="unknown-entity")
