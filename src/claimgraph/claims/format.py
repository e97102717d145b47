"""The claim format: claim types, their fields, and the modalities.

This table is the single source of truth for what a claim file may contain; the loader and
the mapper read it, and tests/test_docs.py holds the claim-type tables of the README and of
docs/claim-format.md to it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    """One field of a claim.

    ``kind`` is one of: ``entity``, ``entities``, ``agent`` (an entity or ``{anonymous: who}``),
    ``agents`` (a list of those), ``amount``, ``percentage``, ``date`` (ISO or the article's
    wording), ``text``, ``bool``, ``enum``, ``claim`` (an id in the file or
    ``<source-id>/<claim-id>``), ``event`` (an event id), ``body`` (a body word or a body entity).
    ``entity_kinds`` restricts entity fields to persons, organizations, places or products.
    """

    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()
    entity_kinds: tuple[str, ...] = ()
    default: str | None = None
    min_items: int = 0
    doc: str = ""
    #: an ``entities`` or ``agents`` field that also takes one value without a list
    one_or_list: bool = False


ORG = ("organization",)
AGENT = ("organization", "person")
PERSON = ("person",)
PLACE = ("place",)
PRODUCT = ("product",)

#: modality name -> (is factual, what it means). Only factual claims feed the facts.
MODALITIES: dict[str, tuple[bool, str]] = {
    "fact": (True, "stated as fact by the publisher"),
    "reported": (True, "reported from another named source (needs 'reported_by')"),
    "statement": (True, "a statement attributed to a speaker (needs 'speaker')"),
    "unconfirmed": (False, "a report whose only sources are anonymous (needs 'cites')"),
    "opinion": (False, "the publisher's own opinion or assessment"),
    "rumour": (False, "rumour or speculation"),
    "denial": (False, "a denial"),
    "plan": (False, "a plan, intent or expectation"),
}

ACQUISITION_STATUSES = ("rumoured", "in-talks", "considered", "announced", "agreed", "completed",
                        "called-off", "denied", "ruled-out")
IPO_STATUSES = ("considered", "planned", "expected", "filed", "completed", "postponed", "ruled-out")
GOVERNING_BODIES = ("board-of-directors", "supervisory-board", "executive-board")
ADVISORY_BODIES = ("advisory-board", "advisory-committee")
ROLES = ("ceo", "cfo", "cto", "coo", "chair", "president", "founder", "co-founder",
         "board-member", "adviser", "employee", "spokesperson")

COMMON_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec("text", required=True, doc="stable id, unique in the file (lower-case words joined by '-')"),
    "type": FieldSpec("text", required=True, doc="one of the claim types"),
    "modality": FieldSpec("enum", required=True, choices=tuple(MODALITIES), doc="how sure the source is"),
    "evidence": FieldSpec("text", required=True, doc="verbatim quote from the source text"),
    "event": FieldSpec("event", doc="id of the real-world event the claim is about, shared across articles"),
    "speaker": FieldSpec("agent", entity_kinds=AGENT, doc="who said it: a person, an organization or {anonymous: who}"),
    "reported_by": FieldSpec("entities", entity_kinds=AGENT, min_items=1, one_or_list=True,
                             doc="the outlet (or a list of outlets) it is reported from"),
    "cites": FieldSpec("agents", entity_kinds=AGENT, min_items=1, one_or_list=True,
                       doc="whom the claim cites: entities or {anonymous: who}"),
    "as_of": FieldSpec("date", doc="the date the claim speaks about"),
    "valid_from": FieldSpec("date", doc="from when the claim holds"),
    "valid_until": FieldSpec("date", doc="until when the claim holds"),
    "responds_to": FieldSpec("claim", doc="a claim this one answers (a denial of a rumour)"),
    "confirms": FieldSpec("claim", doc="a claim this one confirms"),
    "corrects": FieldSpec("claim", doc="a claim this one corrects"),
    "denies": FieldSpec("claim", doc="a claim this one denies"),
    "supersedes": FieldSpec("claim", doc="a claim this one replaces (a later state of the event)"),
    "summary": FieldSpec("text", doc="a one-line English paraphrase"),
    "mentions": FieldSpec("entities", doc="further entities the claim is about"),
}

CLAIM_TYPES: dict[str, dict[str, FieldSpec]] = {
    "investment": {
        "investor": FieldSpec("entity", required=True, entity_kinds=AGENT),
        "investee": FieldSpec("entity", required=True, entity_kinds=ORG),
        "amount": FieldSpec("amount"),
        "date": FieldSpec("date"),
        "round": FieldSpec("text", doc="the funding round, e.g. 'Series C'"),
        "status": FieldSpec("enum", choices=ACQUISITION_STATUSES),
    },
    "funding_round": {
        "company": FieldSpec("entity", required=True, entity_kinds=ORG),
        "series": FieldSpec("text", doc="seed, Series A, ..."),
        "amount": FieldSpec("amount", doc="total raised"),
        "lead_investor": FieldSpec("entity", entity_kinds=AGENT),
        "investors": FieldSpec("entities", entity_kinds=AGENT),
        "pre_money": FieldSpec("amount", doc="pre-money valuation"),
        "post_money": FieldSpec("amount", doc="post-money valuation"),
        "valuation": FieldSpec("amount", doc="a valuation the text does not say is pre or post"),
        "date": FieldSpec("date"),
    },
    "valuation": {
        "company": FieldSpec("entity", required=True, entity_kinds=ORG),
        "amount": FieldSpec("amount", required=True),
        "basis": FieldSpec("enum", choices=("pre-money", "post-money", "unspecified"), default="unspecified"),
        "date": FieldSpec("date"),
    },
    "shareholding": {
        "holder": FieldSpec("entity", required=True, entity_kinds=AGENT),
        "company": FieldSpec("entity", required=True, entity_kinds=ORG),
        "percentage": FieldSpec("percentage"),
        "basis": FieldSpec("enum", choices=("fully-diluted", "undiluted", "unspecified"), default="unspecified"),
        "since": FieldSpec("date"),
        "largest": FieldSpec("bool", doc="the holder is the largest shareholder (not necessarily a majority)"),
        "majority": FieldSpec("bool", doc="the holder owns more than half"),
    },
    "partnership": {
        "parties": FieldSpec("entities", required=True, entity_kinds=AGENT, min_items=2),
        "kind": FieldSpec("enum", choices=("strategic", "commercial", "research", "technology",
                                           "distribution", "joint-venture"), default="unspecified"),
        "scope": FieldSpec("text"),
        "term": FieldSpec("text", doc="e.g. 'long-term', 'five years'"),
        "since": FieldSpec("date"),
    },
    "supply": {
        "supplier": FieldSpec("entity", required=True, entity_kinds=ORG),
        "customer": FieldSpec("entity", required=True, entity_kinds=AGENT),
        "product": FieldSpec("entity", entity_kinds=PRODUCT),
    },
    "role": {
        "person": FieldSpec("entity", required=True, entity_kinds=PERSON),
        "organization": FieldSpec("entity", required=True, entity_kinds=ORG),
        "role": FieldSpec("enum", required=True, choices=ROLES),
        "since": FieldSpec("date"),
        "until": FieldSpec("date"),
    },
    "seat": {
        "holder": FieldSpec("entity", required=True, entity_kinds=AGENT),
        "organization": FieldSpec("entity", required=True, entity_kinds=ORG),
        "body": FieldSpec("body", required=True, choices=GOVERNING_BODIES + ADVISORY_BODIES,
                          doc="a body word, or a GoverningBody or AdvisoryBody of the registry"),
        "body_name": FieldSpec("text", doc="the body's own name, e.g. 'Strategic Committee'"),
        "on_behalf_of": FieldSpec("entity", entity_kinds=ORG),
        "since": FieldSpec("date"),
    },
    "founding": {
        "organization": FieldSpec("entity", required=True, entity_kinds=ORG),
        "date": FieldSpec("date"),
        "founders": FieldSpec("entities", entity_kinds=AGENT),
        "place": FieldSpec("entity", entity_kinds=PLACE),
    },
    "headquarters": {
        "organization": FieldSpec("entity", required=True, entity_kinds=ORG),
        "place": FieldSpec("entity", required=True, entity_kinds=PLACE),
    },
    "product": {
        "product": FieldSpec("entity", required=True, entity_kinds=PRODUCT),
        "maker": FieldSpec("entity", required=True, entity_kinds=ORG),
    },
    "comparison": {
        "subject": FieldSpec("entity", required=True),
        "compared_with": FieldSpec("entities", required=True, min_items=1),
        "aspect": FieldSpec("text", required=True),
        "outcome": FieldSpec("enum", required=True, choices=("better", "worse", "equal")),
    },
    "acquisition": {
        "target": FieldSpec("entity", required=True, entity_kinds=ORG),
        "acquirer": FieldSpec("entity", entity_kinds=AGENT),
        "status": FieldSpec("enum", required=True, choices=ACQUISITION_STATUSES),
        "amount": FieldSpec("amount"),
        "stake": FieldSpec("percentage"),
        "date": FieldSpec("date"),
    },
    "ipo": {
        "company": FieldSpec("entity", required=True, entity_kinds=ORG),
        "status": FieldSpec("enum", required=True, choices=IPO_STATUSES),
        "exchange": FieldSpec("entity", entity_kinds=ORG),
        "date": FieldSpec("date"),
    },
    "statement": {
        "about": FieldSpec("entities", required=True, min_items=1),
    },
    "description": {
        "about": FieldSpec("entities", required=True, min_items=1),
    },
}

#: the fields that name another claim, and what they say of it
RESPONSE_FIELDS = ("responds_to", "confirms", "corrects", "denies", "supersedes")
#: date fields whose end must not lie before their start
DATE_ORDER = (("valid_from", "valid_until"), ("since", "until"))

#: Claim types that need a ``summary`` because their content is the text itself.
SUMMARY_REQUIRED = {"statement", "description"}

#: the languages an article may be in (the fields of a claim file's ``source`` are in
#: ``claimgraph.claims.loader.SOURCE_TABLE``)
LANGUAGES = ("nl", "en", "fr")


def is_factual(modality: str) -> bool:
    return MODALITIES[modality][0]
