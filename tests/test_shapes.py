"""Every SHACL shape: the valid example conforms; each broken variant fails with its message."""

from pathlib import Path

import pytest
from rdflib import Graph

from claimgraph.rdf.namespaces import new_graph, sparql_prologue
from claimgraph.checks.shacl import validate_graph

REPO = Path(__file__).resolve().parent.parent
PREFIXES = "".join(line.replace("PREFIX ", "@prefix ") + " .\n" for line in sparql_prologue().splitlines())

VALID = PREFIXES + """
cgi:acme a cg:Company ; rdfs:label "Acme"@en , "Acme"@nl .
cgi:beta a cg:Company ; rdfs:label "Beta"@en , "Beta"@nl .
cgi:ann a cg:Person ; rdfs:label "Ann"@en , "Ann"@nl .
cgi:paris a cg:City ; rdfs:label "Paris"@en , "Parijs"@nl .
cgi:widget a cg:Product ; rdfs:label "Widget"@en , "Widget"@nl .
cgi:eu a cg:PoliticalUnion ; rdfs:label "EU"@en , "EU"@nl .
cgi:fr a cg:Country ; rdfs:label "France"@en , "Frankrijk"@nl .
cgi:m a org:Membership ; org:member cgi:fr ; org:organization cgi:eu ; cg:since "1958-01-01"^^xsd:date .

cgi:article a cg:Article ; dct:issued "2025-09-09"^^xsd:date ; dct:publisher cgi:acme ;
    dct:title "A title"@en ; dct:language "en" .
cgi:claim a cg:Claim ; cg:source cgi:article ; cg:evidence cgi:quote ; cg:modality cg:StatedAsFact ;
    cg:claimId "c-1" ; cg:asOf "2025-09-09"^^xsd:date .
cgi:said a cg:Claim ; cg:source cgi:article ; cg:evidence cgi:quote ; cg:modality cg:AttributedStatement ;
    cg:claimId "c-2" ; cg:speaker cgi:ann .
cgi:quote a oa:TextQuoteSelector ; oa:exact "a quote"@en ; cg:quotedFrom cgi:article ;
    oa:start "0"^^xsd:nonNegativeInteger .

cgi:amount a cg:MonetaryAmount ; cg:value "1300000000"^^xsd:decimal ; cg:currency "EUR" ;
    cg:qualifier cg:Exact ; cg:convertedAmount cgi:usd .
cgi:usd a cg:MonetaryAmount ; cg:value "1500000000"^^xsd:decimal ; cg:currency "USD" .
cgi:pre a cg:MonetaryAmount ; cg:value "400"^^xsd:decimal ; cg:currency "EUR" ; cg:qualifier cg:Exact .
cgi:post a cg:MonetaryAmount ; cg:value "500"^^xsd:decimal ; cg:currency "EUR" ; cg:qualifier cg:Exact .
cgi:raised a cg:MonetaryAmount ; cg:value "100"^^xsd:decimal ; cg:currency "EUR" ; cg:qualifier cg:Exact .

cgi:investment a cg:Investment ; prov:wasDerivedFrom cgi:claim ; cg:investor cgi:acme ; cg:investee cgi:beta ;
    cg:amount cgi:amount ; cg:date "2025-09-09"^^xsd:date .
cgi:round a cg:FundingRound ; prov:wasDerivedFrom cgi:claim ; cg:fundedOrganization cgi:beta ;
    cg:leadInvestor cgi:acme ; cg:totalRaised cgi:raised ; cg:preMoneyValuation cgi:pre ; cg:postMoneyValuation cgi:post .
cgi:valuation a cg:Valuation ; prov:wasDerivedFrom cgi:claim ; cg:valuedOrganization cgi:beta ;
    cg:amount cgi:post ; cg:valuationBasis cg:PostMoney .
cgi:holding a cg:Shareholding ; prov:wasDerivedFrom cgi:claim ; cg:shareholder cgi:acme ; cg:shareIn cgi:beta ;
    cg:percentage "11"^^xsd:decimal ; cg:shareBasis cg:FullyDiluted ; cg:since "2025"^^xsd:gYear .
cgi:majority a cg:Shareholding ; prov:wasDerivedFrom cgi:claim ; cg:majorityShareholder cgi:ann ;
    cg:shareIn cgi:beta ; cg:percentage "51"^^xsd:decimal .
cgi:partnership a cg:Partnership ; prov:wasDerivedFrom cgi:claim ; cg:party cgi:acme , cgi:beta ;
    cg:partnershipKind cg:StrategicPartnership .
cgi:supply a cg:SupplyRelationship ; prov:wasDerivedFrom cgi:claim ; cg:supplier cgi:acme ; cg:customer cgi:beta .
cgi:position a cg:Position ; prov:wasDerivedFrom cgi:claim ; org:member cgi:ann ; org:organization cgi:acme ;
    org:role cg:CEO ; cg:roleBody cgi:body ; cg:former false ; cg:roleStatus cg:Leaving .
cgi:body a cg:AdvisoryCommittee ; cg:bodyOf cgi:beta .
cgi:seat a cg:Seat ; prov:wasDerivedFrom cgi:claim ; cg:seatHolder cgi:ann ; cg:seatOn cgi:body ;
    cg:onBehalfOf cgi:acme .
cgi:founding a cg:Founding ; prov:wasDerivedFrom cgi:claim ; cg:foundedOrganization cgi:beta ;
    cg:foundingPlace cgi:paris ; cg:date "2023"^^xsd:gYear .
cgi:hq a cg:HeadquartersLocation ; prov:wasDerivedFrom cgi:claim ; cg:locatedOrganization cgi:beta ;
    cg:location cgi:paris .
cgi:made a cg:ProductAttribution ; prov:wasDerivedFrom cgi:claim ; cg:product cgi:widget ; cg:maker cgi:acme .
cgi:comparison a cg:Comparison ; prov:wasDerivedFrom cgi:claim ; cg:comparedItem cgi:widget ;
    cg:comparedWith cgi:acme ; cg:outcome cg:Better .
cgi:acquisition a cg:Acquisition ; prov:wasDerivedFrom cgi:claim ; cg:acquisitionTarget cgi:beta ;
    cg:acquirer cgi:acme ; cg:eventStatus cg:Completed ; cg:stakeAcquired "100"^^xsd:decimal .
cgi:ipo a cg:IPO ; prov:wasDerivedFrom cgi:claim ; cg:listingCompany cgi:beta ; cg:eventStatus cg:Planned .

cgi:undated a cg:Article ; cg:publicationDateUnknown true ; dct:publisher cgi:beta ;
    dct:title "Undated"@fr ; dct:language "fr" .
cgi:anon a cg:AnonymousSource ; rdfs:label "people familiar with the matter"@en .
cgi:report a cg:Claim ; cg:source cgi:undated ; cg:evidence cgi:quote2 ; cg:modality cg:Unconfirmed ;
    cg:claimId "c-3" ; cg:cites cgi:anon , cgi:acme ; cg:speaker cgi:anon ; cg:time cgi:when , cgi:later ;
    cg:confirms cgi:claim ; cg:corrects cgi:claim ; cg:denies cgi:said ; cg:supersedes cgi:said .
cgi:quote2 a oa:TextQuoteSelector ; oa:exact "another quote"@fr ; cg:quotedFrom cgi:undated .
cgi:when a cg:TimeExpression ; cg:wording "on Sunday"@en ; cg:earliest "2025-09-07"^^xsd:date ;
    cg:latest "2025-09-07"^^xsd:date .
cgi:later a cg:TimeExpression ; cg:wording "mardi"@fr ; cg:unresolvedBecause "the publication date is unknown"@en .
cgi:event a cg:Event ; dct:identifier "e-1" ; cg:eventClass cg:Investment .

cgi:reg a cg:Regulator ; rdfs:label "Board"@en , "Raad"@nl .
cgi:cyber a cg:Sector ; rdfs:label "Cybersecurity"@en , "Cyberbeveiliging"@nl .
cgi:fee a cg:MonetaryAmount ; cg:value "410"^^xsd:decimal ; cg:currency "EUR" .
cgi:price a cg:MonetaryAmount ; cg:value "76.5"^^xsd:decimal ; cg:currency "USD" .
cgi:prem a cg:PercentageValue ; cg:percent "28"^^xsd:decimal .
cgi:deal a cg:Acquisition ; prov:wasDerivedFrom cgi:claim ; cg:acquisitionTarget cgi:acme ; cg:eventStatus cg:Announced ;
    cg:seller cgi:ann ; cg:pricePerShare cgi:price ; cg:premium cgi:prem ; cg:terminationFee cgi:fee ;
    cg:paymentForm cg:Cash ; cg:amountBasis cg:EquityValue .
cgi:group a cg:Shareholding ; prov:wasDerivedFrom cgi:claim ; cg:holderDescription "staff"@en ; cg:shareIn cgi:acme ;
    cg:stakeValue cgi:fee ; cg:votingRights false ; cg:jointHolder cgi:ann .
cgi:agreement a cg:Agreement ; prov:wasDerivedFrom cgi:claim ; cg:agreementParty cgi:acme , cgi:beta ;
    cg:agreementKind cg:LetterOfIntent ; cg:eventStatus cg:Signed ; cg:binding false ; cg:partOfDeal cgi:event ;
    cg:stake cgi:prem .
cgi:change a cg:CorporateChange ; prov:wasDerivedFrom cgi:claim ; cg:changedOrganization cgi:acme ;
    cg:changeKind cg:Restructuring ; cg:controlledBy cgi:beta .
cgi:sub a cg:SubsidiaryRelation ; prov:wasDerivedFrom cgi:claim ; cg:parentOrganization cgi:acme ;
    cg:childOrganization cgi:beta ; cg:subsidiaryKind cg:BusinessUnit .
cgi:assoc a cg:Association ; prov:wasDerivedFrom cgi:claim ; cg:associatedEntity cgi:beta ; cg:associatedWith cgi:ann ; cg:associationWording "Ann's Beta"@en .
cgi:nat a cg:Nationality ; prov:wasDerivedFrom cgi:claim ; cg:nationalityOf cgi:ann ; cg:country cgi:fr .
cgi:qty a cg:Quantity ; cg:quantityValue "900"^^xsd:decimal ; cg:unitCode "{employee}" ; cg:qualifier cg:Approximately .
cgi:metric a cg:Measurement ; prov:wasDerivedFrom cgi:claim ; cg:measuredEntity cgi:beta ; cg:measure cg:Employees ;
    cg:quantity cgi:qty .
cgi:fell a cg:PercentageValue ; cg:percent "5.6"^^xsd:decimal .
cgi:moved a cg:Measurement ; prov:wasDerivedFrom cgi:claim ; cg:measuredEntity cgi:widget ; cg:measure cg:SharePriceChange ;
    cg:percentageValue cgi:fell ; cg:direction cg:Down .
cgi:pclaim a cg:ProductClaim ; prov:wasDerivedFrom cgi:said ; cg:claimedProduct cgi:widget ; cg:claimedAspect "speed"@en ; cg:claimedOutcome cg:Better .
cgi:rate a cg:ExchangeRate ; prov:wasDerivedFrom cgi:claim ; cg:rate "0.8495"^^xsd:decimal ; cg:baseCurrency "USD" ;
    cg:quoteCurrency "EUR" .
cgi:listing a cg:Listing ; prov:wasDerivedFrom cgi:claim ; cg:listedCompany cgi:beta ; cg:listingExchange cgi:acme ;
    cg:ticker "BETA" .
cgi:review a cg:RegulatoryReview ; prov:wasDerivedFrom cgi:claim ; cg:regulator cgi:reg ; cg:eventStatus cg:Opened .
cgi:asked a cg:CommentRequest ; prov:wasDerivedFrom cgi:claim ; cg:askedEntity cgi:acme ;
    cg:commentResponse cg:DeclinedToComment .
cgi:sectored a cg:SectorClassification ; prov:wasDerivedFrom cgi:claim ; cg:classifiedOrganization cgi:beta ;
    cg:sector cgi:cyber .
cgi:rivals a cg:Competition ; prov:wasDerivedFrom cgi:claim ; cg:competitor cgi:acme , cgi:beta .
cgi:office a cg:Office ; prov:wasDerivedFrom cgi:claim ; cg:officeOf cgi:beta ; cg:officeLocation cgi:paris ;
    cg:officeKind cg:ResearchLab .
cgi:judged a cg:Assessment ; prov:wasDerivedFrom cgi:claim ; cg:assessedEntity cgi:beta ; cg:stance cg:Positive ;
    cg:probability cgi:prem .
cgi:suit a cg:LegalAction ; prov:wasDerivedFrom cgi:claim ; cg:plaintiff cgi:reg ; cg:defendant cgi:acme ;
    cg:legalStatus cg:LawsuitFiled .
cgi:unnamed-seat a cg:Seat ; prov:wasDerivedFrom cgi:claim ; cg:seatHolderDescription "two members"@en ; cg:seatOn  cgi:body .
cgi:suitors a cg:Acquisition ; prov:wasDerivedFrom cgi:claim ; cg:acquisitionTarget cgi:beta ; cg:eventStatus cg:Considered ;
    cg:acquirerDescription "several rivals"@en ; cg:statusReason "no agreement on the price"@en .
cgi:aim a cg:StrategicAim ; prov:wasDerivedFrom cgi:claim ; cg:aimOf cgi:beta ; cg:aimText "to lead in Europe"@en ;
    cg:aimKind cg:Goal ; cg:aimRegion cgi:eu .
cgi:trial a cg:LegalAction ; prov:wasDerivedFrom cgi:claim ; cg:defendant cgi:beta ; cg:legalStatus cg:LawsuitOngoing .
cgi:ranked a cg:Ranking ; prov:wasDerivedFrom cgi:claim ; cg:rankedDeal cgi:event ; cg:rank cg:Largest ; cg:rankScope "Acme's deals"@en .
"""

# (what is broken, text to replace, replacement, expected sh:message, severity)
BROKEN = [
    ("investment without investor", "cg:investor cgi:acme ; cg:investee", "cg:investee",
     "An investment needs exactly one investor, an organization or a person.", "error"),
    ("investment without investee", "cg:investee cgi:beta ;\n    cg:amount", "cg:amount",
     "An investment needs exactly one investee organization.", "error"),
    ("amount without currency", 'cg:value "1300000000"^^xsd:decimal ; cg:currency "EUR" ;',
     'cg:value "1300000000"^^xsd:decimal ;',
     "An amount needs exactly one ISO 4217 currency code, such as EUR or USD.", "error"),
    ("currency that is not ISO 4217", 'cg:currency "EUR" ;\n    cg:qualifier cg:Exact ; cg:convertedAmount',
     'cg:currency "euro" ;\n    cg:qualifier cg:Exact ; cg:convertedAmount',
     "An amount needs exactly one ISO 4217 currency code, such as EUR or USD.", "error"),
    ("negative amount", '"1300000000"^^xsd:decimal', '"-5"^^xsd:decimal', "An amount must not be negative.", "error"),
    ("conversion into the same currency", 'cg:value "1500000000"^^xsd:decimal ; cg:currency "USD"',
     'cg:value "1500000000"^^xsd:decimal ; cg:currency "EUR"',
     "A converted amount must be in another currency than the amount it converts.", "error"),
    ("percentage above 100", '"11"^^xsd:decimal', '"111"^^xsd:decimal',
     "A stake is one percentage from 0 to 100.", "error"),
    ("percentage below 0", '"11"^^xsd:decimal', '"-1"^^xsd:decimal',
     "A stake is one percentage from 0 to 100.", "error"),
    ("stakes above 100 percent in one company", 'cg:shareIn cgi:beta ; cg:percentage "51"',
     'cg:shareIn cgi:beta ; cg:percentage "95"',
     "Stakes claimed in this company add up to more than 100 percent (largest claimed stake per holder, "
     "summed over holders).", "error"),
    ("majority of 50 percent or less", 'cg:percentage "51"', 'cg:percentage "50"',
     "A majority shareholding must be more than 50 percent; the largest shareholder is not necessarily a "
     "majority shareholder.", "error"),
    ("role held by an organization", "org:member cgi:ann", "org:member cgi:acme",
     "A role such as CEO or founder must be held by exactly one person, not an organization or other thing.", "error"),
    ("claim without source", "cgi:claim a cg:Claim ; cg:source cgi:article ;", "cgi:claim a cg:Claim ;",
     "A claim needs exactly one source article.", "error"),
    ("claim without evidence", "cg:claimId \"c-1\" ;", "cg:claimId \"c-1\" ; cg:evidence cgi:quote2 ;",
     "A claim needs exactly one evidence quote.", "error"),
    ("statement without speaker", " ;\n    cg:claimId \"c-2\" ; cg:speaker cgi:ann .", " ;\n    cg:claimId \"c-2\" .",
     "A claim attributed to a speaker (modality statement) must name the speaker.", "error"),
    ("reported claim without reporter", "cg:modality cg:StatedAsFact ;", "cg:modality cg:Reported ;",
     "A reported claim must name the source it is reported from (cg:reportedBy).", "error"),
    ("speaker that is a product", "cg:speaker cgi:ann", "cg:speaker cgi:widget",
     "A speaker must be one person, organization or unnamed source.", "error"),
    ("two speakers", "cg:speaker cgi:anon", "cg:speaker cgi:anon , cgi:ann",
     "A speaker must be one person, organization or unnamed source.", "error"),
    ("cited source that is a place", "cg:cites cgi:anon , cgi:acme", "cg:cites cgi:anon , cgi:paris",
     "A claim can only cite a person, an organization or an unnamed source.", "error"),
    ("confirming what is not a claim", "cg:confirms cgi:claim", "cg:confirms cgi:acme",
     "A claim can only confirm another claim.", "error"),
    ("correcting what is not a claim", "cg:corrects cgi:claim", "cg:corrects cgi:acme",
     "A claim can only correct another claim.", "error"),
    ("denying what is not a claim", "cg:denies cgi:said", "cg:denies cgi:acme",
     "A claim can only deny another claim.", "error"),
    ("superseding what is not a claim", "cg:supersedes cgi:said", "cg:supersedes cgi:acme",
     "A claim can only supersede another claim.", "error"),
    ("unconfirmed report citing no one", "cg:cites cgi:anon , cgi:acme ; cg:speaker cgi:anon ;", "",
     "An unconfirmed report must say whom it cites (cg:cites) or which unnamed speaker says it.", "error"),
    ("unnamed source without words", 'cgi:anon a cg:AnonymousSource ; rdfs:label "people familiar with the matter"@en .',
     "cgi:anon a cg:AnonymousSource .", "An unnamed source keeps the article's words for it as its one label.", "error"),
    ("event with a bad id", 'dct:identifier "e-1"', 'dct:identifier "E 1"',
     "An event needs one id made of lower-case words joined by '-'.", "error"),
    ("event of two claim types", "cg:eventClass cg:Investment .", "cg:eventClass cg:Investment , cg:Seat .",
     "All claims of one event describe it with one claim type.", "error"),
    ("time expression without wording", 'cgi:when a cg:TimeExpression ; cg:wording "on Sunday"@en ;',
     "cgi:when a cg:TimeExpression ;", "A time expression keeps the article's wording.", "error"),
    ("time expression ending before it starts", 'cg:earliest "2025-09-07"^^xsd:date', 'cg:earliest "2025-09-08"^^xsd:date',
     "A resolved time expression runs from its earliest to its latest day.", "error"),
    ("time expression with two last days", 'cg:latest "2025-09-07"^^xsd:date .',
     'cg:latest "2025-09-07"^^xsd:date , "2025-09-09"^^xsd:date .', "A resolved time expression has one latest day.", "error"),
    ("time expression neither resolved nor explained", ' ; cg:unresolvedBecause "the publication date is unknown"@en', "",
     "A time expression either resolves to an interval or says why it does not.", "error"),
    ("article with a date that says it has none", "cg:publicationDateUnknown true ;",
     'cg:publicationDateUnknown true ; dct:issued "2025"^^xsd:gYear ;',
     "An article has a publication date or says that it is unknown, never both.", "error"),
    ("article with two dates", 'dct:issued "2025-09-09"^^xsd:date ;', 'dct:issued "2025-09-09"^^xsd:date , "2025-09"^^xsd:gYearMonth ;',
     "An article has at most one publication date: a day, a month or a year.", "error"),
    ("date that is not a date", 'cg:date "2025-09-09"^^xsd:date', 'cg:date "2025-13-45"^^xsd:date',
     "The date must be a single valid xsd:date, xsd:gYearMonth or xsd:gYear.", "error"),
    ("date that is a plain string", 'cg:date "2023"^^xsd:gYear', 'cg:date "in 2023"',
     "The date must be a single valid xsd:date, xsd:gYearMonth or xsd:gYear.", "error"),
    ("since that is not a date", 'cg:since "2025"^^xsd:gYear', 'cg:since "recently"',
     "'since' must be a single valid xsd:date, xsd:gYearMonth or xsd:gYear.", "error"),
    ("article without a date", 'dct:issued "2025-09-09"^^xsd:date ;', "",
     "An article has a publication date or says that it is unknown, never both.", "error"),
    ("quote without text", 'oa:exact "a quote"@en ;', "", "An evidence quote needs its exact text.", "error"),
    ("fact not derived from a claim", "cgi:hq a cg:HeadquartersLocation ; prov:wasDerivedFrom cgi:claim ;",
     "cgi:hq a cg:HeadquartersLocation ;",
     "Every fact must be derived from a claim (prov:wasDerivedFrom a cg:Claim).", "error"),
    ("round with two pre-money valuations", "cg:preMoneyValuation cgi:pre", "cg:preMoneyValuation cgi:pre , cgi:raised",
     "A funding round has at most one pre-money valuation per claim.", "error"),
    ("post-money that is not pre-money plus raised", 'cgi:post a cg:MonetaryAmount ; cg:value "500"',
     'cgi:post a cg:MonetaryAmount ; cg:value "600"',
     "Post-money valuation should equal pre-money valuation plus the total raised (same currency); check which "
     "valuation the text gives.", "warning"),
    ("valuation without basis", "cg:valuationBasis cg:PostMoney", "cg:valuationBasis cgi:acme",
     "A valuation says whether it is pre-money, post-money or not stated.", "error"),
    ("partnership with one party", "cg:party cgi:acme , cgi:beta", "cg:party cgi:acme",
     "A partnership needs at least two parties, organizations or persons.", "error"),
    ("supply without supplier", "cg:supplier cgi:acme ; cg:customer", "cg:customer",
     "A supply relationship needs exactly one supplier organization.", "error"),
    ("seat on a place", "cg:seatOn cgi:body", "cg:seatOn cgi:paris", "A seat is on exactly one board or committee.", "error"),
    ("organization holding a seat on behalf of another", "cg:seatHolder cgi:ann", "cg:seatHolder cgi:beta",
     "Only a person holds a seat on behalf of an organization; an organization holds its seat itself.", "warning"),
    ("body of nothing", "cgi:body a cg:AdvisoryCommittee ; cg:bodyOf cgi:beta .", "cgi:body a cg:AdvisoryCommittee .",
     "A board or committee belongs to exactly one organization.", "error"),
    ("founding place that is a company", "cg:foundingPlace cgi:paris", "cg:foundingPlace cgi:acme",
     "A founding place must be a place.", "error"),
    ("headquarters in a company", "cg:location cgi:paris", "cg:location cgi:acme",
     "A headquarters location names exactly one place.", "error"),
    ("product made by a person", "cg:maker cgi:acme", "cg:maker cgi:ann",
     "A product attribution names exactly one maker organization.", "error"),
    ("comparison without outcome", "cg:outcome cg:Better", "cg:outcome cgi:acme",
     "A comparison has exactly one outcome: better, worse, equal or similar.", "error"),
    ("acquisition without status", "cg:eventStatus cg:Completed ;", "",
     "An acquisition has exactly one status, such as rumoured or completed.", "error"),
    ("IPO of a person", "cg:listingCompany cgi:beta", "cg:listingCompany cgi:ann",
     "An IPO is of exactly one company.", "error"),
    ("membership without member", "cgi:m a org:Membership ; org:member cgi:fr ;", "cgi:m a org:Membership ;",
     "A membership has exactly one member.", "error"),
    ("entity without a Dutch label", 'rdfs:label "Widget"@en , "Widget"@nl', 'rdfs:label "Widget"@en',
     "An entity should have both an English and a Dutch label.", "warning"),
    ("entity with two English labels", 'rdfs:label "Acme"@en , "Acme"@nl', 'rdfs:label "Acme"@en , "ACME"@en , "Acme"@nl',
     "An entity has at most one label per language.", "error"),
    ("claim with a modality outside the vocabulary", "cg:modality cg:StatedAsFact ;", "cg:modality cgi:acme ;",
     "A claim needs exactly one modality from the cg:Modality vocabulary.", "error"),
    ("claim id that is not a slug", 'cg:claimId "c-1"', 'cg:claimId "C 1"',
     "A claim needs one id made of lower-case words joined by '-'.", "error"),
    ("response to a non-claim", 'cg:claimId "c-2" ;', 'cg:claimId "c-2" ; cg:respondsTo cgi:acme ;',
     "A claim can only respond to another claim.", "error"),
    ("as-of that is not a date", 'cg:asOf "2025-09-09"^^xsd:date', 'cg:asOf "today"',
     "'as of' must be a valid date.", "error"),
    ("quote from nowhere", "cg:quotedFrom cgi:article ;", "", "An evidence quote must say which article it is quoted from.", "error"),
    ("negative quote offset", 'oa:start "0"^^xsd:nonNegativeInteger', 'oa:start "-1"^^xsd:integer',
     "The quote's start offset must be a non-negative integer.", "error"),
    ("article published by a person", "dct:publisher cgi:acme", "dct:publisher cgi:ann",
     "An article needs a publisher that is an organization.", "error"),
    ("article without title", 'dct:title "A title"@en ;', "", "An article needs a title.", "error"),
    ("article without language", ' ;\n    dct:title "A title"@en ; dct:language "en" .', ' ;\n    dct:title "A title"@en .',
     "An article needs one language.", "error"),
    ("entity without label", 'cgi:paris a cg:City ; rdfs:label "Paris"@en , "Parijs"@nl .', "cgi:paris a cg:City .",
     "An entity needs a label.", "error"),
    ("amount without value", 'cgi:raised a cg:MonetaryAmount ; cg:value "100"^^xsd:decimal ;', "cgi:raised a cg:MonetaryAmount ;",
     "An amount needs exactly one decimal value.", "error"),
    ("amount with an unknown qualifier", 'cgi:pre a cg:MonetaryAmount ; cg:value "400"^^xsd:decimal ; cg:currency "EUR" ; cg:qualifier cg:Exact',
     'cgi:pre a cg:MonetaryAmount ; cg:value "400"^^xsd:decimal ; cg:currency "EUR" ; cg:qualifier cgi:acme',
     "An amount's qualifier must come from the cg:Qualifier vocabulary.", "error"),
    ("investment with two amounts", "cg:amount cgi:amount ;", "cg:amount cgi:amount , cgi:raised ;",
     "An investment has at most one amount (a conversion is part of that amount).", "error"),
    ("round of nobody", "cg:fundedOrganization cgi:beta ;\n    cg:leadInvestor", "cg:leadInvestor",
     "A funding round needs exactly one company that raises it.", "error"),
    ("round with two lead investors", "cg:leadInvestor cgi:acme ;", "cg:leadInvestor cgi:acme , cgi:ann ;",
     "A funding round has at most one lead investor per claim.", "error"),
    ("valuation of nobody", "cg:valuedOrganization cgi:beta ;\n    cg:amount cgi:post", "cg:amount cgi:post",
     "A valuation needs exactly one company.", "error"),
    ("valuation without amount", "cg:amount cgi:post ; cg:valuationBasis", "cg:valuationBasis",
     "A valuation needs exactly one amount.", "error"),
    ("shareholding without holder", "cg:shareholder cgi:acme ; cg:shareIn cgi:beta ;", "cg:shareIn cgi:beta ;",
     "A shareholding needs a holder: an organization, a person, or a described group (holder_group).", "error"),
    ("shareholding in nothing", "cg:shareIn cgi:beta ;\n    cg:percentage \"11\"", "cg:percentage \"11\"",
     "A shareholding needs exactly one company it is held in.", "error"),
    ("shareholding with an unknown basis", "cg:shareBasis cg:FullyDiluted", "cg:shareBasis cgi:acme",
     "A stake's basis comes from the cg:ShareBasis vocabulary.", "error"),
    ("partnership of an unknown kind", "cg:partnershipKind cg:StrategicPartnership", "cg:partnershipKind cgi:acme",
     "A partnership's kind comes from the cg:PartnershipKind vocabulary.", "error"),
    ("supply without customer", "cg:customer cgi:beta", "cg:customer cgi:beta , cgi:ann",
     "A supply relationship needs exactly one customer.", "error"),
    ("position at a place", "org:organization cgi:acme ;\n    org:role", "org:organization cgi:paris ;\n    org:role",
     "A role is held at exactly one organization.", "error"),
    ("position without role", "org:role cg:CEO", "org:role cgi:acme",
     "A position names exactly one role from the cg:RoleType vocabulary.", "error"),
    ("seat held by a product", "cg:seatHolder cgi:ann", "cg:seatHolder cgi:widget",
     "A seat is held by at most one named person or organization.", "error"),
    ("seat held by no one", "cg:seatHolder cgi:ann ; ", "",
     "A seat names its holder or describes unnamed holders, once.", "error"),
    ("seat held by a named and a described holder", "cg:seatHolderDescription \"two members\"@en", 
     "cg:seatHolderDescription \"two members\"@en , \"the board members\"@en",
     "A seat names its holder or describes unnamed holders, once.", "error"),
    ("acquisition by a named and a described buyer", 'cg:acquirerDescription "several rivals"@en',
     'cg:acquirerDescription "several rivals"@en ; cg:acquirer cgi:beta',
     "An acquisition names its acquirer or describes unnamed ones, not both.", "error"),
    ("aim of a place", "cg:aimOf cgi:beta", "cg:aimOf cgi:paris",
     "A strategic aim is the aim of exactly one organization.", "error"),
    ("aim without words", 'cg:aimText "to lead in Europe"@en ;', "",
     "A strategic aim says in words what it aims at, once.", "error"),
    ("aim kind outside the vocabulary", "cg:aimKind cg:Goal", "cg:aimKind cgi:acme",
     "A strategic aim has at most one kind: goal, target market or focus.", "error"),
    ("aim in a company", "cg:aimRegion cgi:eu", "cg:aimRegion cgi:acme",
     "A strategic aim's region is a place.", "error"),
    ("founding of nothing", "cg:foundedOrganization cgi:beta ;\n    cg:foundingPlace", "cg:foundingPlace",
     "A founding is of exactly one organization.", "error"),
    ("headquarters of nobody", "cg:locatedOrganization cgi:beta ;\n    cg:location", "cg:location",
     "A headquarters location is of exactly one organization.", "error"),
    ("attribution without product", "cg:product cgi:widget ; cg:maker", "cg:maker",
     "A product attribution names exactly one product.", "error"),
    ("comparison of nothing", "cg:comparedItem cgi:widget ;\n    cg:comparedWith", "cg:comparedWith",
     "A comparison is about exactly one item.", "error"),
    ("comparison with nothing", "cg:comparedWith cgi:acme ; cg:outcome", "cg:outcome",
     "A comparison compares with at least one other item.", "error"),
    ("acquisition without target", "cg:acquisitionTarget cgi:beta ;\n    cg:acquirer", "cg:acquirer",
     "An acquisition has exactly one target organization.", "error"),
    ("acquisition by a place", "cg:acquirer cgi:acme ; cg:eventStatus", "cg:acquirer cgi:paris ; cg:eventStatus",
     "An acquisition has at most one acquirer, an organization or a person.", "error"),
    ("stake acquired above 100", 'cg:stakeAcquired "100"', 'cg:stakeAcquired "101"',
     "The stake acquired is a percentage from 0 to 100.", "error"),
    ("IPO without status", "cg:eventStatus cg:Planned", "cg:eventStatus cgi:acme",
     "An IPO has exactly one status, such as planned or completed.", "error"),
    ("round with two post-money valuations", "cg:postMoneyValuation cgi:post .", "cg:postMoneyValuation cgi:post , cgi:pre .",
     "A funding round has at most one post-money valuation per claim.", "error"),
    ("seat on behalf of two organizations", "cg:onBehalfOf cgi:acme", "cg:onBehalfOf cgi:acme , cgi:beta",
     "A seat is held on behalf of at most one organization.", "error"),
    ("amount with two conversions", "cg:convertedAmount cgi:usd", "cg:convertedAmount cgi:usd , cgi:raised",
     "A conversion is one other amount.", "error"),
    ("amount with two original wordings", 'cg:value "1500000000"^^xsd:decimal ; cg:currency "USD" .',
     'cg:value "1500000000"^^xsd:decimal ; cg:currency "USD" ; cg:originalText "a"@en , "b"@en .',
     "An amount keeps one original wording.", "info"),
    ("membership of nothing", "org:organization cgi:eu ;", "",
     "A membership is of exactly one organization or union.", "error"),
    ('shareholding with two holders', 'cg:shareholder cgi:acme ; cg:shareIn cgi:beta ;', 'cg:shareholder cgi:acme , cgi:ann ; cg:shareIn cgi:beta ;',
     'A shareholding has at most one holder, an organization or a person.', "error"),
    ('two holder groups', 'cg:holderDescription "staff"@en', 'cg:holderDescription "staff"@en , "others"@en',
     'A shareholding has at most one description of an unnamed group of holders.', "error"),
    ('joint holder that is a place', 'cg:jointHolder cgi:ann', 'cg:jointHolder cgi:paris',
     'A joint holder is an organization or a person.', "error"),
    ('stake valued at a place', 'cg:stakeValue cgi:fee', 'cg:stakeValue cgi:paris',
     'A stake has at most one value, an amount of money.', "error"),
    ('voting rights that are not a boolean', 'cg:votingRights false', 'cg:votingRights "no"',
     'Whether a stake carries voting rights is one true or false.', "error"),
    ('role on a place', 'cg:roleBody cgi:body', 'cg:roleBody cgi:paris',
     'A position is on or advises at most one board or committee.', "error"),
    ('former that is not a boolean', 'cg:former false', 'cg:former "yes"',
     'Whether a position has ended is one true or false.', "error"),
    ('seller that is a place', 'cg:seller cgi:ann', 'cg:seller cgi:paris',
     'An acquisition has at most one seller, an organization or a person.', "error"),
    ('price per share that is a place', 'cg:pricePerShare cgi:price', 'cg:pricePerShare cgi:paris',
     'An acquisition has at most one price per share, an amount of money.', "error"),
    ('premium that is a place', 'cg:premium cgi:prem', 'cg:premium cgi:paris',
     'An acquisition has at most one premium, a percentage.', "error"),
    ('termination fee that is a place', 'cg:terminationFee cgi:fee', 'cg:terminationFee cgi:paris',
     'An acquisition has at most one termination fee, an amount of money.', "error"),
    ('payment outside the vocabulary', 'cg:paymentForm cg:Cash', 'cg:paymentForm cgi:acme',
     'An acquisition is paid in one form from the cg:PaymentForm vocabulary: cash, stock, or both.', "error"),
    ('amount basis outside the vocabulary', 'cg:amountBasis cg:EquityValue', 'cg:amountBasis cgi:acme',
     "An acquisition's amount has at most one basis: equity value or enterprise value.", "error"),
    ('agreement with one party', 'cg:agreementParty cgi:acme , cgi:beta', 'cg:agreementParty cgi:acme',
     'An agreement needs at least two parties, organizations or persons.', "error"),
    ('agreement kind outside the vocabulary', 'cg:agreementKind cg:LetterOfIntent', 'cg:agreementKind cgi:acme',
     "An agreement's kind comes from the cg:AgreementKind vocabulary.", "error"),
    ('agreement with two statuses', 'cg:eventStatus cg:Signed', 'cg:eventStatus cg:Signed , cg:Expired',
     'An agreement has at most one status, such as signed or to be finalised.', "error"),
    ('binding that is not a boolean', 'cg:binding false', 'cg:binding "no"',
     'Whether an agreement binds is one true or false.', "error"),
    ('agreement of two deals', 'cg:partOfDeal cgi:event', 'cg:partOfDeal cgi:event , cgi:acme',
     'An agreement is part of at most one deal.', "error"),
    ('agreement stake that is a place', 'cg:stake cgi:prem', 'cg:stake cgi:paris',
     'An agreement concerns at most one stake, a percentage.', "error"),
    ('change of a place', 'cg:changedOrganization cgi:acme', 'cg:changedOrganization cgi:paris',
     'A corporate change is of exactly one organization.', "error"),
    ('change kind outside the vocabulary', 'cg:changeKind cg:Restructuring', 'cg:changeKind cgi:acme',
     'A corporate change has exactly one kind from the cg:CorporateChangeKind vocabulary.', "error"),
    ('controlled by a place', 'cg:controlledBy cgi:beta', 'cg:controlledBy cgi:paris',
     'A changed organization is controlled by at most one organization or person.', "error"),
    ('parent that is a place', 'cg:parentOrganization cgi:acme', 'cg:parentOrganization cgi:paris',
     'A subsidiary relation has exactly one parent organization.', "error"),
    ('subsidiary that is a place', 'cg:childOrganization cgi:beta', 'cg:childOrganization cgi:paris',
     'A subsidiary relation has exactly one subsidiary, unit, division, brand or branch.', "error"),
    ('subsidiary kind outside the vocabulary', 'cg:subsidiaryKind cg:BusinessUnit', 'cg:subsidiaryKind cgi:acme',
     "A subsidiary's kind comes from the cg:SubsidiaryKind vocabulary.", "error"),
    ('association about nothing', 'cg:associatedEntity cgi:beta ; ', '',
     'An association is about exactly one entity.', "error"),
    ('association with nothing', 'cg:associatedWith cgi:ann ; ', '',
     'An association ties the entity to exactly one other.', "error"),
    ('association without its words', ' ; cg:associationWording "Ann\'s Beta"@en', '',
     "An association keeps the article's words that tie the two together.", "error"),
    ('nationality of a place', 'cg:nationalityOf cgi:ann', 'cg:nationalityOf cgi:paris',
     'A nationality is of exactly one person or organization.', "error"),
    ('nationality of a city', 'cg:country cgi:fr', 'cg:country cgi:paris',
     'A nationality names exactly one country.', "error"),
    ('measurement of a person', 'cg:measuredEntity cgi:beta ; cg:measure cg:Employees', 'cg:measuredEntity cgi:ann ; cg:measure cg:Employees',
     'A measurement is about exactly one organization or product.', "error"),
    ('measure outside the vocabulary', 'cg:measure cg:Employees', 'cg:measure cgi:acme',
     'A measurement names exactly one measure from the cg:MeasureKind vocabulary.', "error"),
    ('measurement with two figures', 'cg:quantity cgi:qty .', 'cg:quantity cgi:qty ; cg:amount cgi:fee .',
     'A measurement has exactly one figure: an amount, a quantity or a percentage.', "error"),
    ('direction outside the vocabulary', 'cg:direction cg:Down', 'cg:direction cgi:acme',
     'A change goes in at most one direction, up or down.', "error"),
    ('negative quantity', 'cg:quantityValue "900"^^xsd:decimal', 'cg:quantityValue "-900"^^xsd:decimal',
     'A quantity needs exactly one decimal value, zero or more.', "error"),
    ('quantity without unit', ' ; cg:unitCode "{employee}"', '',
     'A quantity needs exactly one unit code (UCUM).', "error"),
    ('quantity with an unknown qualifier', 'cg:qualifier cg:Approximately', 'cg:qualifier cgi:acme',
     "A quantity's qualifier must come from the cg:Qualifier vocabulary.", "error"),
    ('negative percentage', 'cg:percent "28"^^xsd:decimal', 'cg:percent "-28"^^xsd:decimal',
     'A percentage needs exactly one decimal value, zero or more.', "error"),
    ('product claim about a company', 'cg:claimedProduct cgi:widget', 'cg:claimedProduct cgi:acme',
     'A product claim is about exactly one product.', "error"),
    ('product claim about nothing in particular', 'cg:claimedAspect "speed"@en ; ', '',
     'A product claim says what is claimed (its aspect).', "error"),
    ('product claim outcome outside the vocabulary', 'cg:claimedOutcome cg:Better', 'cg:claimedOutcome cgi:acme',
     'A product claim has at most one outcome: better, worse, equal or similar.', "error"),
    ('exchange rate of zero', 'cg:rate "0.8495"^^xsd:decimal', 'cg:rate "0"^^xsd:decimal',
     'An exchange rate needs exactly one rate above zero.', "error"),
    ('exchange rate in a currency that is not ISO 4217', 'cg:quoteCurrency "EUR"', 'cg:quoteCurrency "euro"',
     'An exchange rate needs a base and a quote currency, two ISO 4217 codes.', "error"),
    ('listing of a place', 'cg:listedCompany cgi:beta', 'cg:listedCompany cgi:paris',
     'A listing is of exactly one company.', "error"),
    ('listing on a place', 'cg:listingExchange cgi:acme', 'cg:listingExchange cgi:paris',
     'A listing is on at most one exchange.', "error"),
    ('listing with two tickers', 'cg:ticker "BETA"', 'cg:ticker "BETA" , "BTA"',
     'A listing has at most one ticker.', "error"),
    ('review by a place', 'cg:regulator cgi:reg', 'cg:regulator cgi:paris',
     'A regulatory review is by at most one named regulator.', "error"),
    ("review by no one", "cg:regulator cgi:reg ; ", "",
     'A regulatory review names its regulator or describes unnamed ones, once.', "error"),
    ("role status outside the vocabulary", "cg:roleStatus cg:Leaving", "cg:roleStatus cgi:acme",
     'A position has at most one status: incoming, leaving or interim.', "error"),
    ("legal action against a place", "cg:defendant cgi:acme", "cg:defendant cgi:paris",
     'A legal action has exactly one defendant, an organization or a person.', "error"),
    ("legal action by a named and a described plaintiff", "cg:plaintiff cgi:reg ; ",
     'cg:plaintiff cgi:reg ; cg:plaintiffDescription "a group of authors"@en ; ',
     'A legal action names its plaintiff or describes an unnamed one, not both.', "error"),
    ("legal status outside the vocabulary", "cg:legalStatus cg:LawsuitFiled", "cg:legalStatus cgi:acme",
     'A legal action has exactly one status, such as filed or settled.', "error"),
    ('review status outside the vocabulary', 'cg:eventStatus cg:Opened', 'cg:eventStatus cgi:acme',
     'A regulatory review has exactly one status, such as opened or cleared.', "error"),
    ('comment asked of a place', 'cg:askedEntity cgi:acme', 'cg:askedEntity cgi:paris',
     'A comment request is to exactly one organization or person.', "error"),
    ('comment response outside the vocabulary', 'cg:commentResponse cg:DeclinedToComment', 'cg:commentResponse cgi:acme',
     'A comment request has exactly one response from the cg:CommentResponse vocabulary.', "error"),
    ('sector of a place', 'cg:classifiedOrganization cgi:beta', 'cg:classifiedOrganization cgi:paris',
     'A sector classification is of exactly one organization.', "error"),
    ('sector that is a company', 'cg:sector cgi:cyber', 'cg:sector cgi:acme',
     'A sector classification names exactly one sector of the reference data.', "error"),
    ('competition of one', 'cg:competitor cgi:acme , cgi:beta', 'cg:competitor cgi:acme',
     'A competition needs at least two competing organizations.', "error"),
    ('office of a place', 'cg:officeOf cgi:beta', 'cg:officeOf cgi:paris',
     'An office is of exactly one organization.', "error"),
    ('office in a company', 'cg:officeLocation cgi:paris', 'cg:officeLocation cgi:acme',
     'An office is in exactly one place.', "error"),
    ('office kind outside the vocabulary', 'cg:officeKind cg:ResearchLab', 'cg:officeKind cgi:acme',
     "An office's kind comes from the cg:OfficeKind vocabulary.", "error"),
    ('assessment of nothing', 'cg:assessedEntity cgi:beta ; ', '',
     'An assessment judges at least one entity.', "error"),
    ('stance outside the vocabulary', 'cg:stance cg:Positive', 'cg:stance cgi:acme',
     'An assessment has exactly one stance: positive, negative, neutral or mixed.', "error"),
    ('probability that is a place', 'cg:probability cgi:prem', 'cg:probability cgi:prem , cgi:fell',
     'An assessment states at most one probability.', "error"),
    ('ranking of nothing', 'cg:rankedDeal cgi:event ; ', '',
     'A ranking ranks exactly one entity or deal.', "error"),
    ('rank outside the vocabulary', 'cg:rank cg:Largest', 'cg:rank cgi:acme',
     'A ranking has exactly one rank, such as largest.', "error"),
    ('ranking without scope', ' ; cg:rankScope "Acme\'s deals"@en', '',
     'A ranking says among what (its scope).', "error"),
]


@pytest.fixture(scope="module")
def engines():
    ontology = Graph().parse(REPO / "ontology/claimgraph.ttl")
    shapes = Graph().parse(REPO / "ontology/shapes.ttl")
    return ontology, shapes


def validate(turtle: str, engines, engine: str = "fast"):
    data = new_graph()
    data.parse(data=turtle, format="turtle")
    return validate_graph(data, engines[1], engines[0], engine=engine)


ENGINES = ["fast", "pyshacl"]


@pytest.mark.parametrize("engine", ENGINES)
def test_the_valid_example_conforms_without_any_finding(engines, engine):
    report = validate(VALID, engines, engine)
    assert report.results == []
    assert report.conforms


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("what, old, new, message, severity", BROKEN, ids=[b[0] for b in BROKEN])
def test_each_broken_example_fails_with_its_message(engines, engine, what, old, new, message, severity):
    assert VALID.count(old) == 1, f"{what}: {old!r} occurs {VALID.count(old)} times"
    report = validate(VALID.replace(old, new), engines, engine)
    found = {(r.message, r.severity) for r in report.results}
    assert (message, severity) in found, found
    assert report.conforms is (severity != "error")


def test_every_shape_is_exercised_by_a_broken_example(engines):
    from claimgraph.rdf.namespaces import SH
    from rdflib.namespace import RDF
    shapes = engines[1]
    messages = {str(m) for m in shapes.objects(None, SH.message)}
    exercised = {b[3] for b in BROKEN}
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert len(node_shapes) >= 25
    assert sorted(messages - exercised) == []


def test_sparql_constraints_declare_their_prefixes_as_shacl_requires(engines):
    """SHACL-SPARQL engines other than pySHACL (pyrudof, TopBraid) read prefixes only from sh:prefixes."""
    import re
    from claimgraph.rdf.namespaces import SH
    from rdflib.namespace import RDF
    shapes = engines[1]
    constraints = list(shapes.subjects(RDF.type, SH.SPARQLConstraint))
    assert len(constraints) == 3
    for constraint in constraints:
        declared = {str(shapes.value(d, SH.prefix)) for source in shapes.objects(constraint, SH.prefixes)
                    for d in shapes.objects(source, SH.declare)}
        used = set(re.findall(r"\b([a-z]+):[A-Za-z]", str(shapes.value(constraint, SH.select))))
        assert used and used <= declared, (constraint, used - declared)


# -- SPARQL in the shapes never reaches the network; pySHACL's rejections are one line ---------

#: a line of a SPARQL constraint that runs on the project's data (stakes: shareIn's objects)
STAKES = "                           cg:percentage ?p .\n"


@pytest.fixture
def canary():
    """A loopback server that counts the connections made to it; it stops by itself."""
    import socket
    import threading
    import time

    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    seen: list = []
    stop = threading.Event()
    deadline = time.monotonic() + 120

    def serve():
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            seen.append(connection.recv(4096))
            connection.close()  # no answer: the client fails at once

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], seen
    stop.set()
    thread.join(5)
    server.close()


def test_the_canary_sees_a_service_request(canary):
    """The canary can fail: rdflib's SPARQL, queried with SERVICE, does reach it."""
    port, seen = canary
    import http.client
    with pytest.raises(http.client.RemoteDisconnected):
        list(Graph().query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"))
    assert len(seen) == 1 and seen[0].startswith((b"POST", b"GET"))


@pytest.mark.parametrize("clause, what", [
    ("SERVICE <{url}> {{ ?s cg:shareIn $this }}",
     "SERVICE (a federated query to another endpoint)"),
    ("service silent <{url}> {{ ?s cg:shareIn $this }}",
     "SERVICE (a federated query to another endpoint)"),
    ("\\\\u0053ERVICE <{url}> {{ ?s cg:shareIn $this }}",  # a SPARQL escape, decoded before parsing
     "SERVICE (a federated query to another endpoint)"),
    ("LOAD <{url}>", "LOAD (a SPARQL Update that fetches a document)"),
])
@pytest.mark.parametrize("engine", ENGINES)
def test_sparql_that_would_leave_the_data_graph_is_refused_before_any_connection(project, canary, clause,
                                                                                   what, engine):
    port, seen = canary
    url = f"http://127.0.0.1:{port}/sparql"
    project.edit("ontology/shapes.ttl", STAKES, STAKES + "                " + clause.format(url=url) + "\n")
    line = project.line_of("ontology/shapes.ttl", f"<{url}>")
    result = project.run("validate", "--shacl", engine)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: ontology/shapes.ttl:{line}: the SPARQL query in sh:select uses {what}; SHACL validation "
        "never leaves the data graph, remove it from the query")
    assert "Traceback" not in result.output
    assert seen == []


def test_a_sparql_dataset_clause_is_refused_with_its_line(project, canary):
    port, seen = canary
    url = f"http://127.0.0.1:{port}/graph"
    shareholding = "                $this a cg:Shareholding .\n"
    project.edit("ontology/shapes.ttl", "            SELECT $this WHERE {\n" + shareholding,
                 f"            SELECT $this\n            FROM <{url}>\n            WHERE {{\n" + shareholding)
    line = project.line_of("ontology/shapes.ttl", f"FROM <{url}>")
    result = project.run("check")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: ontology/shapes.ttl:{line}: the SPARQL query in sh:select uses FROM (a dataset clause, which makes "
        "the engine fetch the graph by its IRI); SHACL validation never leaves the data graph, remove it from the query")
    assert seen == []


@pytest.mark.parametrize("engine", ENGINES)
def test_the_word_service_in_a_string_a_comment_or_a_name_is_no_service(project, canary, engine):
    port, seen = canary
    url = f"http://127.0.0.1:{port}/sparql"
    project.edit("ontology/shapes.ttl", STAKES,
                 STAKES + f'                        # SERVICE <{url}> {{ }}\n'
                 f'                        FILTER (?p != "SERVICE <{url}>" && !BOUND(?service))\n')
    result = project.run("validate", "--shacl", engine)
    if engine == "fast":
        assert result.exit_code == 0, result.output
    else:  # pySHACL's own check for SERVICE is a regular expression, which strings and comments fool
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == ("Error: pySHACL rejects the shapes graph: A SPARQL Constraint must "
                                                  "not contain a federated query (SERVICE); fix the shapes")
    assert seen == []


def test_the_check_is_one_for_both_engines_without_the_file(canary):
    """validate_graph refuses too (naming the shapes graph) when it is called without the pipeline."""
    from claimgraph.checks.shacl import ValidatorError
    port, seen = canary
    shapes = new_graph().parse(data=f"""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:sparql [ sh:select "SELECT $this WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ $this ?p ?o }} }}" ] .""",
                               format="turtle")
    for engine in ENGINES:
        with pytest.raises(ValidatorError) as refused:
            validate_graph(new_graph(), shapes, new_graph(), engine=engine)
        assert str(refused.value) == (
            "the shapes graph: the SPARQL query in sh:select uses SERVICE (a federated query to another endpoint); "
            "SHACL validation never leaves the data graph, remove it from the query")
    assert seen == []


def test_a_prefix_declaration_that_would_end_its_prefix_line_is_refused(project):
    project.edit("ontology/shapes.ttl", 'sh:namespace "https://w3id.org/claimgraph/ontology#"^^xsd:anyURI',
                 'sh:namespace "https://w3id.org/claimgraph/ontology#> SERVICE"^^xsd:anyURI')
    line = project.line_of("ontology/shapes.ttl", "ontology#> SERVICE")
    for engine in ENGINES:
        result = project.run("validate", "--shacl", engine)
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == (
            f"Error: ontology/shapes.ttl:{line}: sh:namespace 'https://w3id.org/claimgraph/ontology#> SERVICE' cannot "
            "be written into a SPARQL PREFIX declaration; give a plain prefix name and an IRI")


@pytest.mark.parametrize("old, new, fast, reference", [
    ("cgsh:DateValue\n    a sh:PropertyShape ;\n    sh:path cg:date ;", "cgsh:DateValue\n    a sh:PropertyShape ;",
     "shape DateValue is a property shape with 0 values of sh:path; SHACL needs exactly one",
     "pySHACL rejects the shapes graph: A shape defined as a PropertyShape must include one `sh:path` property; "
     "fix the shapes"),
    ("                           cg:percentage ?p .\n", "                           cg:percentage ?p .\n"
     "                        MINUS { ?s cg:shareBasis ?basis }\n",
     "shape StakesAtMostHundredPercent: its SPARQL query uses MINUS, which SHACL does not allow where variables "
     "are pre-bound (SHACL 5.2.1); rewrite the query without it",
     "pySHACL rejects the shapes graph: A SPARQL Constraint must not contain a MINUS clause; fix the shapes"),
])
def test_shapes_that_break_a_rule_of_shacl_are_one_line_for_both_engines(project, old, new, fast, reference):
    project.edit("ontology/shapes.ttl", old, new)
    for engine, message in (("fast", fast), ("pyshacl", reference)):
        result = project.run("validate", "--shacl", engine)
        assert result.exit_code == 2, result.output
        assert result.stderr.splitlines()[-1] == f"Error: {message}"
        assert "Traceback" not in result.output
