"""Map a loaded :class:`~claimgraph.claims.loader.Project` to RDF.

Two graphs come out:

* **asserted**: the entity registry, reference data, articles, every claim with its
  evidence quote, and the content (fact node) of every *factual* claim;
* **hypothetical**: the content of claims that are opinion, rumour, denial or plan. It
  is queryable (``GRAPH cgg:hypothetical``) but never reasoned over, so a rumour can
  not turn into a fact.

IRIs are minted from stable keys (entity ids, source id + claim id); there are no blank
nodes. Every content node points to its claim with ``prov:wasDerivedFrom``; the claim
points to its article and its quote, so each fact triple can be traced with SPARQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Context, Decimal

from rdflib import Graph, Literal, URIRef
from rdflib import namespace as _rdflib_namespaces

from claimgraph.claims.dates import TimeValue
from claimgraph.claims.values import Amount, DateValue, Percentage, Quantity
from claimgraph.claims.loader import Anonymous, Claim, Project, Source
from claimgraph.claims.registry import ENTITY_TYPES, Entity, Registry
from claimgraph.rdf.namespaces import CG, CGI, OA, ORG, SCHEMA, VocabularyNamespace, new_graph
from claimgraph.problems import Location
from claimgraph.rdf.triples import TripleSet
from claimgraph.claims.format import CLAIM_TYPES, COMMON_FIELDS, GOVERNING_BODIES, RESPONSE_FIELDS, feeds_facts
from claimgraph.rdf import vocabulary as vocab

CONTEXT_CHARS = 32

# rdflib's closed namespaces build and check a new term on every attribute access; the mapper
# makes millions, so it uses cached namespaces with the same IRIs.
DCTERMS, PROV, RDF, RDFS, SKOS, XSD = (VocabularyNamespace(str(ns)) for ns in (
    _rdflib_namespaces.DCTERMS, _rdflib_namespaces.PROV, _rdflib_namespaces.RDF, _rdflib_namespaces.RDFS,
    _rdflib_namespaces.SKOS, _rdflib_namespaces.XSD))

REGISTRY_DATASET = CGI["dataset/registry"]
REFERENCE_DATASET = CGI["dataset/reference"]


@dataclass
class MappedGraphs:
    asserted: Graph
    hypothetical: Graph
    #: where each minted IRI comes from, to put SHACL and reasoning findings on a file line
    origins: dict[URIRef, Location] = field(default_factory=dict)
    #: content or claim IRI -> claim IRI
    claim_of: dict[URIRef, URIRef] = field(default_factory=dict)


@lru_cache(maxsize=1 << 17)
def entity_iri(entity_id: str) -> URIRef:
    """The IRI of a registry entity (one shared object per entity: entities recur in many claims)."""
    return CGI[entity_id]


@lru_cache(maxsize=1 << 17)
def source_iri(source_id: str) -> URIRef:
    """The IRI of an article (one shared object per article: each of its claims names it twice).

    Equal terms that are one object compare by identity in every set and dictionary; two
    objects compare through rdflib's Python ``__eq__``."""
    return CGI[f"source/{source_id}"]


def claim_iri(source_id: str, claim_id: str) -> URIRef:
    return CGI[f"claim/{source_id}/{claim_id}"]


@dataclass
class _Mapping:
    """What the mapper fills: plain triple sets (their add is far cheaper than Graph.add and its term
    checks; the mapper makes only rdflib terms, tested), made graphs at the end without a copy."""

    asserted: TripleSet = field(default_factory=TripleSet)
    hypothetical: TripleSet = field(default_factory=TripleSet)
    origins: dict[URIRef, Location] = field(default_factory=dict)
    claim_of: dict[URIRef, URIRef] = field(default_factory=dict)
    #: the registry (a seat on a registry body names the body's kind on its content node)
    registry: Registry = field(default_factory=Registry)
    #: event id -> (claim type, whether a factual claim describes it, where it is first named)
    events: dict[str, tuple[str, bool, Location]] = field(default_factory=dict)


def event_iri(event_id: str) -> URIRef:
    return CGI[f"event/{event_id}"]


def map_project(project: Project) -> MappedGraphs:
    """Map registry, sources and claims; the project must have passed loading and evidence checks."""
    out = _Mapping(registry=project.registry)
    _map_datasets(out.asserted)
    for entity in project.registry.entities.values():
        _map_entity(entity, out)
    sources = project.sources  # a property that builds a dict: once, not per claim
    for source in sources.values():
        _map_source(source, out.asserted)
    for claim in project.claims:
        _map_claim(claim, sources[claim.source_id], out)
    _map_events(out)
    return MappedGraphs(new_graph(out.asserted), new_graph(out.hypothetical), out.origins, out.claim_of)


def claim_triples(claim: Claim, source: Source, registry: Registry) -> tuple[TripleSet, TripleSet]:
    """What one claim alone adds to the asserted and to the hypothetical graph (``claimgraph why``
    names the claims behind a triple with it). The node of an event the claim names is made once
    for all such claims (:func:`map_project`), so it is not part of this."""
    out = _Mapping(registry=registry)
    _map_claim(claim, source, out)
    return out.asserted, out.hypothetical


def entity_triples(entity: Entity, registry: Registry) -> TripleSet:
    """What one entry of the registry or of the reference data alone adds to the asserted graph."""
    out = _Mapping(registry=registry)
    _map_entity(entity, out)
    return out.asserted


def source_triples(source: Source) -> TripleSet:
    """What one article (a claim file's ``source``) alone adds to the asserted graph."""
    triples = TripleSet()
    _map_source(source, triples)
    return triples


def _map_datasets(g: TripleSet) -> None:
    g.add((REGISTRY_DATASET, RDF.type, CG.Dataset))
    g.add((REGISTRY_DATASET, RDFS.label, Literal("entity registry", lang="en")))
    g.add((REGISTRY_DATASET, CG.textFile, Literal("data/entities.yaml")))
    g.add((REFERENCE_DATASET, RDF.type, CG.Dataset))
    g.add((REFERENCE_DATASET, RDFS.label, Literal("reference data (not claimed by any article)", lang="en")))
    g.add((REFERENCE_DATASET, CG.textFile, Literal("data/reference/")))


def _map_entity(entity: Entity, out: _Mapping) -> None:
    g = out.asserted
    iri = entity_iri(entity.id)
    out.origins[iri] = entity.loc
    for t in entity.types:
        g.add((iri, RDF.type, CG[ENTITY_TYPES[t]]))
    for lang, label in entity.labels.items():
        g.add((iri, RDFS.label, Literal(label, lang=lang)))
    for alias in entity.aliases:
        g.add((iri, SKOS.altLabel, Literal(alias)))
    g.add((iri, DCTERMS.identifier, Literal(entity.id)))
    g.add((iri, DCTERMS.source, REFERENCE_DATASET if entity.reference else REGISTRY_DATASET))
    if entity.wikidata:
        g.add((iri, SCHEMA.sameAs, URIRef(f"http://www.wikidata.org/entity/{entity.wikidata}")))
    if entity.lei:
        g.add((iri, SCHEMA.leiCode, Literal(entity.lei)))
    if entity.website:
        g.add((iri, SCHEMA.url, URIRef(entity.website)))
    if entity.located_in:
        g.add((iri, CG.locatedIn, entity_iri(entity.located_in)))
    for membership in entity.member_of:
        node = CGI[f"membership/{entity.id}/{membership.organization}"]
        out.origins[node] = membership.loc
        g.add((node, RDF.type, ORG.Membership))
        g.add((node, ORG.member, iri))
        g.add((node, ORG.organization, entity_iri(membership.organization)))
        g.add((node, DCTERMS.source, REFERENCE_DATASET if entity.reference else REGISTRY_DATASET))
        if membership.since:
            g.add((node, CG.since, _date(membership.since)))
        if membership.until:
            g.add((node, CG.until, _date(membership.until)))
    if entity.part_of:
        g.add((iri, CG.bodyOf, entity_iri(entity.part_of)))


def _map_events(out: _Mapping) -> None:
    """One node per named event, in the asserted graph when a factual claim describes it (else
    it exists only as far as rumours, plans and unconfirmed reports say)."""
    for event_id, (claim_type, factual, loc) in sorted(out.events.items()):
        g = out.asserted if factual else out.hypothetical
        node = event_iri(event_id)
        out.origins.setdefault(node, loc)
        # its name is metadata, as a claim's id is (queries find the event by it); that it
        # happened is a fact only when a factual claim says so
        out.asserted.add((node, DCTERMS.identifier, Literal(event_id)))
        out.asserted.add((node, RDFS.label, Literal(event_id)))
        g.add((node, RDF.type, CG.Event))
        g.add((node, CG.eventClass, CLAIM_CLASS[claim_type]))


def _map_source(source: Source, g: TripleSet) -> None:
    iri = source_iri(source.id)
    g.add((iri, RDF.type, CG.Article))
    g.add((iri, RDFS.label, Literal(source.id)))
    g.add((iri, DCTERMS.identifier, Literal(source.id)))
    g.add((iri, DCTERMS["title"], Literal(source.title, lang=source.language)))
    g.add((iri, DCTERMS.publisher, entity_iri(source.publisher)))
    g.add((iri, SCHEMA.url, URIRef(source.url)))
    if source.published is None:
        g.add((iri, CG.publicationDateUnknown, Literal(True)))
    else:
        g.add((iri, DCTERMS.issued, _date(source.published)))
    g.add((iri, DCTERMS.language, Literal(source.language)))
    g.add((iri, CG.textFile, Literal(source.text_path)))
    for author in source.authors:
        g.add((iri, DCTERMS.creator, Literal(author)))
    if source.original_publisher:
        g.add((iri, CG.originalPublisher, entity_iri(source.original_publisher)))
    if source.text_kind == "restatement":
        g.add((iri, CG.restatement, Literal(True)))


def _map_claim(claim: Claim, source: Source, out: _Mapping) -> None:
    g = out.asserted
    iri = claim_iri(source.id, claim.id)
    out.origins[iri] = claim.loc
    out.claim_of[iri] = iri
    g.add((iri, RDF.type, CG.Claim))
    claim_id = Literal(claim.id)  # one object for both (making a Literal is slow and it is large)
    g.add((iri, RDFS.label, claim_id))
    g.add((iri, CG.claimId, claim_id))
    g.add((iri, CG.claimType, _shared_literal(claim.type)))
    g.add((iri, CG.modality, vocab.MODALITY[claim.modality]))
    g.add((iri, CG.source, source_iri(source.id)))
    _map_evidence(claim, source, iri, g)
    values = claim.values
    if "speaker" in values:
        g.add((iri, CG.speaker, _agent(values["speaker"], f"{iri}/speaker", source, out)))
    for outlet in _listed(values.get("reported_by")):
        g.add((iri, CG.reportedBy, entity_iri(str(outlet))))
    for number, cited in enumerate(_listed(values.get("cites")), 1):
        g.add((iri, CG.cites, _agent(cited, f"{iri}/cited/{number}", source, out)))
    for name, prop in (("as_of", CG.asOf), ("valid_from", CG.validFrom), ("valid_until", CG.validUntil)):
        if name in values:
            _time(g, iri, prop, name, claim.date(name), source)
    for name in RESPONSE_FIELDS:
        if name in values:
            g.add((iri, RESPONSE_PROPERTY[name], referenced_claim(source.id, claim.text(name))))
    event = values.get("event")
    if isinstance(event, str):
        g.add((iri, CG.event, event_iri(event)))
    if "summary" in values:
        g.add((iri, CG.summary, Literal(values["summary"], lang="en")))
    for entity_id in _mentioned_entities(claim):
        g.add((iri, CG.mentions, entity_iri(entity_id)))
    mapper = CONTENT_MAPPERS.get(claim.type)
    if mapper is None:
        return
    content = URIRef(f"{iri}/{claim.type.replace('_', '-')}")
    factual = feeds_facts(claim.type, claim.modality)
    target = g if factual else out.hypothetical
    out.origins[content] = claim.loc
    out.claim_of[content] = iri
    g.add((iri, CG.content, content))
    target.add((content, PROV.wasDerivedFrom, iri))
    if isinstance(event, str):
        target.add((content, CG.event, event_iri(event)))
        _, described, first = out.events.get(event, (claim.type, False, claim.at("event")))
        out.events[event] = (claim.type, described or factual, first)
    mapper(_Content(target, content, claim, source, out))


RESPONSE_PROPERTY = {"responds_to": CG.respondsTo, "confirms": CG.confirms, "corrects": CG.corrects,
                     "denies": CG.denies, "supersedes": CG.supersedes}


def referenced_claim(source_id: str, reference: str) -> URIRef:
    """A claim named in this file (``claim-id``) or in another (``source-id/claim-id``)."""
    other, _, claim_id = reference.rpartition("/")
    return claim_iri(other or source_id, claim_id)


def _listed(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _agent(value: object, node: str, source: Source, out: _Mapping) -> URIRef:
    """A named agent's IRI, or a node for an unnamed one labelled with the article's words."""
    if isinstance(value, Anonymous):
        iri = URIRef(node)
        out.asserted.add((iri, RDF.type, CG.AnonymousSource))
        out.asserted.add((iri, RDFS.label, Literal(value.label, lang=source.language)))
        if value.speaks_for:
            out.asserted.add((iri, CG.speaksFor, entity_iri(value.speaks_for)))
        return iri
    return entity_iri(str(value))


def _time(g: TripleSet, subject: URIRef, prop: URIRef, name: str, value: TimeValue, source: Source) -> None:
    """A date as the claim gives it: the calendar value under ``prop`` when there is one; for the
    article's own wording also a time expression with its interval or why it did not resolve."""
    if value.value is not None:
        g.add((subject, prop, _date(value.value)))
    if value.kind == "iso":
        return
    node = URIRef(f"{subject}/time/{name.replace('_', '-')}")
    g.add((subject, CG.time, node))
    g.add((node, RDF.type, CG.TimeExpression))
    g.add((node, CG.timeOf, prop))
    g.add((node, CG.wording, Literal(value.wording, lang=source.language)))
    if value.start is not None and value.end is not None:
        g.add((node, CG.earliest, _shared_literal(value.start.isoformat(), XSD.date)))
        g.add((node, CG.latest, _shared_literal(value.end.isoformat(), XSD.date)))
    else:
        g.add((node, CG.unresolvedBecause, Literal(value.reason, lang="en")))


def _map_evidence(claim: Claim, source: Source, claim_node: URIRef, g: TripleSet) -> None:
    node = URIRef(f"{claim_node}/evidence")
    g.add((claim_node, CG.evidence, node))
    g.add((node, RDF.type, OA.TextQuoteSelector))
    g.add((node, CG.quotedFrom, source_iri(source.id)))
    exact = " ".join(claim.evidence.split())
    g.add((node, OA.exact, Literal(exact, lang=source.language)))
    if claim.evidence_span:
        start, end = claim.evidence_span
        text = source.text
        g.add((node, RDF.type, OA.TextPositionSelector))
        g.add((node, OA.start, _shared_literal(start, XSD.nonNegativeInteger)))
        g.add((node, OA.end, _shared_literal(end, XSD.nonNegativeInteger)))
        prefix = " ".join(text[max(0, start - CONTEXT_CHARS):start].split())
        suffix = " ".join(text[end:end + CONTEXT_CHARS].split())
        if prefix:
            g.add((node, OA.prefix, Literal(prefix, lang=source.language)))
        if suffix:
            g.add((node, OA.suffix, Literal(suffix, lang=source.language)))


def _mentioned_entities(claim: Claim) -> list[str]:
    specs = {**COMMON_FIELDS, **CLAIM_TYPES[claim.type]}
    found: list[str] = []
    for name, spec in specs.items():
        if not claim.values.get(name):
            continue
        value = claim.values[name]
        if spec.kind in ("entity", "body") and isinstance(value, str) and value not in spec.choices:
            found.append(value)
        elif spec.kind in ("entities", "agent", "agents"):
            for item in value if isinstance(value, list) else [value]:
                if not isinstance(item, Anonymous):
                    found.append(str(item))
                elif item.speaks_for:
                    found.append(item.speaks_for)
    return sorted(set(found))


@dataclass
class _Content:
    """What a content mapper writes to: its graph, its node, and the claim it states."""

    g: TripleSet
    node: URIRef
    claim: Claim
    source: Source
    out: _Mapping

    def typed(self, cls: URIRef) -> None:
        self.g.add((self.node, RDF.type, cls))

    def entity(self, prop: URIRef, name: str, *, node: URIRef | None = None) -> None:
        value = self.claim.values.get(name)
        for entity_id in (value if isinstance(value, list) else [value] if value else []):
            self.g.add((node or self.node, prop, entity_iri(entity_id)))

    def date(self, prop: URIRef, name: str) -> None:
        if name in self.claim.values:
            _time(self.g, self.node, prop, name, self.claim.date(name), self.source)

    def text(self, prop: URIRef, name: str, *, lang: str | None = "en") -> None:
        if name in self.claim.values:
            self.g.add((self.node, prop, Literal(self.claim.values[name], lang=lang)))

    def choice(self, prop: URIRef, name: str, table: dict[str, URIRef]) -> None:
        word = self.claim.values.get(name)
        if word in table:
            self.g.add((self.node, prop, table[word]))

    def amount(self, prop: URIRef, name: str) -> None:
        value = self.claim.values.get(name)
        if isinstance(value, Amount):
            amount_node = URIRef(f"{self.node}/{name.replace('_', '-')}")
            self.g.add((self.node, prop, amount_node))
            self._amount_node(amount_node, value)

    def _amount_node(self, node: URIRef, amount: Amount) -> None:
        self.out.origins[node] = self.claim.at(next(
            (k for k, v in self.claim.values.items() if v is amount), "id"))
        self.g.add((node, RDF.type, CG.MonetaryAmount))
        self.g.add((node, CG.value, _decimal(amount.value)))
        self.g.add((node, CG.currency, _shared_literal(amount.currency)))
        self.g.add((node, CG.originalText, Literal(amount.original, lang=self.source.language)))
        self.g.add((node, CG.qualifier, vocab.QUALIFIER[amount.qualifier]))
        if amount.currency_implied:
            self.g.add((node, CG.currencyImplied, Literal(True)))
        low, high = amount.bounds()
        self.g.add((node, CG.lowerBound, _decimal(low)))
        if high is not None:
            self.g.add((node, CG.upperBound, _decimal(high)))
        if amount.converted is not None:
            converted = URIRef(f"{node}/converted")
            self.g.add((node, CG.convertedAmount, converted))
            self._amount_node(converted, amount.converted)

    def percentage(self, prop: URIRef, name: str) -> None:
        value = self.claim.values.get(name)
        if isinstance(value, Percentage):
            self.g.add((self.node, prop, _decimal(value.value)))
            self.g.add((self.node, CG.originalText, Literal(value.original, lang=self.source.language)))
            self.g.add((self.node, CG.qualifier, vocab.QUALIFIER[value.qualifier]))
            self.stake_bounds(*value.bounds())

    def flag(self, prop: URIRef, name: str) -> None:
        value = self.claim.values.get(name)
        if isinstance(value, bool):
            self.g.add((self.node, prop, Literal(value)))

    def texts(self, prop: URIRef, name: str) -> None:
        for text in _listed(self.claim.values.get(name)):
            self.g.add((self.node, prop, Literal(text, lang="en")))

    def wording(self, prop: URIRef, name: str) -> None:
        """A text the article words (a title, an association): in the article's language."""
        self.text(prop, name, lang=self.source.language)

    def claim_ref(self, prop: URIRef, name: str) -> None:
        if name in self.claim.values:
            self.g.add((self.node, prop, referenced_claim(self.source.id, self.claim.text(name))))

    def event_ref(self, prop: URIRef, name: str) -> None:
        if name in self.claim.values:
            self.g.add((self.node, prop, event_iri(self.claim.text(name))))

    def percentage_node(self, prop: URIRef, name: str) -> None:
        """A second percentage on one content node (a premium, a growth rate) gets its own node."""
        value = self.claim.values.get(name)
        if isinstance(value, Percentage):
            node = URIRef(f"{self.node}/{name.replace('_', '-')}")
            self.out.origins[node] = self.claim.at(name)
            self.g.add((self.node, prop, node))
            self.g.add((node, RDF.type, CG.PercentageValue))
            self.g.add((node, CG.percent, _decimal(value.value)))
            self.g.add((node, CG.originalText, Literal(value.original, lang=self.source.language)))
            self.g.add((node, CG.qualifier, vocab.QUALIFIER[value.qualifier]))

    def quantity(self, prop: URIRef, name: str) -> None:
        value = self.claim.values.get(name)
        if isinstance(value, Quantity):
            node = URIRef(f"{self.node}/{name.replace('_', '-')}")
            self.out.origins[node] = self.claim.at(name)
            self.g.add((self.node, prop, node))
            self.g.add((node, RDF.type, CG.Quantity))
            self.g.add((node, CG.quantityValue, _decimal(value.value)))
            self.g.add((node, CG.unitCode, _shared_literal(value.unit)))
            self.g.add((node, CG.originalText, Literal(value.original, lang=self.source.language)))
            self.g.add((node, CG.qualifier, vocab.QUALIFIER[value.qualifier]))

    def pairs(self, prop: URIRef, name: str) -> None:
        """A symmetric direct relation between every two parties, for a factual claim only."""
        if self.g is self.out.asserted:
            parties = self.claim.entities(name)
            for i, a in enumerate(parties):
                for b in parties[i + 1:]:
                    self.g.add((entity_iri(a), prop, entity_iri(b)))

    def stake_bounds(self, low: Decimal, high: Decimal) -> None:
        """The range of the stake, to compare a percentage with "a majority" across claims."""
        self.g.add((self.node, CG.stakeLowerBound, _decimal(low)))
        self.g.add((self.node, CG.stakeUpperBound, _decimal(high)))


def _map_investment(c: _Content) -> None:
    c.typed(CG.Investment)
    c.entity(CG.investor, "investor")
    c.entity(CG.investee, "investee")
    c.amount(CG.amount, "amount")
    c.date(CG.date, "date")
    c.text(CG.roundName, "round", lang=None)
    c.choice(CG.eventStatus, "status", vocab.EVENT_STATUS)
    c.text(CG.tranche, "tranche")
    c.claim_ref(CG.addsTo, "adds_to")


def _map_funding_round(c: _Content) -> None:
    c.typed(CG.FundingRound)
    c.entity(CG.fundedOrganization, "company")
    c.text(CG.roundName, "series", lang=None)
    c.amount(CG.totalRaised, "amount")
    c.entity(CG.leadInvestor, "lead_investor")
    c.entity(CG.roundInvestor, "investors")
    c.amount(CG.preMoneyValuation, "pre_money")
    c.amount(CG.postMoneyValuation, "post_money")
    c.amount(CG.valuationAmount, "valuation")
    c.date(CG.date, "date")
    c.entity(CG.notParticipating, "not_participating")
    c.choice(CG.eventStatus, "status", vocab.EVENT_STATUS)
    c.amount(CG.equityAmount, "equity")
    c.amount(CG.debtAmount, "debt")
    c.text(CG.purpose, "purpose")
    c.text(CG.investorsDescription, "investors_description")


def _map_valuation(c: _Content) -> None:
    c.typed(CG.Valuation)
    c.entity(CG.valuedOrganization, "company")
    c.amount(CG.amount, "amount")
    c.choice(CG.valuationBasis, "basis", vocab.VALUATION_BASIS)
    c.date(CG.date, "date")


def _map_shareholding(c: _Content) -> None:
    c.typed(CG.Shareholding)
    values = c.claim.values
    holder_prop = (CG.majorityShareholder if values.get("majority")
                   else CG.largestShareholder if values.get("largest") else CG.shareholder)
    c.entity(holder_prop, "holder")
    if values.get("majority") and values.get("largest"):
        c.entity(CG.largestShareholder, "holder")
    c.entity(CG.shareIn, "company")
    c.percentage(CG.percentage, "percentage")
    if "percentage" not in values and "majority" in values:
        c.stake_bounds(*((Decimal(50), Decimal(100)) if values["majority"] else (Decimal(0), Decimal(50))))
    c.choice(CG.shareBasis, "basis", vocab.SHARE_BASIS)
    c.date(CG.since, "since")
    c.text(CG.holderDescription, "holder_group")
    c.entity(CG.jointHolder, "co_holders")
    c.amount(CG.stakeValue, "value")
    c.flag(CG.votingRights, "voting")
    c.flag(CG.controllingInterest, "controlling")
    if values.get("controlling"):
        c.entity(CG.controllingShareholder, "holder")


def _map_partnership(c: _Content) -> None:
    c.typed(CG.Partnership)
    c.entity(CG.party, "parties")
    c.choice(CG.partnershipKind, "kind", vocab.PARTNERSHIP_KIND)
    c.text(CG.scope, "scope")
    c.text(CG["term"], "term")
    c.date(CG.since, "since")
    c.pairs(CG.partnerOf, "parties")


def _map_supply(c: _Content) -> None:
    c.typed(CG.SupplyRelationship)
    c.entity(CG.supplier, "supplier")
    c.entity(CG.customer, "customer")
    c.entity(CG.suppliedProduct, "product")


def _map_role(c: _Content) -> None:
    c.typed(CG.Position)
    c.entity(ORG.member, "person")
    c.entity(ORG.organization, "organization")
    c.choice(ORG.role, "role", vocab.ROLE)
    c.date(CG.since, "since")
    c.date(CG.until, "until")
    c.wording(CG.title, "title")
    c.flag(CG.former, "former")
    if "body" in c.claim.values:
        c.g.add((c.node, CG.roleBody, _body(c)))
    c.choice(CG.roleStatus, "status", vocab.ROLE_STATUS)


def _map_seat(c: _Content) -> None:
    c.typed(CG.Seat)
    body_word = c.claim.text("body")
    governs = (("GoverningBody" in c.out.registry.entities[body_word].types) if body_word not in vocab.BODY_CLASS
               else body_word in GOVERNING_BODIES)
    c.g.add((c.node, CG.seatOn, _body(c)))
    c.g.add((c.node, CG.bodyKind, CG.GoverningBody if governs else CG.AdvisoryBody))
    c.entity(CG.seatHolder, "holder")
    c.text(CG.seatHolderDescription, "holder_description")
    c.entity(CG.onBehalfOf, "on_behalf_of")
    c.date(CG.since, "since")


def _body(c: _Content) -> URIRef:
    """The body a seat or a role is on: a body of the registry (one node in every language), or
    one minted from the organization and the body's name or word, typed by the claim."""
    values = c.claim.values
    body_word = c.claim.text("body")
    if body_word not in vocab.BODY_CLASS:
        return entity_iri(body_word)
    body_key = _slug(c.claim.text("body_name") if values.get("body_name") else body_word)
    body = CGI[f"body/{values['organization']}/{body_key}"]
    c.out.origins.setdefault(body, c.claim.at("body"))
    c.g.add((body, RDF.type, vocab.BODY_CLASS[body_word]))
    c.g.add((body, CG.bodyOf, entity_iri(str(values["organization"]))))
    c.g.add((body, PROV.wasDerivedFrom, c.out.claim_of[c.node]))
    if "body_name" in values:
        c.g.add((body, RDFS.label, Literal(values["body_name"])))
    return body


def _map_founding(c: _Content) -> None:
    c.typed(CG.Founding)
    c.entity(CG.foundedOrganization, "organization")
    c.entity(CG.founder, "founders")
    c.entity(CG.foundingPlace, "place")
    c.text(CG.foundersDescription, "founders_description")
    c.text(CG.purpose, "purpose")
    c.date(CG.date, "date")


def _map_headquarters(c: _Content) -> None:
    c.typed(CG.HeadquartersLocation)
    c.entity(CG.locatedOrganization, "organization")
    c.entity(CG.location, "place")


def _map_product(c: _Content) -> None:
    c.typed(CG.ProductAttribution)
    c.entity(CG.product, "product")
    c.entity(CG.maker, "maker")


def _map_comparison(c: _Content) -> None:
    c.typed(CG.Comparison)
    c.entity(CG.comparedItem, "subject")
    c.entity(CG.comparedWith, "compared_with")
    c.text(CG.aspect, "aspect")
    c.choice(CG.outcome, "outcome", vocab.OUTCOME)


def _map_acquisition(c: _Content) -> None:
    c.typed(CG.Acquisition)
    c.entity(CG.acquirer, "acquirer")
    c.text(CG.acquirerDescription, "acquirer_description")
    c.entity(CG.acquisitionTarget, "target")
    c.choice(CG.eventStatus, "status", vocab.EVENT_STATUS)
    c.text(CG.statusReason, "reason")
    c.amount(CG.amount, "amount")
    c.percentage(CG.stakeAcquired, "stake")
    c.date(CG.date, "date")
    c.entity(CG.seller, "seller")
    if c.claim.values.get("amount_basis") != "unspecified":
        c.choice(CG.amountBasis, "amount_basis", vocab.AMOUNT_BASIS)
    c.amount(CG.pricePerShare, "price_per_share")
    c.percentage_node(CG.premium, "premium")
    c.text(CG.premiumBasis, "premium_basis")
    c.choice(CG.paymentForm, "payment", vocab.PAYMENT_FORM)
    c.text(CG.financing, "financing")
    c.texts(CG.condition, "conditions")
    c.amount(CG.terminationFee, "termination_fee")
    c.entity(CG.terminationFeePayer, "termination_fee_payer")
    c.entity(CG.approvedBy, "approved_by")
    c.date(CG.expectedCompletion, "expected_completion")
    c.date(CG.offerStart, "offer_start")
    c.text(CG.purpose, "purpose")


def _map_ipo(c: _Content) -> None:
    c.typed(CG.IPO)
    c.entity(CG.listingCompany, "company")
    c.entity(CG.exchange, "exchange")
    c.choice(CG.eventStatus, "status", vocab.EVENT_STATUS)
    c.date(CG.date, "date")


def _map_agreement(c: _Content) -> None:
    c.typed(CG.Agreement)
    c.entity(CG.agreementParty, "parties")
    c.choice(CG.agreementKind, "kind", vocab.AGREEMENT_KIND)
    c.flag(CG.binding, "binding")
    c.choice(CG.eventStatus, "status", vocab.EVENT_STATUS)
    c.event_ref(CG.partOfDeal, "deal")
    c.date(CG.signedOn, "signed")
    c.date(CG.targetDate, "target_date")
    c.date(CG.until, "until")
    c.text(CG["term"], "term")
    c.text(CG.scope, "scope")
    c.text(CG.rights, "rights")
    c.text(CG.reviewClause, "review")
    c.texts(CG.condition, "conditions")
    c.amount(CG.amount, "amount")
    c.percentage_node(CG.stake, "stake")


def _map_corporate_change(c: _Content) -> None:
    c.typed(CG.CorporateChange)
    c.entity(CG.changedOrganization, "organization")
    c.choice(CG.changeKind, "kind", vocab.CHANGE_KIND)
    c.choice(CG.eventStatus, "status", vocab.EVENT_STATUS)
    c.text(CG.formBefore, "from_form")
    c.text(CG.formAfter, "to_form")
    c.entity(CG.controlledBy, "controlled_by")
    c.entity(CG.mergedWith, "merged_with")
    c.date(CG.date, "date")


def _map_subsidiary(c: _Content) -> None:
    c.typed(CG.SubsidiaryRelation)
    c.entity(CG.parentOrganization, "parent")
    c.entity(CG.childOrganization, "subsidiary")
    c.choice(CG.subsidiaryKind, "kind", vocab.SUBSIDIARY_KIND)
    c.date(CG.since, "since")


def _map_association(c: _Content) -> None:
    c.typed(CG.Association)
    c.entity(CG.associatedEntity, "entity")
    c.entity(CG.associatedWith, "associated_with")
    c.wording(CG.associationWording, "wording")


def _map_nationality(c: _Content) -> None:
    c.typed(CG.Nationality)
    c.entity(CG.nationalityOf, "entity")
    c.entity(CG.country, "country")
    c.flag(CG.former, "former")


def _map_metric(c: _Content) -> None:
    c.typed(CG.Measurement)
    c.entity(CG.measuredEntity, "entity")
    c.choice(CG.measure, "measure", vocab.MEASURE)
    c.amount(CG.amount, "amount")
    c.percentage_node(CG.percentageValue, "percentage")
    c.quantity(CG.quantity, "quantity")
    c.choice(CG.direction, "direction", vocab.DIRECTION)
    c.date(CG.period, "period")
    c.entity(CG.tradedOn, "exchange")
    c.entity(CG.appliesIn, "places")
    c.wording(CG.measureBasis, "basis")


def _map_product_claim(c: _Content) -> None:
    c.typed(CG.ProductClaim)
    c.entity(CG.claimedProduct, "product")
    c.text(CG.claimedAspect, "aspect")
    c.entity(CG.claimedAgainst, "compared_with")
    c.choice(CG.claimedOutcome, "outcome", vocab.OUTCOME)
    c.wording(CG.claimedResult, "result")


def _map_aim(c: _Content) -> None:
    c.typed(CG.StrategicAim)
    c.entity(CG.aimOf, "organization")
    c.text(CG.aimText, "aim")
    c.choice(CG.aimKind, "kind", vocab.AIM_KIND)
    c.entity(CG.aimRegion, "places")


def _map_exchange_rate(c: _Content) -> None:
    c.typed(CG.ExchangeRate)
    base, quote = c.claim.values["base"], c.claim.values["quote"]
    assert isinstance(base, Amount) and isinstance(quote, Amount)  # the loader read them
    c.amount(CG.baseAmount, "base")
    c.amount(CG.quoteAmount, "quote")
    c.g.add((c.node, CG.baseCurrency, _shared_literal(base.currency)))
    c.g.add((c.node, CG.quoteCurrency, _shared_literal(quote.currency)))
    c.g.add((c.node, CG.rate, _decimal(_rate(quote.value, base.value))))
    c.date(CG.date, "date")


def _rate(quote: Decimal, base: Decimal) -> Decimal:
    """Units of the quote currency per unit of the base, to 12 significant digits (a stated rate
    has far fewer; the rounding keeps 1/3 from printing 28 digits)."""
    value = Context(prec=12).divide(quote, base)
    normalized = value.normalize()
    return normalized.quantize(Decimal(1)) if normalized == normalized.to_integral() else normalized


def _map_listing(c: _Content) -> None:
    c.typed(CG.Listing)
    c.entity(CG.listedCompany, "company")
    c.entity(CG.listingExchange, "exchange")
    c.entity(CG.listingPlace, "place")
    c.text(CG.ticker, "ticker", lang=None)
    c.date(CG.since, "since")


def _map_regulatory_review(c: _Content) -> None:
    c.typed(CG.RegulatoryReview)
    c.entity(CG.regulator, "regulator")
    c.text(CG.regulatorDescription, "regulator_description")
    c.choice(CG.eventStatus, "status", vocab.EVENT_STATUS)
    c.event_ref(CG.reviewOf, "deal")
    c.entity(CG.reviewSubject, "subject")
    c.entity(CG.jurisdiction, "jurisdiction")
    c.date(CG.date, "date")


def _map_legal_action(c: _Content) -> None:
    c.typed(CG.LegalAction)
    c.entity(CG.plaintiff, "plaintiff")
    c.text(CG.plaintiffDescription, "plaintiff_description")
    c.entity(CG.defendant, "defendant")
    c.choice(CG.legalStatus, "status", vocab.LEGAL_STATUS)
    c.text(CG.legalSubject, "subject")
    c.entity(CG.jurisdiction, "jurisdiction")
    c.date(CG.date, "date")


def _map_comment_request(c: _Content) -> None:
    c.typed(CG.CommentRequest)
    c.entity(CG.askedEntity, "entity")
    c.choice(CG.commentResponse, "response", vocab.COMMENT_RESPONSE)
    c.entity(CG.askedBy, "asked_by")


def _map_sector(c: _Content) -> None:
    c.typed(CG.SectorClassification)
    c.entity(CG.classifiedOrganization, "organization")
    c.entity(CG.sector, "sector")


def _map_competition(c: _Content) -> None:
    c.typed(CG.Competition)
    c.entity(CG.competitor, "parties")
    c.text(CG.market, "market")
    c.pairs(CG.competitorOf, "parties")


def _map_office(c: _Content) -> None:
    c.typed(CG.Office)
    c.entity(CG.officeOf, "organization")
    c.entity(CG.officeLocation, "place")
    c.choice(CG.officeKind, "kind", vocab.OFFICE_KIND)
    c.choice(CG.eventStatus, "status", vocab.EVENT_STATUS)
    c.date(CG.date, "date")


def _map_assessment(c: _Content) -> None:
    c.typed(CG.Assessment)
    c.entity(CG.assessedEntity, "about")
    c.choice(CG.stance, "stance", vocab.STANCE)
    c.text(CG.assessedAspect, "aspect")
    c.event_ref(CG.assessedDeal, "deal")
    c.percentage_node(CG.probability, "probability")
    c.wording(CG.rating, "rating")
    c.amount(CG.priceTarget, "price_target")
    c.amount(CG.fairValue, "fair_value")


def _map_ranking(c: _Content) -> None:
    c.typed(CG.Ranking)
    c.entity(CG.rankedEntity, "subject")
    c.event_ref(CG.rankedDeal, "deal")
    c.choice(CG.rank, "rank", vocab.RANK)
    c.text(CG.rankScope, "scope")


#: claim type -> the class of its content node (and of the events its claims describe)
CLAIM_CLASS = {
    "investment": CG.Investment, "funding_round": CG.FundingRound, "valuation": CG.Valuation,
    "shareholding": CG.Shareholding, "partnership": CG.Partnership, "supply": CG.SupplyRelationship,
    "role": CG.Position, "seat": CG.Seat, "founding": CG.Founding, "headquarters": CG.HeadquartersLocation,
    "product": CG.ProductAttribution, "comparison": CG.Comparison, "acquisition": CG.Acquisition,
    "ipo": CG.IPO, "agreement": CG.Agreement, "corporate_change": CG.CorporateChange,
    "subsidiary": CG.SubsidiaryRelation, "association": CG.Association, "nationality": CG.Nationality,
    "metric": CG.Measurement, "product_claim": CG.ProductClaim, "exchange_rate": CG.ExchangeRate,
    "listing": CG.Listing, "regulatory_review": CG.RegulatoryReview, "comment_request": CG.CommentRequest,
    "sector": CG.SectorClassification, "competition": CG.Competition, "office": CG.Office,
    "assessment": CG.Assessment, "ranking": CG.Ranking, "legal_action": CG.LegalAction, "aim": CG.StrategicAim,
}

#: claim type -> content mapper. ``statement`` and ``description`` have no content node:
#: their content is the quote and the summary on the claim itself.
CONTENT_MAPPERS = {
    "investment": _map_investment, "funding_round": _map_funding_round,
    "valuation": _map_valuation, "shareholding": _map_shareholding,
    "partnership": _map_partnership, "supply": _map_supply, "role": _map_role,
    "seat": _map_seat, "founding": _map_founding, "headquarters": _map_headquarters,
    "product": _map_product, "comparison": _map_comparison,
    "acquisition": _map_acquisition, "ipo": _map_ipo, "agreement": _map_agreement,
    "corporate_change": _map_corporate_change, "subsidiary": _map_subsidiary, "association": _map_association,
    "nationality": _map_nationality, "metric": _map_metric, "product_claim": _map_product_claim,
    "exchange_rate": _map_exchange_rate, "listing": _map_listing, "regulatory_review": _map_regulatory_review,
    "comment_request": _map_comment_request, "sector": _map_sector, "competition": _map_competition,
    "office": _map_office, "assessment": _map_assessment, "ranking": _map_ranking,
    "legal_action": _map_legal_action, "aim": _map_aim,
}


def _date(value: DateValue) -> Literal:
    return _shared_literal(value.lexical, XSD[value.datatype])


def _decimal(value: Decimal) -> Literal:
    return _shared_literal(format(value, "f"), XSD.decimal)


@lru_cache(maxsize=1 << 16)
def _shared_literal(value, datatype: URIRef | None = None) -> Literal:
    """One Literal object per value for values that recur across claims (claim types,
    currencies, dates, amounts, text offsets). Making a Literal is slow (rdflib parses its
    value) and each is a sizeable object, and most literals in a large project are repeats
    (benchmarks/RESULTS.md). Equal terms that are one object also
    compare by identity in every set and dictionary."""
    return Literal(value, datatype=datatype)


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


__all__ = ["MappedGraphs", "map_project", "entity_iri", "claim_iri", "source_iri", "event_iri", "referenced_claim"]
