"""Load claim files and the entity registry into a :class:`Project`, collecting problems.

Nothing is raised for bad data: every problem is recorded with its file, line and a fix
hint, and loading goes on so that one run reports all of them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict, TypeVar, cast

from claimgraph.claims.fields import INVALID, Entry, Field, Table, collapsed, read_entry
from claimgraph.claims.dates import TimeValue, check_order, parse_published, parse_time
from claimgraph.claims.values import (AMOUNT_HINT, QUANTITY_HINT, Amount, DateValue, Percentage, Quantity,
                                     ValueFormatError, parse_amount, parse_percentage, parse_quantity)
from claimgraph.claims.registry import ID_RE, Registry, load_registry
from claimgraph.paths import (CLAIMS_DIR, ENTITIES_FILE, REFERENCE_DIR, UnsafePathError, claim_file_problems,
                    claim_files, read_file, registry_files)
from claimgraph.problems import Location, Problem, ProblemList, relative_path
from claimgraph.claims.format import (AT_MOST_ONE, CLAIM_TYPES, COMMON_FIELDS, DATE_ORDER, LANGUAGES, MEASURES,
                                      ONE_OF, ORG, RESPONSE_FIELDS, SUMMARY_REQUIRED, FieldSpec, is_factual)
from claimgraph.claims.yamlsource import YList, YMap, YNull, YStr, YamlSourceError, location_of, read_yaml
from claimgraph.claims.lint import lint_description


T = TypeVar("T")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str
    #: None: the article's publication date is not known (``published: unknown``)
    published: DateValue | None
    language: str
    text_path: str
    text: str
    loc: Location
    authors: tuple[str, ...] = ()
    #: the agency or outlet whose story a republished article is
    original_publisher: str | None = None
    text_kind: str = "original"


@dataclass(frozen=True)
class Anonymous:
    """An unnamed speaker or cited source: "people familiar with the matter", "analysts"; with
    ``speaks_for``, an unnamed person who speaks for a named organization ("a Meta spokesperson")."""

    label: str
    speaks_for: str | None = None

    @property
    def named(self) -> bool:
        """Whether the claim rests on a named party through it."""
        return self.speaks_for is not None


def rests_on_unnamed_sources(values: dict[str, object]) -> bool:
    """The claim names who says it only by unnamed sources: its cites are all unnamed, or it
    cites no one and its speaker is unnamed (and speaks for no named organization)."""
    cites = values.get("cites")
    if isinstance(cites, list) and cites:
        return all(isinstance(c, Anonymous) and not c.named for c in cites)
    speaker = values.get("speaker")
    return isinstance(speaker, Anonymous) and not speaker.named


@dataclass
class Claim:
    id: str
    type: str
    modality: str
    evidence: str
    source_id: str
    values: dict[str, object]
    loc: Location
    field_locs: dict[str, Location]
    evidence_span: tuple[int, int] | None = None

    def at(self, name: str) -> Location:
        return self.field_locs.get(name, self.loc)

    def text(self, name: str) -> str:
        """The value of a text, enum, entity or claim field (each is a string)."""
        return _value(self, name, str)

    def date(self, name: str) -> TimeValue:
        return _value(self, name, TimeValue)

    def entities(self, name: str) -> list[str]:
        """The entity ids of an ``entities`` field."""
        return _value(self, name, list)


def _value(claim: Claim, name: str, kind: type[T]) -> T:
    value = claim.values[name]
    if not isinstance(value, kind):
        raise TypeError(f"claim field '{name}' holds {type(value).__name__}, not {kind.__name__}")
    return value


@dataclass
class ClaimFile:
    path: Path
    display: str
    source: Source | None
    claims: list[Claim] = field(default_factory=list)
    #: the article text the file names (read or not), relative to the project
    text_path: str | None = None
    #: the problems found while loading this file, and while locating its claims' quotes
    load_problems: list[Problem] = field(default_factory=list)
    evidence_problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class FileFindings:
    """One claim file's part in the findings of the first stages (loading, evidence): what an
    incremental ``check`` reuses for a file that did not change."""

    display: str
    text_path: str | None
    source_id: str | None
    claims: int
    load_problems: tuple[Problem, ...]
    evidence_problems: tuple[Problem, ...]

    @classmethod
    def of(cls, claim_file: ClaimFile) -> "FileFindings":
        return cls(claim_file.display, claim_file.text_path,
                   claim_file.source.id if claim_file.source else None, len(claim_file.claims),
                   tuple(claim_file.load_problems), tuple(claim_file.evidence_problems))


@dataclass
class Project:
    root: Path
    registry: Registry
    files: list[ClaimFile]
    #: the problems found in the registry files
    registry_problems: list[Problem] = field(default_factory=list)

    @property
    def claims(self) -> list[Claim]:
        return [c for f in self.files for c in f.claims]

    @property
    def sources(self) -> dict[str, Source]:
        return {f.source.id: f.source for f in self.files if f.source}


def load_project(root: Path, problems: ProblemList, *, only: list[Path] | None = None,
                 on_file=None) -> Project:
    """Load the registry and the claim files (all of them, or ``only`` these).

    ``on_file(done, total)`` is called after each claim file (for a progress bar).
    """
    start = len(problems)
    registry = load_registry(registry_files(root), problems, root=root)
    registry_problems = problems.items[start:]
    paths = only if only is not None else claim_files(root)
    if only is None:
        problems.extend(claim_file_problems(root))
    files = _load_claim_files(paths, root, registry, on_file, len(paths))
    for claim_file in files:
        problems.extend(claim_file.load_problems)
    _check_unique_sources(files, problems)
    return Project(root, registry, files, registry_problems)


def _load_claim_files(paths: list[Path], root: Path, registry: Registry, on_file=None,
                      total: int = 0) -> list[ClaimFile]:
    """Each file loaded, its own problems in ``load_problems``; ``on_file(done, total)`` after each."""
    files = []
    for number, path in enumerate(paths, 1):
        found = ProblemList()
        claim_file = load_claim_file(path, root, registry, found)
        claim_file.load_problems = found.items
        files.append(claim_file)
        if on_file is not None:
            on_file(number, total)
    return files


def load_claim_file(path: Path, root: Path, registry: Registry, problems: ProblemList) -> ClaimFile:
    display = relative_path(path, root)
    try:
        document = read_yaml(path, display, root=root)
    except YamlSourceError as exc:
        problems.add(exc.location, exc.message, exc.hint, code="yaml")
        return ClaimFile(path, display, None)
    file_loc = Location(display, 1)
    if not isinstance(document, YMap):
        problems.add(location_of(document, file_loc), "a claim file must be a mapping with 'source' and 'claims'",
                     "see the claim format in the README", code="schema")
        return ClaimFile(path, display, None)
    for key in document:
        if key not in ("source", "claims"):
            problems.add(document.key_locs[key], f"unknown top-level key '{key}'",
                         "a claim file has only 'source' and 'claims'", code="schema")
    source = _read_source(document.get("source"), root, display, file_loc, registry, problems)
    result = ClaimFile(path, display, source)
    block = document.get("source")
    if isinstance(block, YMap):  # the text it names is an input even when it is missing
        result.text_path = _scalar(block.get("text"))
    claims = document.get("claims")
    if not isinstance(claims, YList):
        problems.add(location_of(claims, file_loc), "'claims' must be a list of claims",
                     "write 'claims:' followed by '- id: ...' items", code="schema")
        return result
    language = source.language if source else "en"
    seen: dict[str, Location] = {}
    for item in claims:
        claim = _read_claim(item, display, source, language, registry, problems)
        if claim is None:
            continue
        if claim.id in seen:
            problems.add(claim.at("id"), f"duplicate claim id '{claim.id}' (first at line {seen[claim.id].line})",
                         "give each claim its own id", code="duplicate-id")
            continue
        seen[claim.id] = claim.loc
        result.claims.append(claim)
        lint_description(claim, problems)
    declared = {str(i["id"]) for i in claims if isinstance(i, YMap) and isinstance(i.get("id"), YStr)}
    _check_responses(result, declared, problems)
    return result


def _read_source(value: object, root: Path, display: str, file_loc: Location,
                 registry: Registry, problems: ProblemList) -> Source | None:
    loc = location_of(value, file_loc)
    if not isinstance(value, YMap):
        required = ", ".join(sorted(n for n, f in SOURCE_TABLE.fields.items() if f.required))
        problems.add(loc, "'source' must be a mapping describing the article",
                     f"give {required}", code="schema")
        return None
    read = read_entry(SOURCE_TABLE, value, loc, problems, _SourceContext(root, registry))
    if read is None:
        return None
    values = cast(_SourceValues, read)  # each reader of SOURCE_TABLE returns its field's type
    text_path, text = values["text"]
    return Source(values["id"], values["title"], values["publisher"], values["url"], values["published"],
                  values["language"], text_path, text, loc, values["author"], values["original_publisher"],
                  values["text_kind"])


@dataclass(frozen=True)
class _SourceContext:
    root: Path
    registry: Registry


class _SourceValues(TypedDict):
    id: str
    title: str
    publisher: str
    url: str
    published: DateValue | None
    language: str
    text: tuple[str, str]
    author: tuple[str, ...]
    original_publisher: str | None
    text_kind: str


def _read_source_id(entry: Entry[_SourceContext], raw: object) -> object:
    text = collapsed(raw)
    if not ID_RE.match(text):
        return entry.fail(raw, "source 'id' must be lower-case words joined by '-'",
                          "for example 'techzine-2025-09-09-asml-mistral'")
    return text


def _read_title(entry: Entry[_SourceContext], raw: object) -> object:
    return collapsed(raw)


def _read_language(entry: Entry[_SourceContext], raw: object) -> object:
    text = collapsed(raw)
    if text not in LANGUAGES:
        return entry.fail(raw, f"unsupported language '{text}'", f"one of: {', '.join(LANGUAGES)}")
    return text


def _read_url(entry: Entry[_SourceContext], raw: object) -> object:
    text = collapsed(raw)
    if not re.match(r"^https?://\S+$", text):
        return entry.fail(raw, "source 'url' must be an http(s) URL")
    return text


def _read_published(entry: Entry[_SourceContext], raw: object) -> object:
    try:
        return parse_published(collapsed(raw))
    except ValueFormatError as exc:
        return entry.fail(raw, str(exc), "when the article shows no date, write 'unknown' (never invent one)",
                          code="date")


def _read_publisher(entry: Entry[_SourceContext], raw: object) -> object:
    publisher, why = entry.context.registry.resolve(collapsed(raw))
    if publisher is not None:
        return publisher
    if not why:  # the entity's own entry failed to load, and says so
        return INVALID
    return entry.fail(raw, why, "add the publisher to data/entities.yaml", code="unknown-entity")


def _read_original_publisher(entry: Entry[_SourceContext], raw: object) -> object:
    if raw is None or isinstance(raw, YNull):
        return None
    if not isinstance(raw, YStr):
        return entry.fail(raw, "source 'original_publisher' must name one entity")
    publisher = _read_publisher(entry, raw)
    if isinstance(publisher, str) and entry.context.registry.entities[publisher].kind != "organization":
        return entry.fail(raw, f"source 'original_publisher' must be an outlet or agency, not "
                          f"'{publisher}' ({entry.context.registry.entities[publisher].kind})",
                          "name the agency or outlet whose story the article is", code="wrong-entity-kind")
    return publisher


def _read_authors(entry: Entry[_SourceContext], raw: object) -> object:
    if raw is None or isinstance(raw, YNull):
        return ()
    items = [raw] if isinstance(raw, YStr) else list(raw) if isinstance(raw, YList) else None
    if not items or not all(isinstance(i, YStr) and collapsed(i) for i in items):
        return entry.fail(raw, "source 'author' must be a name or a list of names",
                          "for example 'author: Arjun Kharpal'")
    return tuple(collapsed(i) for i in items)


TEXT_KINDS = ("original", "restatement")


def _read_text_kind(entry: Entry[_SourceContext], raw: object) -> object:
    if raw is None or isinstance(raw, YNull):
        return "original"
    text = collapsed(raw) if isinstance(raw, YStr) else ""
    if text not in TEXT_KINDS:
        return entry.fail(raw, f"source 'text_kind' must be one of: {', '.join(TEXT_KINDS)}",
                          "'restatement' when the text in seeds/ restates the article")
    return text


def _read_text(entry: Entry[_SourceContext], raw: object) -> object:
    """The path as written and the text of the file it names."""
    path = collapsed(raw)
    text = _read_source_text(entry.context.root, path, entry.at(raw), entry.problems)
    return INVALID if text is None else (path, text)


#: the fields of a claim file's ``source``, checked in this order; all are one line of text
SOURCE_TABLE: Table[_SourceContext] = Table(
    fields={
        "id": Field(_read_source_id, required=True, text=True, doc="stable id of the article"),
        "title": Field(_read_title, required=True, text=True, doc="the article's title"),
        "language": Field(_read_language, required=True, text=True, doc=f"one of {', '.join(LANGUAGES)}"),
        "url": Field(_read_url, required=True, text=True, doc="http(s) URL of the article"),
        "published": Field(_read_published, required=True, text=True, doc="YYYY-MM-DD, YYYY-MM, YYYY or unknown"),
        "publisher": Field(_read_publisher, required=True, text=True, doc="an entity of the registry"),
        "text": Field(_read_text, required=True, text=True, doc="the article text's path in the project"),
        "author": Field(_read_authors, doc="the author's name, or a list of names"),
        "original_publisher": Field(_read_original_publisher,
                                    doc="the agency or outlet whose story a republished article is"),
        "text_kind": Field(_read_text_kind, doc="original (default) or restatement"),
    },
    unknown=lambda key: (f"unknown source field '{key}'", f"allowed fields: {SOURCE_TABLE.names()}"),
    missing=lambda name: f"source is missing '{name}'",
    not_text=lambda name: f"source '{name}' must be a text",
    shape_first=True,
)


def _read_source_text(root: Path, relative: str, loc: Location, problems: ProblemList) -> str | None:
    try:
        raw = read_file(root / relative, root)
    except UnsafePathError as exc:
        problems.add(loc, f"source text '{relative}': {exc}", "put the article text under seeds/",
                     code="source-text")
        return None
    except OSError:
        problems.add(loc, f"source text '{relative}' not found",
                     "copy the article text into seeds/ and give its path relative to the project",
                     code="source-text")
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(loc, f"source text '{relative}' is not UTF-8 (first bad byte on its line {line})",
                     "convert the file to UTF-8 (iconv -f latin1 -t utf-8)", code="source-text")
        return None


def _scalar(value: object) -> str | None:
    return " ".join(str(value).split()) if isinstance(value, YStr) else None


def _read_claim(item: object, display: str, source: Source | None, language: str,
                registry: Registry, problems: ProblemList) -> Claim | None:
    loc = location_of(item, Location(display))
    if not isinstance(item, YMap):
        problems.add(loc, "a claim must be a mapping with id, type, modality and evidence",
                     code="schema")
        return None
    claim_type = item.get("type")
    if not isinstance(claim_type, YStr) or claim_type not in CLAIM_TYPES:
        close = difflib.get_close_matches(str(claim_type), list(CLAIM_TYPES), n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"one of: {', '.join(sorted(CLAIM_TYPES))}"
        problems.add(location_of(claim_type, loc), f"unknown claim type '{claim_type}'", hint,
                     code="unknown-type")
        return None
    specs = {**COMMON_FIELDS, **CLAIM_TYPES[claim_type]}
    before = len(problems)
    for key in item:
        if key not in specs:
            close = difflib.get_close_matches(key, list(specs), n=1)
            hint = (f"did you mean '{close[0]}'?" if close
                    else f"type '{claim_type}' takes: {', '.join(sorted(specs))}")
            problems.add(item.key_locs[key], f"unknown field '{key}' for claim type '{claim_type}'", hint,
                         code="unknown-field")
    values: dict[str, object] = {}
    published = source.published if source else None
    for name, spec in specs.items():
        raw = item.get(name)
        if raw is None or isinstance(raw, YNull):
            if spec.required:
                problems.add(loc, f"claim type '{claim_type}' needs field '{name}'",
                             f"add '{name}:'" + (f" ({spec.doc})" if spec.doc else ""),
                             code="missing-field")
            elif spec.default is not None:
                values[name] = spec.default
            continue
        parsed = _read_field(name, spec, raw, language, registry, problems, loc, published)
        if parsed is not None:
            values[name] = parsed
    for start, end in DATE_ORDER:
        first, last = values.get(start), values.get(end)
        if isinstance(first, TimeValue) and isinstance(last, TimeValue) and check_order(first, last):
            problems.add(location_of(item.get(end), loc),
                         f"'{end}' ({last.wording}) lies before '{start}' ({first.wording})",
                         f"an end cannot come before its start: fix or swap '{start}' and '{end}'",
                         code="date-order")
    if len(problems) == before:
        _check_type_rules(claim_type, item, values, loc, problems)
    if len(problems) > before:
        return None
    # id, modality and evidence are required text fields: read, they are strings
    claim_id, modality, evidence = str(values["id"]), str(values["modality"]), str(values.pop("evidence"))
    if not ID_RE.match(claim_id):
        problems.add(item.key_locs.get("id", loc), f"claim id '{claim_id}' must be lower-case words joined by '-'",
                     "for example 'asml-invests-in-mistral'", code="schema")
        return None
    cites = values.get("cites")
    if modality == "reported" and "reported_by" not in values:
        problems.add(loc, "a 'reported' claim needs 'reported_by' (the outlet it is reported from)",
                     "add 'reported_by: <entity>'", code="missing-field")
        return None
    if is_factual(modality) and rests_on_unnamed_sources(values):
        problems.add(location_of(item.get("modality"), loc),
                     f"a claim whose only sources are unnamed is unconfirmed, not '{modality}'",
                     "write 'modality: unconfirmed' (it stays out of the facts); for an unnamed person who "
                     "speaks for a named organization write {anonymous: <who>, for: <organization>}",
                     code="modality")
        return None
    if modality == "unconfirmed" and not cites and not isinstance(values.get("speaker"), Anonymous):
        problems.add(loc, "an 'unconfirmed' claim needs 'cites' (whom the report cites) or an unnamed 'speaker'",
                     "add 'cites: [{anonymous: people familiar with the matter}]'", code="missing-field")
        return None
    percentage = values.get("percentage")
    if claim_type == "shareholding" and isinstance(percentage, Percentage) and "majority" in values:
        low, high = percentage.bounds()
        if (values["majority"] and high <= 50) or (not values["majority"] and low > 50):
            problems.add(item.key_locs.get("majority", loc),
                         f"'majority: {str(values['majority']).lower()}' contradicts 'percentage: {percentage.original}'",
                         "a majority is more than 50 %: drop 'majority' (the percentage says it) or correct one of them",
                         code="bad-bool")
            return None
    body = values.get("body")
    if claim_type in ("seat", "role") and isinstance(body, str) and body in registry.entities:
        part_of = registry.entities[body].part_of
        if part_of != values.get("organization"):
            problems.add(location_of(item.get("body"), loc),
                         f"body '{body}' is part of '{part_of}', not of '{values.get('organization')}'",
                         "name a body of the seat's organization, or correct 'organization'", code="wrong-entity-kind")
            return None
        if "body_name" in values:
            problems.add(item.key_locs.get("body_name", loc),
                         f"'body_name' is for a body word; body '{body}' has its names in the registry",
                         "drop 'body_name', or add the name to the body's labels or aliases", code="unknown-field")
            return None
    if "event" in values and claim_type in SUMMARY_REQUIRED:
        problems.add(item.key_locs.get("event", loc), f"a '{claim_type}' claim has no content an event could hold",
                     "drop 'event', or use the claim type that says what happened (investment, acquisition, ...)",
                     code="event-type")
        return None
    for name in RESPONSE_FIELDS:
        if values.get(name) in (claim_id, f"{source.id if source else ''}/{claim_id}"):
            problems.add(item.key_locs.get(name, loc), f"claim '{claim_id}' cannot answer itself ({name})",
                         "name the other claim it answers", code="unknown-claim")
            return None
    if modality == "statement" and "speaker" not in values:
        problems.add(loc, "a 'statement' claim needs 'speaker'",
                     "add 'speaker: <person or organization>' or 'speaker: {anonymous: <who>}'",
                     code="missing-field")
        return None
    if claim_type in SUMMARY_REQUIRED and "summary" not in values:
        problems.add(loc, f"claim type '{claim_type}' needs a 'summary' (one English line)",
                     "add 'summary: ...'", code="missing-field")
        return None
    if source is None:
        return None
    field_locs = {k: location_of(v, item.key_locs[k]) for k, v in item.items()}
    field_locs["id"] = item.key_locs.get("id", loc)
    return Claim(claim_id, str(claim_type), modality, evidence, source.id, values, loc,
                 field_locs)


def _check_type_rules(claim_type: str, item: YMap, values: dict[str, object], loc: Location,
                      problems: ProblemList) -> None:
    """The rules of one claim type that tie its fields together (each field read alone is fine)."""
    for rule, (names, exactly) in ONE_OF.items():
        if rule.split("/")[0] != claim_type:
            continue
        given = [name for name in names if name in values]
        listed = " or ".join(f"'{name}'" for name in names)
        written = [name for name in names if name in item.key_locs]
        if not given and written:
            continue  # the field is there but its value was refused: that error was reported already
        if not given:
            problems.add(loc, f"claim type '{claim_type}' needs {listed}",
                         f"add one of {', '.join(names)}", code="missing-field")
        elif exactly and len(given) > 1:
            problems.add(item.key_locs.get(given[1], loc),
                         f"claim type '{claim_type}' takes one of {listed}, not {' and '.join(given)}",
                         "keep the one the article gives", code="wrong-type")
    pair = AT_MOST_ONE.get(claim_type, ())
    both = [name for name in pair if name in values]
    if len(both) > 1:
        listed = " or ".join(f"'{name}'" for name in pair)
        problems.add(item.key_locs.get(both[1], loc),
                     f"claim type '{claim_type}' takes one of {listed}, not {' and '.join(both)}",
                     "keep the one the article gives", code="wrong-type")
    if claim_type == "metric" and "measure" in values:
        measure = str(values["measure"])
        field_name, unit_kind = MEASURES[measure]
        given = [name for name in ("amount", "percentage", "quantity") if name in values]
        if given and given[0] != field_name:
            problems.add(item.key_locs.get(given[0], loc),
                         f"measure '{measure}' takes '{field_name}', not '{given[0]}'",
                         f"write the figure under '{field_name}:'", code="wrong-type")
        quantity = values.get("quantity")
        if isinstance(quantity, Quantity) and quantity.counts != (unit_kind == "count"):
            problems.add(location_of(item.get("quantity"), loc),
                         f"measure '{measure}' is {'a count' if unit_kind == 'count' else 'a physical quantity'}, "
                         f"but '{quantity.original}' is {'a count' if quantity.counts else 'a physical quantity'}",
                         "check the measure and the unit", code="wrong-type")
        if "direction" in values and not measure.endswith(("-change", "-growth")):
            problems.add(item.key_locs.get("direction", loc),
                         f"'direction' is for a change (share-price-change, revenue-growth), not '{measure}'",
                         "drop 'direction'", code="wrong-type")
    if claim_type == "exchange_rate":
        base, quote = values.get("base"), values.get("quote")
        if isinstance(base, Amount) and isinstance(quote, Amount):
            if base.currency == quote.currency:
                problems.add(location_of(item.get("quote"), loc),
                             f"an exchange rate needs two currencies, but both are {base.currency}",
                             "write e.g. base: '$1', quote: 'EUR 0.8495'", code="bad-amount")
            elif base.value == 0:
                problems.add(location_of(item.get("base"), loc), "the base amount of an exchange rate is zero",
                             "write e.g. base: '$1'", code="bad-amount")
    if claim_type == "association" and values.get("entity") == values.get("associated_with"):
        problems.add(location_of(item.get("associated_with"), loc), "an association needs two different entities",
                     "name the other entity", code="wrong-type")
    if claim_type == "subsidiary" and values.get("parent") == values.get("subsidiary"):
        problems.add(location_of(item.get("subsidiary"), loc), "an organization is not its own subsidiary",
                     "name the parent and the subsidiary", code="wrong-type")


def _read_field(name: str, spec: FieldSpec, raw: object, language: str, registry: Registry,
                problems: ProblemList, claim_loc: Location, published: DateValue | None = None) -> object | None:
    loc = location_of(raw, claim_loc)
    if spec.one_or_list and isinstance(raw, (YStr, YMap)):
        raw = YList([raw])
        raw.loc = loc
    if spec.kind in ("agent", "agents"):
        return _read_agents(name, spec, raw, registry, problems, loc)
    if spec.kind == "texts":
        items = raw if isinstance(raw, YList) else None
        if not items or not all(isinstance(item, YStr) and " ".join(item.split()) for item in items):
            problems.add(loc, f"'{name}' must be a list of texts", f"write '{name}: [\"...\", \"...\"]'",
                         code="wrong-type")
            return None
        return [" ".join(str(item).split()) for item in items]
    if spec.kind == "entities":
        if not isinstance(raw, YList) or not raw:
            problems.add(loc, f"'{name}' must be a list of entities", f"write '{name}: [A, B]'",
                         code="wrong-type")
            return None
        if len(raw) < spec.min_items:
            problems.add(loc, f"'{name}' needs at least {spec.min_items} entities", code="wrong-type")
            return None
        ids = [_read_entity_ref(name, spec, item, registry, problems, loc) for item in raw]
        if None in ids:
            return None
        if len(set(ids)) != len(ids):
            problems.add(loc, f"'{name}' names the same entity twice", code="wrong-type")
            return None
        return ids
    if not isinstance(raw, YStr):
        problems.add(loc, f"'{name}' must be a single value, not a {'list' if isinstance(raw, YList) else 'mapping'}",
                     f"write '{name}: <value>' on one line", code="wrong-type")
        return None
    text = " ".join(raw.split())
    try:
        if spec.kind == "entity":
            return _read_entity_ref(name, spec, raw, registry, problems, loc)
        if spec.kind == "amount":
            return parse_amount(text, language=language)
        if spec.kind == "percentage":
            return parse_percentage(text, language=language, over_100=spec.over_100)
        if spec.kind == "quantity":
            return parse_quantity(text, language=language)
        if spec.kind == "date":
            return parse_time(text, language, published)
        if spec.kind == "event":
            if not ID_RE.match(text):
                raise ValueFormatError(f"event id '{text}' must be lower-case words joined by '-'")
            return text
        if spec.kind == "claim":
            if not all(ID_RE.match(part) for part in text.split("/")) or text.count("/") > 1:
                raise ValueFormatError(f"'{text}' is not a claim id nor '<source-id>/<claim-id>'")
            return text
        if spec.kind == "body":
            if text in spec.choices:
                return text
            body, why = registry.resolve(text)
            if body is None:
                if not why:  # the body's own entry failed to load, and says so
                    return None
                raise ValueFormatError(why)
            if registry.entities[body].kind != "body":
                raise ValueFormatError(f"'{text}' is not a body (GoverningBody or AdvisoryBody)")
            return body
        if spec.kind == "bool":
            if text not in ("true", "false"):
                raise ValueFormatError(f"'{name}' must be true or false, not '{text}'")
            return text == "true"
        if spec.kind == "enum":
            if text not in spec.choices:
                close = difflib.get_close_matches(text, spec.choices, n=1)
                raise ValueFormatError(f"'{text}' is not a valid {name}"
                                       + (f"; did you mean '{close[0]}'?" if close else ""))
            return text
        if not text:
            raise ValueFormatError(f"'{name}' must not be empty")
        return text if name != "evidence" else str(raw)
    except ValueFormatError as exc:
        hint = {"amount": AMOUNT_HINT, "percentage": "write e.g. '11 procent', '11%' or 'about 11.5 per cent'",
                "date": "write YYYY-MM-DD, YYYY-MM, YYYY or the article's words ('on Sunday', 'last year')",
                "quantity": QUANTITY_HINT,
                "event": "for example 'meta-invests-in-scale-ai-2025'",
                "claim": "give a claim id of this file, or '<source-id>/<claim-id>' of another file",
                "body": f"one of: {', '.join(spec.choices)}, or a body of the registry",
                "enum": f"one of: {', '.join(spec.choices)}"}.get(spec.kind, "")
        problems.add(loc, f"{name}: {exc}", hint, code=f"bad-{spec.kind}")
        return None


def _read_agents(name: str, spec: FieldSpec, raw: object, registry: Registry, problems: ProblemList,
                 loc: Location) -> object | None:
    """An ``agent``: an entity or ``{anonymous: who}``; ``agents``: a list of them."""
    items = list(raw) if spec.kind == "agents" and isinstance(raw, YList) else [raw]
    if spec.kind == "agents" and not items:
        problems.add(loc, f"'{name}' must list at least one entity or {{anonymous: who}}", code="wrong-type")
        return None
    found: list[object] = []
    for item in items:
        at = location_of(item, loc)
        if isinstance(item, YMap):
            label, speaks_for = item.get("anonymous"), item.get("for")
            if (not set(item) <= {"anonymous", "for"} or not isinstance(label, YStr) or not " ".join(label.split())
                    or (speaks_for is not None and not isinstance(speaks_for, YStr))):
                problems.add(at, f"'{name}': an unnamed source is written {{anonymous: <who>}}, or "
                             "{anonymous: <who>, for: <organization>} for one who speaks for it",
                             "for example {anonymous: people familiar with the matter} or "
                             "{anonymous: a Meta spokesperson, for: Meta}", code="wrong-type")
                return None
            organization = None
            if speaks_for is not None:
                organization = _read_entity_ref(f"{name} for", FieldSpec("entity", entity_kinds=ORG),
                                                speaks_for, registry, problems, at)
                if organization is None:
                    return None
            found.append(Anonymous(" ".join(label.split()), organization))
            continue
        entity = _read_entity_ref(name, spec, item, registry, problems, at)
        if entity is None:
            return None
        if entity in found:
            problems.add(at, f"'{name}' names '{entity}' twice", "name each source once", code="wrong-type")
            return None
        found.append(entity)
    return found if spec.kind == "agents" else found[0]


def _read_entity_ref(name: str, spec: FieldSpec, raw: object, registry: Registry,
                     problems: ProblemList, loc: Location) -> str | None:
    loc = location_of(raw, loc)
    if not isinstance(raw, YStr):
        problems.add(loc, f"'{name}' must name an entity", code="wrong-type")
        return None
    entity_id, why = registry.resolve(" ".join(raw.split()))
    if entity_id is None:
        if why:  # (none: the entity's own entry failed to load, and says so)
            problems.add(loc, f"{name}: {why}",
                         "use an id, label or alias from data/entities.yaml, or add the entity there",
                         code="unknown-entity")
        return None
    kind = registry.entities[entity_id].kind
    if spec.entity_kinds and kind not in spec.entity_kinds:
        article = "an" if kind[0] in "aeiou" else "a"
        wanted = "an" if spec.entity_kinds[0][0] in "aeiou" else "a"
        problems.add(loc, f"{name}: '{raw}' is {article} {kind}, but {name} must be {wanted} "
                     f"{' or '.join(spec.entity_kinds)}", "name another entity or fix its type",
                     code="wrong-entity-kind")
        return None
    return entity_id


def _check_responses(claim_file: ClaimFile, declared: set[str], problems: ProblemList) -> None:
    """``responds_to`` must name a claim of the file (one that failed to load counts: no cascade)."""
    ids = declared
    for claim in claim_file.claims:
        for name in RESPONSE_FIELDS:
            target = claim.values.get(name)
            if isinstance(target, str) and "/" not in target and target not in ids:
                problems.add(claim.at(name), f"{name} names unknown claim '{target}'",
                             "give the id of a claim in this file, or '<source-id>/<claim-id>' of another file",
                             code="unknown-claim")


def has_duplicate_sources(files: list[FileFindings]) -> bool:
    """Whether two files use one source id (``_check_unique_sources`` then reports it, and the
    evidence of one file is looked up in the other's text)."""
    ids = [f.source_id for f in files if f.source_id is not None]
    return len(ids) != len(set(ids))


def _check_unique_sources(files: list[ClaimFile], problems: ProblemList) -> None:
    seen: dict[str, str] = {}
    for claim_file in files:
        if claim_file.source is None:
            continue
        if claim_file.source.id in seen:
            problems.add(claim_file.source.loc,
                         f"source id '{claim_file.source.id}' is also used by {seen[claim_file.source.id]}",
                         "give each article its own source id", code="duplicate-id")
        seen[claim_file.source.id] = claim_file.display
