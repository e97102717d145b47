"""Claim-file words -> ontology IRIs for every controlled value.

The ontology declares each of these individuals; ``tests/test_ontology.py`` checks that
every IRI here is declared there with the right class, so the two cannot drift apart.
"""

from rdflib import URIRef

from claimgraph.rdf.namespaces import CG

MODALITY: dict[str, URIRef] = {
    "fact": CG.StatedAsFact, "reported": CG.Reported, "statement": CG.AttributedStatement,
    "opinion": CG.Opinion, "rumour": CG.Rumour, "denial": CG.Denial, "plan": CG.PlanOrIntent,
    "unconfirmed": CG.Unconfirmed,
}
EVENT_STATUS: dict[str, URIRef] = {
    "rumoured": CG.Rumoured, "in-talks": CG.InTalks, "considered": CG.Considered, "announced": CG.Announced,
    "agreed": CG.Agreed, "completed": CG.Completed, "called-off": CG.CalledOff,
    "denied": CG.Denied, "ruled-out": CG.RuledOut, "planned": CG.Planned,
    "expected": CG.Expected, "filed": CG.Filed, "postponed": CG.Postponed,
}
VALUATION_BASIS: dict[str, URIRef] = {
    "pre-money": CG.PreMoney, "post-money": CG.PostMoney, "unspecified": CG.BasisNotStated,
}
SHARE_BASIS: dict[str, URIRef] = {"fully-diluted": CG.FullyDiluted, "undiluted": CG.Undiluted}
PARTNERSHIP_KIND: dict[str, URIRef] = {
    "strategic": CG.StrategicPartnership, "commercial": CG.CommercialPartnership,
    "research": CG.ResearchPartnership, "technology": CG.TechnologyPartnership,
    "distribution": CG.DistributionPartnership, "joint-venture": CG.JointVenture,
}
OUTCOME: dict[str, URIRef] = {"better": CG.Better, "worse": CG.Worse, "equal": CG.Equal}
QUALIFIER: dict[str, URIRef] = {
    "exact": CG.Exact, "approximately": CG.Approximately, "more-than": CG.MoreThan,
    "at-least": CG.AtLeast, "up-to": CG.UpTo, "at-most": CG.AtMost, "less-than": CG.LessThan,
}
ROLE: dict[str, URIRef] = {
    "ceo": CG.CEO, "cfo": CG.CFO, "cto": CG.CTO, "coo": CG.COO, "chair": CG.Chair,
    "president": CG.President, "founder": CG.FounderRole, "co-founder": CG.CoFounderRole,
    "board-member": CG.BoardMember, "adviser": CG.Adviser, "employee": CG.Employee,
    "spokesperson": CG.Spokesperson,
}
BODY_CLASS: dict[str, URIRef] = {
    "board-of-directors": CG.BoardOfDirectors, "supervisory-board": CG.SupervisoryBoard,
    "executive-board": CG.ExecutiveBoard, "advisory-board": CG.AdvisoryBoard,
    "advisory-committee": CG.AdvisoryCommittee,
}

#: class of the individuals in each table, for the ontology sync test
VOCABULARIES: dict[URIRef, dict[str, URIRef]] = {
    CG.Modality: MODALITY, CG.EventStatus: EVENT_STATUS, CG.ValuationBasis: VALUATION_BASIS,
    CG.ShareBasis: SHARE_BASIS, CG.PartnershipKind: PARTNERSHIP_KIND,
    CG.ComparisonOutcome: OUTCOME, CG.Qualifier: QUALIFIER, CG.RoleType: ROLE,
}
