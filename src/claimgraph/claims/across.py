"""Checks that need every claim file at once: references to claims of other files, one claim
type per event, and claims of two articles that probably describe one event without saying so.

They run once every file loads (the per-file findings an incremental ``check`` reuses stay
exactly those of loading and evidence)."""

from __future__ import annotations

from claimgraph.claims.dates import TimeValue
from claimgraph.claims.format import RESPONSE_FIELDS
from claimgraph.claims.loader import Claim, Project
from claimgraph.problems import ProblemList

#: claim type -> the fields that identify the event or relation it describes
IDENTIFYING_FIELDS: dict[str, tuple[str, ...]] = {
    "investment": ("investor", "investee"),
    "funding_round": ("company", "series"),
    "valuation": ("company", "date"),
    "shareholding": ("holder", "company"),
    "partnership": ("parties",),
    "supply": ("supplier", "customer"),
    "role": ("person", "organization", "role"),
    "seat": ("holder", "organization"),
    "founding": ("organization",),
    "headquarters": ("organization",),
    "product": ("product", "maker"),
    "acquisition": ("acquirer", "target"),
    "ipo": ("company",),
}


def check_across_files(project: Project, problems: ProblemList, *, complete: bool = True) -> None:
    """``complete``: every claim file of the project is loaded (a reference to a claim of a file
    that is not loaded is then an error; otherwise it is not checked)."""
    by_source = {f.source.id: {c.id for c in f.claims} for f in project.files if f.source}
    displays = {f.source.id: f.display for f in project.files if f.source}
    for claim in project.claims:
        for name in RESPONSE_FIELDS:
            target = claim.values.get(name)
            if not isinstance(target, str) or "/" not in target:
                continue
            source_id, _, claim_id = target.partition("/")
            if source_id not in by_source:
                if complete:
                    problems.add(claim.at(name), f"{name} names claim '{claim_id}' of unknown source '{source_id}'",
                                 "give '<source-id>/<claim-id>' of a claim file in data/claims/",
                                 code="unknown-claim")
            elif claim_id not in by_source[source_id]:
                problems.add(claim.at(name), f"{name} names unknown claim '{claim_id}' of {displays[source_id]}",
                             f"give the id of a claim in {displays[source_id]}", code="unknown-claim")
    _check_event_types(project, problems)
    _check_event_parties(project, problems)
    _propose_events(project, problems)


def _check_event_types(project: Project, problems: ProblemList) -> None:
    first: dict[str, Claim] = {}
    for claim in project.claims:
        event = claim.values.get("event")
        if not isinstance(event, str):
            continue
        seen = first.setdefault(event, claim)
        if seen.type != claim.type:
            problems.add(claim.at("event"),
                         f"event '{event}' is described as a {seen.type} at {seen.loc}; this claim is a {claim.type}",
                         "all claims of one event have one claim type: give this claim its own event",
                         code="event-type")


def _check_event_parties(project: Project, problems: ProblemList) -> None:
    """Claims of one event that share no party (Google buying OpenAI in an event of Apple buying
    Mistral): a warning, since conflicts would then pair two deals. One differing party is
    allowed: sources name a buyer as Google or as its parent Alphabet."""
    first: dict[str, tuple[tuple[str, ...], Claim]] = {}
    for claim in project.claims:
        event, key = claim.values.get("event"), _parties_key(claim)
        if not isinstance(event, str) or key is None:
            continue
        seen = first.setdefault(event, (key, claim))
        if seen[0][0] == claim.type and not set(seen[0][1:]) & set(key[1:]):
            problems.add(claim.at("event"), f"event '{event}' has other parties at {seen[1].loc} "
                         f"({', '.join(seen[0][1:])}) than this claim ({', '.join(key[1:])})",
                         "correct the parties, or give this claim its own event", severity="warning",
                         code="event-parties")


def _parties_key(claim: Claim) -> tuple[str, ...] | None:
    """The identifying fields that are parties (not dates, series or roles): who did what with whom."""
    fields = tuple(n for n in IDENTIFYING_FIELDS.get(claim.type, ()) if n not in ("date", "series", "role"))
    return _key(claim, fields) if fields else None


def identity_key(claim: Claim) -> tuple[str, ...] | None:
    """What identifies the event a claim describes, or None when the claim does not say it."""
    fields = IDENTIFYING_FIELDS.get(claim.type)
    return None if fields is None else _key(claim, fields)


def _key(claim: Claim, fields: tuple[str, ...]) -> tuple[str, ...] | None:
    """The claim type and the values of ``fields`` (a date as its year), or None when one is missing."""
    key: list[str] = [claim.type]
    for name in fields:
        value = claim.values.get(name)
        if isinstance(value, list):
            key.append("+".join(sorted(str(v) for v in value)))
        elif isinstance(value, TimeValue):
            if value.start is None or value.end is None or value.start.year != value.end.year:
                return None
            key.append(str(value.start.year))
        elif isinstance(value, str):
            key.append(value.casefold())
        else:
            return None
    return tuple(key)


def _propose_events(project: Project, problems: ProblemList) -> None:
    """A claim without an event that matches a claim of another file: warn, naming that claim."""
    groups: dict[tuple[str, ...], list[tuple[str, Claim]]] = {}
    for claim_file in project.files:
        for claim in claim_file.claims:
            key = identity_key(claim)
            if key is not None:
                groups.setdefault(key, []).append((claim_file.display, claim))
    for key, members in groups.items():
        for display, claim in members:
            if isinstance(claim.values.get("event"), str):
                continue
            other = next((c for d, c in members if d != display), None)
            if other is None:
                continue
            event = other.values.get("event")
            fix = (f"add 'event: {event}' to this claim" if isinstance(event, str)
                   else f"add 'event: {suggested_event_id(key)}' to both")
            problems.add(claim.loc, f"probably the same event as {other.loc} (same {claim.type}, no shared event)",
                         f"{fix}, or give them different events if they differ",
                         severity="warning", code="same-event")


def suggested_event_id(key: tuple[str, ...]) -> str:
    words = [key[0].replace("_", "-"), *key[1:]]
    text = "-".join(words).replace("+", "-")
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())
