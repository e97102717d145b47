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
    "pledged": CG.Pledged, "committed": CG.Committed, "paused": CG.Paused, "rejected": CG.Rejected,
    "to-be-finalised": CG.ToBeFinalised, "signed": CG.Signed, "in-force": CG.InForce,
    "terminated": CG.Terminated, "expired": CG.Expired, "opened": CG.Opened, "ongoing": CG.Ongoing,
    "cleared": CG.Cleared, "cleared-with-conditions": CG.ClearedWithConditions, "blocked": CG.Blocked,
    "closed": CG.Closed,
}
VALUATION_BASIS: dict[str, URIRef] = {
    "pre-money": CG.PreMoney, "post-money": CG.PostMoney, "enterprise-value": CG.EnterpriseValueBasis,
    "unspecified": CG.BasisNotStated,
}
SHARE_BASIS: dict[str, URIRef] = {"fully-diluted": CG.FullyDiluted, "undiluted": CG.Undiluted}
PARTNERSHIP_KIND: dict[str, URIRef] = {
    "strategic": CG.StrategicPartnership, "commercial": CG.CommercialPartnership,
    "research": CG.ResearchPartnership, "technology": CG.TechnologyPartnership,
    "distribution": CG.DistributionPartnership, "joint-venture": CG.JointVenture,
}
OUTCOME: dict[str, URIRef] = {"better": CG.Better, "worse": CG.Worse, "equal": CG.Equal, "similar": CG.Similar}
QUALIFIER: dict[str, URIRef] = {
    "exact": CG.Exact, "approximately": CG.Approximately, "more-than": CG.MoreThan,
    "at-least": CG.AtLeast, "up-to": CG.UpTo, "at-most": CG.AtMost, "less-than": CG.LessThan,
    "between": CG.Between,
}
ROLE: dict[str, URIRef] = {
    "ceo": CG.CEO, "cfo": CG.CFO, "cto": CG.CTO, "coo": CG.COO, "chair": CG.Chair,
    "president": CG.President, "founder": CG.FounderRole, "co-founder": CG.CoFounderRole,
    "board-member": CG.BoardMember, "adviser": CG.Adviser, "employee": CG.Employee,
    "spokesperson": CG.Spokesperson, "executive-chair": CG.ExecutiveChair, "vice-president": CG.VicePresident,
    "managing-director": CG.ManagingDirector, "director": CG.Director, "head": CG.Head,
    "partner": CG.PartnerRole, "venture-partner": CG.VenturePartner, "analyst": CG.Analyst,
    "researcher": CG.Researcher, "minister": CG.Minister, "public-official": CG.PublicOfficial,
}
AGREEMENT_KIND: dict[str, URIRef] = {
    "letter-of-intent": CG.LetterOfIntent, "memorandum-of-understanding": CG.MemorandumOfUnderstanding,
    "term-sheet": CG.TermSheet, "definitive-agreement": CG.DefinitiveAgreement,
    "merger-agreement": CG.MergerAgreement, "framework-agreement": CG.FrameworkAgreement,
    "licence": CG.Licence, "irrevocable-undertaking": CG.IrrevocableUndertaking,
    "unspecified": CG.AgreementKindNotStated,
}
CHANGE_KIND: dict[str, URIRef] = {
    "restructuring": CG.Restructuring, "change-of-legal-form": CG.ChangeOfLegalForm, "merger": CG.Merger,
    "spin-off": CG.SpinOff, "rename": CG.Rename, "delisting": CG.Delisting,
    "recapitalization": CG.Recapitalization, "separation": CG.Separation,
}
SUBSIDIARY_KIND: dict[str, URIRef] = {
    "subsidiary": CG.SubsidiaryCompany, "unit": CG.BusinessUnit, "division": CG.Division,
    "brand": CG.Brand, "branch": CG.Branch,
}
MEASURE: dict[str, URIRef] = {
    "revenue": CG.Revenue, "annual-recurring-revenue": CG.AnnualRecurringRevenue,
    "revenue-run-rate": CG.RevenueRunRate, "net-income": CG.NetIncome, "operating-profit": CG.OperatingProfit,
    "funding-to-date": CG.FundingToDate, "market-capitalization": CG.MarketCapitalization,
    "share-price": CG.SharePrice, "net-debt": CG.NetDebt, "enterprise-value": CG.EnterpriseValueMeasure,
    "earnings-per-share": CG.EarningsPerShare, "earnings-per-share-accretion": CG.EarningsPerShareAccretion,
    "revenue-synergies": CG.RevenueSynergies, "gross-margin": CG.GrossMargin, "revenue-growth": CG.RevenueGrowth, "operating-margin": CG.OperatingMargin,
    "share-price-change": CG.SharePriceChange, "employees": CG.Employees, "customers": CG.Customers,
    "users": CG.Users, "orders": CG.Orders, "markets": CG.Markets, "partners": CG.Partners,
    "capacity": CG.Capacity,
}
DIRECTION: dict[str, URIRef] = {"up": CG.Up, "down": CG.Down}
COMMENT_RESPONSE: dict[str, URIRef] = {
    "declined": CG.DeclinedToComment, "no-reply": CG.NoReply, "no-immediate-reply": CG.NoImmediateReply,
    "not-reachable": CG.NotReachable,
}
OFFICE_KIND: dict[str, URIRef] = {
    "office": CG.RegularOffice, "branch": CG.BranchOffice, "research-lab": CG.ResearchLab,
    "data-centre": CG.DataCentre,
}
STANCE: dict[str, URIRef] = {"positive": CG.Positive, "negative": CG.Negative, "neutral": CG.Neutral,
                             "mixed": CG.Mixed}
RANK: dict[str, URIRef] = {
    "largest": CG.Largest, "second-largest": CG.SecondLargest, "third-largest": CG.ThirdLargest,
    "among-the-largest": CG.AmongTheLargest, "fourth-largest": CG.FourthLargest, "fifth-largest": CG.FifthLargest,
    "leading": CG.Leading, "smallest": CG.Smallest, "first": CG.First, "only": CG.Only,
}
LEGAL_STATUS: dict[str, URIRef] = {
    "threatened": CG.Threatened, "filed": CG.LawsuitFiled, "ongoing": CG.LawsuitOngoing, "settled": CG.Settled,
    "dismissed": CG.Dismissed, "won": CG.Won, "lost": CG.Lost, "appealed": CG.Appealed,
}
ROLE_STATUS: dict[str, URIRef] = {"incoming": CG.Incoming, "leaving": CG.Leaving, "interim": CG.Interim}
PAYMENT_FORM: dict[str, URIRef] = {"cash": CG.Cash, "stock": CG.Stock, "cash-and-stock": CG.CashAndStock}
AMOUNT_BASIS: dict[str, URIRef] = {
    "equity-value": CG.EquityValue, "enterprise-value": CG.EnterpriseValue, "unspecified": CG.AmountBasisNotStated,
}
AIM_KIND: dict[str, URIRef] = {"goal": CG.Goal, "target-market": CG.TargetMarket, "focus": CG.Focus}
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
    CG.AgreementKind: AGREEMENT_KIND, CG.CorporateChangeKind: CHANGE_KIND, CG.SubsidiaryKind: SUBSIDIARY_KIND,
    CG.MeasureKind: MEASURE, CG.Direction: DIRECTION, CG.CommentResponse: COMMENT_RESPONSE,
    CG.OfficeKind: OFFICE_KIND, CG.Stance: STANCE, CG.RankKind: RANK,
    CG.LegalStatus: LEGAL_STATUS, CG.RoleStatus: ROLE_STATUS, CG.PaymentForm: PAYMENT_FORM, CG.AmountBasis: AMOUNT_BASIS,
    CG.AimKind: AIM_KIND,
}
