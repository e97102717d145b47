"""Suggestions for ``description`` claims whose words look like a structured claim type.

A description is free text: no query, shape or rule can use it. When its summary or quote
holds an amount, a percentage or a relation word that a claim type covers, ``check`` says so
at info level (it never fails a run). A curator who finds that no type fits ends the summary
with the reason, ``(no type fits: ...)``, and the suggestion goes away.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from claimgraph.problems import ProblemList

if TYPE_CHECKING:  # the loader calls this module
    from claimgraph.claims.loader import Claim

#: a summary that says why no claim type fits is not linted
NO_TYPE_FITS = "(no type fits"

_AMOUNT = re.compile(r"(?:[$€£¥]\s?\d|\d[\d.,]*\s?(?:[$€£]|eur\b|usd\b|euros?\b|dollars?\b|"
                     r"(?:million|billion|bn|mln|miljoen|miljard|millions?|milliards?)\s+(?:of\s+)?"
                     r"(?:euros?|dollars?|d['’]euros|de\s+dollars)))", re.IGNORECASE)
_PERCENT = re.compile(r"\d\s?(?:%|procent\b|percent\b|per\s?cent\b|pour\s?cent\b)", re.IGNORECASE)

#: (words, what it looks like, the claim types that may fit); English, Dutch and French
_RELATIONS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(words, re.IGNORECASE), what, types) for words, what, types in (
        (r"\bdeclined to comment|did not (?:immediately )?(?:reply|respond)|could not be reached|"
         r"wilde niet reageren|reageerde niet|n['’]a pas (?:souhaité|répondu)|pas souhaité commenter",
         "a request for comment", "comment_request"),
        (r"\bparent (?:company|group)|\bsubsidiary|\bunit of\b|\bdivision\b|moederbedrijf|dochter|filiale|maison mère",
         "a parent and a subsidiary", "subsidiary"),
        (r"\blisted (?:on|in)\b|\bticker\b|beursgenoteerd|genoteerd|cotée?s?\b", "a listing", "listing"),
        (r"\brivals?\b|\bcompetitors?\b|\bconcurrent|\bconcurrents?\b", "competitors", "competition"),
        (r"\bletter of intent|memorandum of understanding|term sheet|\bagreement\b|intentieverklaring|akkoord|"
         r"\baccord\b|protocole d['’]accord", "an agreement", "agreement"),
        (r"\bemployees\b|\bstaff\b|\brevenue\b|\brun-rate\b|\bcustomers\b|werknemers|medewerkers|\bomzet\b|"
         r"\bklanten\b|salariés|chiffre d['’]affaires", "a figure about a company", "metric"),
        (r"\bregulators?\b|\bantitrust\b|\bcompetition authority|toezichthouder|mededinging|\bconcurrence\b",
         "a regulatory review", "regulatory_review"),
        (r"\bfounded\b|\bopgericht\b|\bfondée?\b", "a founding", "founding"),
        (r"\bheadquarter|hoofdkantoor|\bsiège\b", "a headquarters", "headquarters"),
        (r"\boffice in\b|\bkantoor in\b|\bbureau à\b|\bantenne\b", "an office", "office"),
        (r"\b(?:is|was) an? (?:[\w-]+ ){0,3}(?:company|firm|startup|start-up|giant|group|maker|bank|investor)\b",
         "a line of business", "sector"),
        (r"\blargest\b|\bbiggest\b|\bgrootste\b|\bplus grand", "a ranking", "ranking"),
        (r"\baims? (?:to|at)\b|\bwants to become\b|\bambitions?\b|\bstreeft naar\b|\bambitie|\bvise à\b|"
         r"\bveut devenir\b", "an aim", "aim"),
    ))


def lint_description(claim: "Claim", problems: ProblemList) -> None:
    """An info finding on a description claim that a structured type may fit."""
    summary = str(claim.values.get("summary", ""))
    if claim.type != "description" or NO_TYPE_FITS in summary:
        return
    words = f"{summary} {claim.evidence}"
    found: list[tuple[str, str]] = []
    if _AMOUNT.search(words):
        found.append(("an amount", "investment, funding_round, valuation, acquisition or metric"))
    elif _PERCENT.search(words):
        found.append(("a percentage", "shareholding, acquisition or metric"))
    found.extend((what, types) for pattern, what, types in _RELATIONS if pattern.search(words))
    if not found:
        return
    what, types = found[0]
    others = sorted({t for _, ts in found[1:] for t in ts.split(", ") if t not in types})
    problems.add(claim.loc, f"description claim '{claim.id}' holds {what}: a structured type may fit ({types})",
                 "use that type if it says the same" + (f" (or: {', '.join(others)})" if others else "")
                 + f"; if none fits, end the summary with the reason, '{NO_TYPE_FITS}: ...)'",
                 severity="info", code="structured-description")
