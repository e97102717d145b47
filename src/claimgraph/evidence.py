"""Check that every evidence quote occurs verbatim in its source text.

Only whitespace may differ (line breaks inside a quote, double spaces). When a quote is
not found, the message shows the closest passage of the source so the contributor sees
what differs.
"""

from __future__ import annotations

import difflib
import re

from .claims import Claim, Project
from .problems import ProblemList

_WS = re.compile(r"\s+")


def find_quote(quote: str, text: str) -> tuple[int, int] | None:
    """Return the (start, end) character span of ``quote`` in ``text``, whitespace-insensitive."""
    words = quote.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else None


def closest_passage(quote: str, text: str) -> str:
    """The sentence-sized passage of ``text`` most like ``quote``."""
    target = _WS.sub(" ", quote).strip()
    passages = [p.strip() for p in re.split(r"(?<=[.!?])\s+|\n+", text) if p.strip()]
    if not passages:
        return ""
    size = max(1, len(target))
    best = max(passages, key=lambda p: difflib.SequenceMatcher(None, target, p[: size * 2]).ratio())
    return best if len(best) <= 160 else best[:157] + "..."


def check_evidence(project: Project, problems: ProblemList) -> None:
    """Locate every claim's quote in its source; record a problem for each one missing."""
    sources = project.sources
    for claim in project.claims:
        source = sources[claim.source_id]
        span = find_quote(claim.evidence, source.text)
        if span is None:
            _report_missing(claim, source.text, source.text_path, problems)
        else:
            claim.evidence_span = span


def _report_missing(claim: Claim, text: str, text_path: str, problems: ProblemList) -> None:
    passage = closest_passage(claim.evidence, text)
    hint = (f"copy the quote exactly from {text_path}; closest passage: \"{passage}\"" if passage
            else f"copy the quote exactly from {text_path}")
    problems.add(claim.at("evidence"), f"claim '{claim.id}': evidence quote not found in the source text",
                 hint, code="evidence")
