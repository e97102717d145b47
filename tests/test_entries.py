"""Reading one registry entity and one claim file's 'source': every rule of their field tables
gives its own message at the value's line and column, and one entry reports all it can."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.claims.loader import Source, load_claim_file
from claimgraph.claims.registry import Entity, Membership, Registry, load_registry
from claimgraph.claims.values import parse_date
from claimgraph.problems import Location, ProblemList

ENTITIES = "data/entities.yaml"
CLAIMS = "data/claims/a.yaml"
GOOD_ENTITY = "  - id: acme\n    type: Company\n    labels: {en: Acme, nl: Acme}\n"
PUBLISHER = "  - id: techzine\n    type: NewsPublisher\n    labels: {en: Techzine, nl: Techzine}\n"


def read_entities(tmp_path: Path, entries: str) -> tuple[Registry, list[str]]:
    path = tmp_path / ENTITIES
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("entities:\n" + entries, encoding="utf-8")
    problems = ProblemList()
    registry = load_registry([(path, ENTITIES, False)], problems, root=tmp_path)
    return registry, [p.as_text() for p in problems]


@pytest.mark.parametrize("entry, expected", [
    ("  - just a name\n",
     ["2:5: error: an entity must be a mapping with 'id', 'type' and 'labels'"]),
    # an unknown field is reported, and the entry is read on for more
    (GOOD_ENTITY + "    colour: red\n    website: ftp://acme\n",
     ["5:5: error: unknown entity field 'colour' (fix: allowed fields: aliases, id, labels, lei, "
      "located_in, member_of, part_of, type, website, wikidata)",
      "6:14: error: 'website' must be an http(s) URL"]),
    # a bad id stops the entry: its other fields are not read
    ("  - id: Acme Inc\n    colour: red\n",
     ["3:5: error: unknown entity field 'colour' (fix: allowed fields: aliases, id, labels, lei, "
      "located_in, member_of, part_of, type, website, wikidata)",
      "2:9: error: entity 'id' must be lower-case words joined by '-' (fix: for example 'mistral-ai')"]),
    ("  - type: Company\n    labels: {en: Acme, nl: Acme}\n",
     ["2:5: error: entity 'id' must be lower-case words joined by '-' (fix: for example 'mistral-ai')"]),
    ("  - id: acme\n    labels: {en: Acme, nl: Acme}\n",
     ["2:5: error: entity 'acme' needs a 'type' (fix: one of: AIModel, AIModelDeveloper, AdvisoryBody, City, Company, "
      "Country, GoverningBody, Government, InvestmentFirm, NewsAgency, NewsPublisher, Organization, Person, Place, PoliticalUnion, "
      "Product, Regulator, Sector, SemiconductorEquipment, SemiconductorEquipmentMaker, StockExchange, TechnologyCompany)"]),
    ("  - id: acme\n    type: [Compny, Person, Spaceship]\n    labels: {en: Acme, nl: Acme}\n",
     ["3:12: error: unknown entity type 'Compny' (fix: did you mean 'Company'?)",
      "3:28: error: unknown entity type 'Spaceship' (fix: one of: AIModel, AIModelDeveloper, AdvisoryBody, City, Company, "
      "Country, GoverningBody, Government, InvestmentFirm, NewsAgency, NewsPublisher, Organization, Person, Place, PoliticalUnion, "
      "Product, Regulator, Sector, SemiconductorEquipment, SemiconductorEquipmentMaker, StockExchange, TechnologyCompany)"]),
    # missing labels stop the entry after the type (the aliases are not read)
    ("  - id: acme\n    type: Compny\n    aliases: Acme\n",
     ["3:11: error: unknown entity type 'Compny' (fix: did you mean 'Company'?)",
      "2:5: error: entity 'acme' needs 'labels' per language (fix: for example "
      "'labels: {en: Mistral AI, nl: Mistral AI}')"]),
    ("  - id: acme\n    type: Company\n    labels: {}\n",
     ["4:13: error: entity 'acme' needs 'labels' per language (fix: for example "
      "'labels: {en: Mistral AI, nl: Mistral AI}')"]),
    ("  - id: acme\n    type: Company\n    labels: {en: Acme, EN_x: Acme, fr: ' '}\n",
     ["4:24: error: label 'EN_x' must be a language tag with a text",
      "4:36: error: label 'fr' must be a language tag with a text",
      "4:13: error: entity 'acme' needs at least an 'en' and an 'nl' label"]),
    # every other rule, in one entry: all are reported
    ("  - id: acme\n    type: Company\n    labels: {en: Acme, nl: Acme}\n    aliases: [Acme, {a: b}]\n"
     "    wikidata: 458\n    lei: abc\n    website: www.acme.com\n    located_in: [x]\n    member_of: acme\n",
     ["5:14: error: 'aliases' must be a list of names",
      "6:15: error: 'wikidata' has an invalid value '458' (fix: write it as Q458)",
      "7:10: error: 'lei' has an invalid value 'abc' (fix: write it as a 20-character LEI)",
      "8:14: error: 'website' must be an http(s) URL",
      "9:17: error: 'located_in' must be an entity id",
      "10:16: error: 'member_of' must be a list of {organization, since, until}"]),
    (GOOD_ENTITY + "    member_of:\n      - {since: 2020}\n",
     ["6:9: error: a 'member_of' entry needs 'organization'"]),
    (GOOD_ENTITY + "    member_of:\n      - {organization: acme, since: 2020-13}\n",
     ["6:37: error: '2020-13' is not a real date (month must be in 1..12)"]),
])
def test_each_entity_rule_reports_its_own_line(tmp_path, entry, expected):
    registry, problems = read_entities(tmp_path, entry)
    assert problems == [f"{ENTITIES}:{line}" for line in expected]
    assert registry.entities == {}


def test_a_good_entity_reads_every_field(tmp_path):
    registry, problems = read_entities(tmp_path, (
        "  - id: veldhoven\n    type: City\n    labels: {en: Veldhoven, nl: Veldhoven}\n"
        "  - id: acme\n    type: [Company, TechnologyCompany]\n    labels: {en: '  Acme   Corp ', nl: Acme}\n"
        "    aliases: [ACME]\n    wikidata: Q458\n    lei: 724500Y6DUVHQD6OXN27\n    website: https://acme.example\n"
        "    located_in: veldhoven\n    member_of:\n      - {organization: veldhoven, since: 2020-03, until: 2024}\n"
        "      - {organization: veldhoven}\n"))
    assert problems == []
    at = Location(ENTITIES, 5, 5)
    assert registry.entities["acme"] == Entity(
        id="acme", types=("Company", "TechnologyCompany"), labels={"en": "Acme Corp", "nl": "Acme"},
        aliases=("ACME",), loc=at, wikidata="Q458", lei="724500Y6DUVHQD6OXN27", website="https://acme.example",
        located_in="veldhoven",
        member_of=(Membership("veldhoven", parse_date("2020-03"), parse_date("2024"), Location(ENTITIES, 14, 9)),
                   Membership("veldhoven", None, None, Location(ENTITIES, 15, 9))))


def test_the_names_of_a_broken_entity_raise_no_second_error(tmp_path):
    registry, problems = read_entities(tmp_path, "  - id: acme\n    type: Compny\n    labels: {en: Acme Corp, nl: Acme}\n")
    assert len(problems) == 1
    assert registry.resolve("Acme Corp") == (None, "")


GOOD_SOURCE = {
    "id": "techzine-2025-09-09-acme",
    "title": "Acme  grows",
    "publisher": "Techzine",
    "url": "https://www.techzine.be/acme",
    "published": "2025-09-09",
    "language": "nl",
    "text": "seeds/acme.txt",
}


def read_source(tmp_path: Path, source: dict[str, str] | str) -> tuple[Source | None, list[str]]:
    registry, problems = read_entities(tmp_path, PUBLISHER)
    assert problems == []
    (tmp_path / "seeds").mkdir(exist_ok=True)
    (tmp_path / "seeds" / "acme.txt").write_text("Acme grows.\n", encoding="utf-8")
    block = source if isinstance(source, str) else "".join(f"  {k}: {v}\n" for k, v in source.items())
    path = tmp_path / CLAIMS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("source:\n" + block + "claims: []\n", encoding="utf-8")
    found = ProblemList()
    claim_file = load_claim_file(path, tmp_path, registry, found)
    return claim_file.source, [p.as_text() for p in found]


def changed(**fields: str | None) -> dict[str, str]:
    source = {**GOOD_SOURCE, **fields}
    return {k: v for k, v in source.items() if v is not None}


@pytest.mark.parametrize("source, expected", [
    # unknown and missing fields are all reported, and stop the source before its values are read
    (changed(colour="red", title=None, url=None, language="xx"),
     ["7:3: error: unknown source field 'colour' (fix: allowed fields: author, id, language, original_publisher, published, publisher, "
      "text, text_kind, title, url)",
      "2:3: error: source is missing 'title'",
      "2:3: error: source is missing 'url'"]),
    (changed(colour="red", language="xx"),
     ["9:3: error: unknown source field 'colour' (fix: allowed fields: author, id, language, original_publisher, published, publisher, "
      "text, text_kind, title, url)"]),
    # a field that is not one text stops the source too
    (changed(title="[Acme, grows]", language="xx"),
     ["3:10: error: source 'title' must be a text"]),
    (changed(published=""),
     ["6:13: error: source 'published' must be a text"]),
    # in the table's order: id, title, language, url, published, publisher, text
    (changed(url="{at: x}", title="[Acme]"),
     ["3:10: error: source 'title' must be a text",
      "5:8: error: source 'url' must be a text"]),
    # every value rule, in one source: all are reported
    (changed(id="Acme", language="xx", url="www.acme.com", published="2025-02-30", publisher="Techzin",
             text="seeds/missing.txt"),
     ["2:7: error: source 'id' must be lower-case words joined by '-' (fix: for example "
      "'techzine-2025-09-09-asml-mistral')",
      "7:13: error: unsupported language 'xx' (fix: one of: nl, en, fr)",
      "5:8: error: source 'url' must be an http(s) URL",
      "6:14: error: '2025-02-30' is not a real date (day is out of range for month) "
      "(fix: when the article shows no date, write 'unknown' (never invent one))",
      "4:14: error: unknown entity 'Techzin'; did you mean 'techzine'? (fix: add the publisher to "
      "data/entities.yaml)",
      "8:9: error: source text 'seeds/missing.txt' not found (fix: copy the article text into seeds/ and give "
      "its path relative to the project)"]),
])
def test_each_source_rule_reports_its_own_line(tmp_path, source, expected):
    found, problems = read_source(tmp_path, source)
    assert problems == [f"{CLAIMS}:{line}" for line in expected]
    assert found is None


def test_a_source_that_is_not_a_mapping(tmp_path):
    found, problems = read_source(tmp_path, "  - id: x\n")
    assert problems == [f"{CLAIMS}:2:3: error: 'source' must be a mapping describing the article "
                        "(fix: give id, language, published, publisher, text, title, url)"]


def test_a_good_source_reads_every_field(tmp_path):
    found, problems = read_source(tmp_path, GOOD_SOURCE)
    assert problems == []
    assert found == Source("techzine-2025-09-09-acme", "Acme grows", "techzine", "https://www.techzine.be/acme",
                           parse_date("2025-09-09"), "nl", "seeds/acme.txt", "Acme grows.\n",
                           Location(CLAIMS, 2, 3))
