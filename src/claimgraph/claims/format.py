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
    ``<source-id>/<claim-id>``), ``event`` (an event id), ``body`` (a body word or a body entity),
    ``quantity`` (a number with a unit: ``10 GW``, ``about 900 employees``), ``texts`` (a list of texts).
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
    #: a ``percentage`` that may exceed 100 (a premium, a growth rate), never a stake
    over_100: bool = False


ORG = ("organization",)
AGENT = ("organization", "person")
PERSON = ("person",)
PLACE = ("place",)
PRODUCT = ("product",)
SECTOR = ("sector",)

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
                        "paused", "rejected", "called-off", "denied", "ruled-out")
INVESTMENT_STATUSES = ("rumoured", "in-talks", "considered", "planned", "pledged", "committed", "announced",
                       "agreed", "completed", "paused", "called-off", "denied", "ruled-out")
FUNDING_ROUND_STATUSES = ("rumoured", "in-talks", "planned", "announced", "completed", "called-off", "denied")
IPO_STATUSES = ("considered", "planned", "expected", "filed", "completed", "postponed", "ruled-out")
CHANGE_STATUSES = ("rumoured", "considered", "planned", "announced", "agreed", "completed", "called-off",
                   "denied", "ruled-out")
AGREEMENT_KINDS = ("letter-of-intent", "memorandum-of-understanding", "term-sheet", "definitive-agreement",
                   "merger-agreement", "framework-agreement", "licence", "irrevocable-undertaking")
AGREEMENT_STATUSES = ("in-talks", "to-be-finalised", "signed", "in-force", "terminated", "expired",
                      "called-off")
CORPORATE_CHANGE_KINDS = ("restructuring", "change-of-legal-form", "merger", "spin-off", "rename",
                          "delisting", "recapitalization", "separation")
SUBSIDIARY_KINDS = ("subsidiary", "unit", "division", "brand", "branch")
REVIEW_STATUSES = ("expected", "opened", "ongoing", "cleared", "cleared-with-conditions", "blocked", "closed")
COMMENT_RESPONSES = ("declined", "no-reply", "no-immediate-reply", "not-reachable")
OFFICE_KINDS = ("office", "branch", "research-lab", "data-centre")
OFFICE_STATUSES = ("planned", "opened", "closed")
PAYMENTS = ("cash", "stock", "cash-and-stock")
LEGAL_STATUSES = ("threatened", "filed", "ongoing", "settled", "dismissed", "won", "lost", "appealed")
ROLE_STATUSES = ("incoming", "leaving", "interim")
STANCES = ("positive", "negative", "neutral", "mixed")
RANKS = ("largest", "second-largest", "third-largest", "fourth-largest", "fifth-largest", "among-the-largest",
         "leading", "smallest", "first", "only")
#: measure -> the value field it takes ("amount", "percentage" or "quantity") and, for a
#: quantity, the unit kind ("count" for a number of things, "physical" for GW, MWh, ...)
MEASURES: dict[str, tuple[str, str]] = {
    "revenue": ("amount", ""), "annual-recurring-revenue": ("amount", ""),
    "revenue-run-rate": ("amount", ""), "net-income": ("amount", ""), "operating-profit": ("amount", ""),
    "funding-to-date": ("amount", ""), "market-capitalization": ("amount", ""),
    "share-price": ("amount", ""), "net-debt": ("amount", ""), "enterprise-value": ("amount", ""),
    "earnings-per-share": ("amount", ""), "earnings-per-share-accretion": ("percentage", ""),
    "revenue-synergies": ("amount", ""),
    "gross-margin": ("percentage", ""), "revenue-growth": ("percentage", ""),
    "operating-margin": ("percentage", ""), "share-price-change": ("percentage", ""),
    "employees": ("quantity", "count"), "customers": ("quantity", "count"), "users": ("quantity", "count"),
    "orders": ("quantity", "count"), "markets": ("quantity", "count"), "partners": ("quantity", "count"),
    "capacity": ("quantity", "physical"),
}
GOVERNING_BODIES = ("board-of-directors", "supervisory-board", "executive-board")
ADVISORY_BODIES = ("advisory-board", "advisory-committee")
AIM_KINDS = ("goal", "target-market", "focus")
OUTCOMES = ("better", "worse", "equal", "similar")
ROLES = ("ceo", "cfo", "cto", "coo", "chair", "executive-chair", "president", "vice-president",
         "managing-director", "director", "head", "founder", "co-founder", "board-member", "partner",
         "venture-partner", "analyst", "researcher", "adviser", "employee", "spokesperson", "minister",
         "public-official")

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
        "status": FieldSpec("enum", choices=INVESTMENT_STATUSES),
        "tranche": FieldSpec("text", doc="which tranche, e.g. 'second tranche'"),
        "adds_to": FieldSpec("claim", doc="the claim of the earlier investment this tranche adds to"),
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
        "status": FieldSpec("enum", choices=FUNDING_ROUND_STATUSES),
        "equity": FieldSpec("amount", doc="the equity part of the total"),
        "debt": FieldSpec("amount", doc="the debt part of the total"),
        "purpose": FieldSpec("text", doc="what the money is for, in a few words"),
        "not_participating": FieldSpec("entities", entity_kinds=AGENT, min_items=1, one_or_list=True,
                                       doc="investors the text says do not take part"),
        "investors_description": FieldSpec("text", doc="unnamed investors, e.g. 'mostly American venture-capital funds'"),
    },
    "valuation": {
        "company": FieldSpec("entity", required=True, entity_kinds=ORG),
        "amount": FieldSpec("amount", required=True),
        "basis": FieldSpec("enum", choices=("pre-money", "post-money", "enterprise-value", "unspecified"),
                           default="unspecified"),
        "date": FieldSpec("date"),
    },
    "shareholding": {
        "holder": FieldSpec("entity", entity_kinds=AGENT, doc="who holds it (or 'holder_group')"),
        "company": FieldSpec("entity", required=True, entity_kinds=ORG),
        "percentage": FieldSpec("percentage"),
        "basis": FieldSpec("enum", choices=("fully-diluted", "undiluted", "unspecified"), default="unspecified"),
        "since": FieldSpec("date"),
        "largest": FieldSpec("bool", doc="the holder is the largest shareholder (not necessarily a majority)"),
        "majority": FieldSpec("bool", doc="the holder owns more than half"),
        "holder_group": FieldSpec("text", doc="an unnamed group of holders, e.g. 'other investors and staff'"),
        "co_holders": FieldSpec("entities", entity_kinds=AGENT, min_items=1, one_or_list=True,
                                doc="who holds the stake jointly with the holder"),
        "value": FieldSpec("amount", doc="what the stake is worth"),
        "voting": FieldSpec("bool", doc="whether the shares carry voting rights"),
        "controlling": FieldSpec("bool", doc="the holder controls the company"),
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
        "title": FieldSpec("text", doc="the title as the article writes it, e.g. 'head of strategy'"),
        "former": FieldSpec("bool", doc="the article says the role has ended, without a date"),
        "body": FieldSpec("body", choices=GOVERNING_BODIES + ADVISORY_BODIES,
                          doc="the body the role is on or advises"),
        "status": FieldSpec("enum", choices=ROLE_STATUSES, doc="incoming, leaving or interim, as the text says"),
    },
    "seat": {
        "holder": FieldSpec("entity", entity_kinds=AGENT, doc="who holds it (or 'holder_description')"),
        "holder_description": FieldSpec("text", doc="unnamed holders, e.g. 'two current members of the board'"),
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
        "founders_description": FieldSpec("text", doc="unnamed founders, e.g. 'three former DeepMind researchers'"),
        "purpose": FieldSpec("text", doc="what it was founded for, in a few words"),
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
        "outcome": FieldSpec("enum", required=True, choices=OUTCOMES),
    },
    "acquisition": {
        "target": FieldSpec("entity", required=True, entity_kinds=ORG),
        "acquirer": FieldSpec("entity", entity_kinds=AGENT, doc="who buys (or 'acquirer_description')"),
        "acquirer_description": FieldSpec("text", doc="unnamed bidders, e.g. 'several IT services competitors'"),
        "status": FieldSpec("enum", required=True, choices=ACQUISITION_STATUSES),
        "reason": FieldSpec("text", doc="why the deal stands where its status says, e.g. 'no agreement on terms'"),
        "amount": FieldSpec("amount"),
        "stake": FieldSpec("percentage"),
        "date": FieldSpec("date"),
        "seller": FieldSpec("entity", entity_kinds=AGENT),
        "amount_basis": FieldSpec("enum", choices=("equity-value", "enterprise-value", "unspecified"),
                                  default="unspecified"),
        "price_per_share": FieldSpec("amount"),
        "premium": FieldSpec("percentage", over_100=True, doc="the premium the price pays"),
        "premium_basis": FieldSpec("text", doc="what the premium is measured against"),
        "payment": FieldSpec("enum", choices=PAYMENTS),
        "financing": FieldSpec("text", doc="how the buyer pays for it, e.g. 'from available funds'"),
        "conditions": FieldSpec("texts", doc="conditions the deal is subject to"),
        "termination_fee": FieldSpec("amount", doc="the fee owed if the deal is terminated"),
        "termination_fee_payer": FieldSpec("entities", entity_kinds=AGENT, min_items=1, one_or_list=True,
                                           doc="who owes the termination fee; a list: either of them may owe it"),
        "approved_by": FieldSpec("entities", entity_kinds=ORG + ("body",), min_items=1, one_or_list=True,
                                 doc="whose boards approved the deal (organizations or bodies)"),
        "expected_completion": FieldSpec("date"),
        "offer_start": FieldSpec("date", doc="when a public offer opens (with modality plan: is expected to)"),
        "purpose": FieldSpec("text", doc="what the buyer wants it for, in a few words"),
    },
    "ipo": {
        "company": FieldSpec("entity", required=True, entity_kinds=ORG),
        "status": FieldSpec("enum", required=True, choices=IPO_STATUSES),
        "exchange": FieldSpec("entity", entity_kinds=ORG),
        "date": FieldSpec("date"),
    },
    "agreement": {
        "parties": FieldSpec("entities", required=True, entity_kinds=AGENT, min_items=2),
        "kind": FieldSpec("enum", choices=AGREEMENT_KINDS + ("unspecified",), default="unspecified"),
        "binding": FieldSpec("bool"),
        "status": FieldSpec("enum", choices=AGREEMENT_STATUSES),
        "deal": FieldSpec("event", doc="the event id of the deal the agreement is part of"),
        "signed": FieldSpec("date"),
        "target_date": FieldSpec("date", doc="when a first phase or the deal is targeted"),
        "until": FieldSpec("date", doc="the end of its term"),
        "term": FieldSpec("text"),
        "scope": FieldSpec("text"),
        "rights": FieldSpec("text", doc="the rights or IP it grants"),
        "review": FieldSpec("text", doc="a review clause"),
        "conditions": FieldSpec("texts"),
        "amount": FieldSpec("amount"),
        "stake": FieldSpec("percentage"),
    },
    "corporate_change": {
        "organization": FieldSpec("entity", required=True, entity_kinds=ORG),
        "kind": FieldSpec("enum", required=True, choices=CORPORATE_CHANGE_KINDS),
        "status": FieldSpec("enum", choices=CHANGE_STATUSES),
        "from_form": FieldSpec("text", doc="the form before, e.g. 'nonprofit-controlled company'"),
        "to_form": FieldSpec("text", doc="the form after, e.g. 'public benefit corporation'"),
        "controlled_by": FieldSpec("entity", entity_kinds=AGENT, doc="who controls it afterwards"),
        "merged_with": FieldSpec("entities", entity_kinds=ORG, min_items=1, one_or_list=True,
                                 doc="the other parties of a merger"),
        "date": FieldSpec("date"),
    },
    "subsidiary": {
        "parent": FieldSpec("entity", required=True, entity_kinds=ORG),
        "subsidiary": FieldSpec("entity", required=True, entity_kinds=ORG),
        "kind": FieldSpec("enum", choices=SUBSIDIARY_KINDS, default="subsidiary"),
        "since": FieldSpec("date"),
    },
    "association": {
        "entity": FieldSpec("entity", required=True),
        "associated_with": FieldSpec("entity", required=True),
        "wording": FieldSpec("text", required=True, doc="the words that tie them, e.g. \"Yuri Milner's DST Global\""),
    },
    "nationality": {
        "entity": FieldSpec("entity", required=True, entity_kinds=AGENT),
        "country": FieldSpec("entity", required=True, entity_kinds=PLACE),
        "former": FieldSpec("bool", doc="the article says it was, not that it is ('originally Israeli')"),
    },
    "metric": {
        "entity": FieldSpec("entity", required=True, entity_kinds=ORG + PRODUCT),
        "measure": FieldSpec("enum", required=True, choices=tuple(MEASURES)),
        "amount": FieldSpec("amount"),
        "percentage": FieldSpec("percentage", over_100=True),
        "quantity": FieldSpec("quantity"),
        "direction": FieldSpec("enum", choices=("up", "down"), doc="for a change: up or down"),
        "period": FieldSpec("date", doc="the period the figure covers, e.g. 2024 or 'last year'"),
        "exchange": FieldSpec("entity", entity_kinds=ORG, doc="for a share price: where it trades"),
        "places": FieldSpec("entities", entity_kinds=PLACE, min_items=1, one_or_list=True,
                            doc="where the figure applies (staff across the US and Israel)"),
        "basis": FieldSpec("text", doc="what the figure is before or after, as the article words it ('avant synergie')"),
    },
    "product_claim": {
        "product": FieldSpec("entity", required=True, entity_kinds=PRODUCT),
        "aspect": FieldSpec("text", required=True, doc="what is claimed, e.g. 'reasoning benchmark score'"),
        "compared_with": FieldSpec("entities", min_items=1),
        "outcome": FieldSpec("enum", choices=OUTCOMES),
        "result": FieldSpec("text", doc="the figure or result as written"),
    },
    "aim": {
        "organization": FieldSpec("entity", required=True, entity_kinds=ORG),
        "aim": FieldSpec("text", required=True, doc="what it aims at, in a few words, e.g. 'to become Europe's AI champion'"),
        "kind": FieldSpec("enum", choices=AIM_KINDS, default="goal",
                          doc="a goal to reach, a target market (customers it goes after) or a focus"),
        "places": FieldSpec("entities", entity_kinds=PLACE, min_items=1, one_or_list=True,
                            doc="where it aims (Europe, the United States)"),
    },
    "exchange_rate": {
        "base": FieldSpec("amount", required=True, doc="e.g. '$1'"),
        "quote": FieldSpec("amount", required=True, doc="e.g. 'EUR 0.8495'"),
        "date": FieldSpec("date"),
    },
    "listing": {
        "company": FieldSpec("entity", required=True, entity_kinds=ORG),
        "exchange": FieldSpec("entity", entity_kinds=ORG, doc="the exchange (or 'place')"),
        "place": FieldSpec("entity", entity_kinds=PLACE, doc="where it is listed, when no exchange is named"),
        "ticker": FieldSpec("text"),
        "since": FieldSpec("date"),
    },
    "regulatory_review": {
        "regulator": FieldSpec("entity", entity_kinds=ORG, doc="the regulator (or 'regulator_description')"),
        "regulator_description": FieldSpec("text", doc="unnamed regulators, e.g. 'antitrust regulators in the US'"),
        "status": FieldSpec("enum", required=True, choices=REVIEW_STATUSES),
        "deal": FieldSpec("event", doc="the event id of the deal under review (or 'subject')"),
        "subject": FieldSpec("entities", min_items=1, one_or_list=True, doc="who or what is reviewed"),
        "jurisdiction": FieldSpec("entity", entity_kinds=PLACE),
        "date": FieldSpec("date"),
    },
    "legal_action": {
        "plaintiff": FieldSpec("entity", entity_kinds=AGENT, doc="who sues or prosecutes (or 'plaintiff_description')"),
        "plaintiff_description": FieldSpec("text", doc="an unnamed plaintiff, e.g. 'a group of authors'"),
        "defendant": FieldSpec("entity", required=True, entity_kinds=AGENT),
        "status": FieldSpec("enum", required=True, choices=LEGAL_STATUSES),
        "subject": FieldSpec("text", doc="what it is about, in a few words"),
        "jurisdiction": FieldSpec("entity", entity_kinds=PLACE),
        "date": FieldSpec("date"),
    },
    "comment_request": {
        "entity": FieldSpec("entity", required=True, entity_kinds=AGENT),
        "response": FieldSpec("enum", required=True, choices=COMMENT_RESPONSES),
        "asked_by": FieldSpec("entity", entity_kinds=ORG),
    },
    "sector": {
        "organization": FieldSpec("entity", required=True, entity_kinds=ORG),
        "sector": FieldSpec("entity", required=True, entity_kinds=SECTOR,
                            doc="a Sector of data/reference/sectors.yaml"),
    },
    "competition": {
        "parties": FieldSpec("entities", required=True, entity_kinds=ORG, min_items=2),
        "market": FieldSpec("text"),
    },
    "office": {
        "organization": FieldSpec("entity", required=True, entity_kinds=ORG),
        "place": FieldSpec("entity", required=True, entity_kinds=PLACE),
        "kind": FieldSpec("enum", choices=OFFICE_KINDS, default="office"),
        "status": FieldSpec("enum", choices=OFFICE_STATUSES),
        "date": FieldSpec("date"),
    },
    "assessment": {
        "about": FieldSpec("entities", required=True, min_items=1, one_or_list=True),
        "stance": FieldSpec("enum", required=True, choices=STANCES, doc="how the assessment judges it"),
        "aspect": FieldSpec("text", doc="what is judged, e.g. 'competitive position in agentic AI'"),
        "deal": FieldSpec("event", doc="the event id of the deal it judges"),
        "probability": FieldSpec("percentage", doc="a stated chance, e.g. '75%' that the deal goes through"),
        "rating": FieldSpec("text", doc="an analyst's rating as written, e.g. 'Neutral'"),
        "price_target": FieldSpec("amount", doc="an analyst's price target per share"),
        "fair_value": FieldSpec("amount", doc="an estimated fair value per share"),
    },
    "ranking": {
        "subject": FieldSpec("entity", doc="the entity ranked (or 'deal')"),
        "deal": FieldSpec("event", doc="the event id of the deal ranked"),
        "rank": FieldSpec("enum", required=True, choices=RANKS),
        "scope": FieldSpec("text", required=True, doc="among what, e.g. \"Google's acquisitions\""),
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
DATE_ORDER = (("valid_from", "valid_until"), ("since", "until"), ("signed", "until"))

#: fields of which a claim needs one (``exactly``: and no more than one)
ONE_OF: dict[str, tuple[tuple[str, ...], bool]] = {
    "regulatory_review/regulator": (("regulator", "regulator_description"), True),
    "shareholding": (("holder", "holder_group"), True),
    "seat": (("holder", "holder_description"), True),
    "metric": (("amount", "percentage", "quantity"), True),
    "listing": (("exchange", "place", "ticker"), False),
    "regulatory_review": (("deal", "subject"), False),
    "ranking": (("subject", "deal"), True),
}

#: fields of which a claim may have one, but not two (a named and a described party)
AT_MOST_ONE: dict[str, tuple[str, ...]] = {
    "acquisition": ("acquirer", "acquirer_description"),
    "legal_action": ("plaintiff", "plaintiff_description"),
}

#: claim types whose content is the claim of an interested party (a maker about its own
#: product): it goes to the hypothetical graph whatever the modality, never to the facts
INTERESTED_PARTY_TYPES = {"product_claim"}

#: Claim types that need a ``summary`` because their content is the text itself.
SUMMARY_REQUIRED = {"statement", "description"}

#: the languages an article may be in (the fields of a claim file's ``source`` are in
#: ``claimgraph.claims.loader.SOURCE_TABLE``)
LANGUAGES = ("nl", "en", "fr")


def is_factual(modality: str) -> bool:
    return MODALITIES[modality][0]


def feeds_facts(claim_type: str, modality: str) -> bool:
    """Whether a claim's content goes to the asserted graph (and so to the reasoner)."""
    return is_factual(modality) and claim_type not in INTERESTED_PARTY_TYPES
