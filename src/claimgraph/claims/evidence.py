"""Check that every evidence quote occurs verbatim in its source text.

Only whitespace may differ (line breaks inside a quote, double spaces). When a quote is
not found, the message shows the closest passage of the source so the contributor sees
what differs.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from array import array

from claimgraph.claims.loader import Claim, Project
from claimgraph.problems import ProblemList

_WS = re.compile(r"\s+")


class SearchableText:
    """A source text with every whitespace run collapsed to one space, mapped back to the original.

    Finding ``w1 w2`` in the collapsed text is the same as searching ``w1\\s+w2`` in the
    original (first match, same span), without compiling a regular expression per quote.
    """

    def __init__(self, text: str):
        parts: list[str] = []
        self.positions = array("l")  # original offset of each collapsed character (a C long, not a Python int)
        for match in _RUNS.finditer(text):
            if match.group().isspace():
                parts.append(" ")
                self.positions.append(match.start())
            else:
                parts.append(match.group())
                self.positions.extend(range(match.start(), match.end()))
        self.collapsed = "".join(parts)

    def find(self, quote: str) -> tuple[int, int] | None:
        """The (start, end) span of ``quote`` in the original text, whitespace-insensitive."""
        words = quote.split()
        if not words:
            return None
        at = self.collapsed.find(" ".join(words))
        if at < 0:
            return None
        last = at + len(" ".join(words)) - 1
        return self.positions[at], self.positions[last] + 1


_RUNS = re.compile(r"\s+|\S+")


def find_quote(quote: str, text: str) -> tuple[int, int] | None:
    """Return the (start, end) character span of ``quote`` in ``text``, whitespace-insensitive."""
    return SearchableText(text).find(quote)


#: passages compared character by character, after ranking all of them by shared words
CANDIDATES = 12


def closest_passage(quote: str, text: str) -> str:
    """The sentence-sized passage of ``text`` most like ``quote``.

    Every passage is ranked by the words it shares with the quote (linear in the text); only
    the best :data:`CANDIDATES` are then compared character by character (difflib is
    quadratic), so a long article costs little more than a short one.
    """
    target = _WS.sub(" ", quote).strip()
    passages = _passages(text)
    if not passages:
        return ""
    words = set(target.lower().split())
    ranked = sorted(range(len(passages)), key=lambda i: -len(words & passages[i][1]))[:CANDIDATES]
    size = max(1, len(target))
    best = max((passages[i][0] for i in sorted(ranked)),
               key=lambda p: difflib.SequenceMatcher(None, target, p[: size * 2], autojunk=False).ratio())
    return best if len(best) <= 160 else best[:157] + "..."


@lru_cache(maxsize=4)
def _passages(text: str) -> list[tuple[str, frozenset[str]]]:
    found = []
    for part in re.split(r"(?<=[.!?])\s+|\n+", text):
        part = part.strip()
        if part:
            found.append((part, frozenset(part.lower().split())))
    return found


def check_evidence(project: Project, problems: ProblemList) -> None:
    """Locate every claim's quote in its source; record a problem for each one missing."""
    sources = project.sources
    searchable: dict[str, SearchableText] = {}
    for claim_file in project.files:  # file by file, so each file's problems are known
        start = len(problems)
        for claim in claim_file.claims:
            source = sources[claim.source_id]
            if claim.source_id not in searchable:
                searchable[claim.source_id] = SearchableText(source.text)
            span = searchable[claim.source_id].find(claim.evidence)
            if span is None:
                _report_missing(claim, source.text, source.text_path, problems)
            else:
                claim.evidence_span = span
        claim_file.evidence_problems = problems.items[start:]


def _report_missing(claim: Claim, text: str, text_path: str, problems: ProblemList) -> None:
    passage = closest_passage(claim.evidence, text)
    hint = (f"copy the quote exactly from {text_path}; closest passage: \"{passage}\"" if passage
            else f"copy the quote exactly from {text_path}")
    problems.add(claim.at("evidence"), f"claim '{claim.id}': evidence quote not found in the source text",
                 hint, code="evidence")
