"""Generate a realistic synthetic claimgraph project of any size.

    python benchmarks/generate.py --claims 10000 --out /tmp/project [--broken-rate 0.01] [--seed 1]

The project has the repository's ontology, shapes, queries and reference data, an entity
registry (companies, investors, people, products), and one English or Dutch article per ten
claims. Every claim type and every modality occurs. Each claim's evidence is a sentence
written into its article's text, so quotes are found. With ``--broken-rate``, that share of
claims is broken, spread over seven kinds of error, and ``planted.json`` lists each one
(file, claim id, kind) so a run can check that all are found.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from pathlib import Path

from claimgraph.claims.across import IDENTIFYING_FIELDS

REPO = Path(__file__).resolve().parent.parent
CLAIMS_PER_ARTICLE = 10
BROKEN_KINDS = ("unknown-entity", "evidence", "bad-amount", "bad-percentage", "bad-date", "unknown-type",
                "missing-field")
MODALITY_OF = {"investment": "fact", "funding_round": "fact", "valuation": "reported", "shareholding": "fact",
               "partnership": "fact", "supply": "fact", "role": "fact", "seat": "fact", "founding": "fact",
               "headquarters": "fact", "product": "fact", "comparison": "opinion", "acquisition": "rumour",
               "ipo": "plan", "statement": "statement", "description": "denial"}
COUNTRIES = ["netherlands", "france", "germany", "belgium", "spain", "italy", "united-states", "china"]


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


class World:
    def __init__(self, claims: int, rng: random.Random):
        self.rng = rng
        n = max(20, claims // 20)
        self.companies = [f"company-{i}" for i in range(n)]
        self.investors = [f"fund-{i}" for i in range(max(5, n // 4))]
        self.people = [f"person-{i}" for i in range(n)]
        self.products = [f"product-{i}" for i in range(n)]
        self.publishers = ["techzine", "reuters"]

    def name(self, entity_id: str) -> str:
        kind, number = entity_id.rsplit("-", 1)
        return {"company": "Company", "fund": "Fund", "person": "Person", "product": "Product"}[kind] + f" {number}"

    def registry(self) -> str:
        lines = ["entities:",
                 "  - {id: techzine, type: NewsPublisher, labels: {en: Techzine, nl: Techzine}}",
                 "  - {id: reuters, type: NewsAgency, labels: {en: Reuters, nl: Reuters}}"]
        for ids, kind in ((self.companies, "Company"), (self.investors, "InvestmentFirm"),
                          (self.people, "Person"), (self.products, "AIModel")):
            for entity_id in ids:
                name = self.name(entity_id)
                lines.append(f"  - {{id: {entity_id}, type: {kind}, labels: {{en: {name}, nl: {name}}}, "
                             f"aliases: [{name} Ltd]}}" if kind == "Company" else
                             f"  - {{id: {entity_id}, type: {kind}, labels: {{en: {name}, nl: {name}}}}}")
        return "\n".join(lines) + "\n"


def make_claim(world: World, kind: str, index: int, article: int) -> tuple[dict, str]:
    """Fields of one claim and the sentence that is its evidence (unique per claim)."""
    r = world.rng
    a, b = r.sample(world.companies, 2)
    investor, person, product = r.choice(world.investors), r.choice(world.people), r.choice(world.products)
    tag = f"(ref {article}-{index})"
    n = world.name
    day = f"2025-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
    if kind == "investment":
        amount = f"EUR {r.randint(1, 900)} million"
        return ({"investor": n(investor), "investee": n(a), "amount": amount, "date": day},
                f"{n(investor)} invests {amount} in {n(a)} {tag}.")
    if kind == "funding_round":
        raised, pre = r.randint(10, 90), r.randint(100, 900)
        return ({"company": n(a), "series": "Series B", "amount": f"${raised}m", "lead_investor": n(investor),
                 "pre_money": f"${pre}m", "post_money": f"${pre + raised}m", "date": day},
                f"{n(a)} raises ${raised}m led by {n(investor)} at ${pre}m pre-money {tag}.")
    if kind == "valuation":
        return ({"company": n(a), "amount": f"about ${r.randint(1, 9)}bn", "basis": "post-money",
                 "reported_by": "Reuters"}, f"Reuters says {n(a)} is valued at several billion {tag}.")
    if kind == "shareholding":
        return ({"holder": n(investor), "company": n(a), "percentage": f"{r.randint(1, 9)}%",
                 "basis": "fully-diluted", "since": day}, f"{n(investor)} holds a small stake in {n(a)} {tag}.")
    if kind == "partnership":
        return ({"parties": [n(a), n(b)], "kind": "strategic", "scope": "AI models", "term": "long-term"},
                f"{n(a)} and {n(b)} sign a long-term strategic partnership {tag}.")
    if kind == "supply":
        return ({"supplier": n(a), "customer": n(b), "product": n(product)},
                f"{n(a)} supplies {n(product)} to {n(b)} {tag}.")
    if kind == "role":
        return ({"person": n(person), "organization": n(a), "role": r.choice(["ceo", "cfo", "founder"])},
                f"{n(person)} leads {n(a)} {tag}.")
    if kind == "seat":
        return ({"holder": n(person), "organization": n(a), "body": "board-of-directors", "on_behalf_of": n(b)},
                f"{n(person)} joins the board of {n(a)} for {n(b)} {tag}.")
    if kind == "founding":
        return ({"organization": n(a), "date": str(r.randint(1990, 2024)), "founders": [n(person)]},
                f"{n(a)} was founded by {n(person)} {tag}.")
    if kind == "headquarters":
        return ({"organization": n(a), "place": r.choice(COUNTRIES)}, f"{n(a)} is based in Europe or elsewhere {tag}.")
    if kind == "product":
        return ({"product": n(product), "maker": n(a)}, f"{n(a)} makes {n(product)} {tag}.")
    if kind == "comparison":
        other = r.choice([p for p in world.products if p != product])
        return ({"subject": n(product), "compared_with": [n(other)], "aspect": "accuracy", "outcome": "better"},
                f"{n(product)} is more accurate than {n(other)} {tag}.")
    if kind == "acquisition":
        return ({"acquirer": n(b), "target": n(a), "status": "rumoured"},
                f"It is rumoured that {n(b)} wants to buy {n(a)} {tag}.")
    if kind == "ipo":
        return ({"company": n(a), "status": "planned", "date": "2027"}, f"{n(a)} plans an IPO in 2027 {tag}.")
    if kind == "statement":
        return ({"speaker": n(person), "about": [n(a)], "summary": "A statement about the company."},
                f"\u201cWe are growing fast,\u201d says {n(person)} of {n(a)} {tag}.")
    return ({"about": [n(a)], "summary": "A denial."}, f"{n(a)} denies the report {tag}.")


def break_claim(fields: dict, kind: str, claim_type: str) -> tuple[dict, str | None]:
    """Turn a valid claim into one with exactly one error of ``kind``; returns the claim type to write."""
    if kind == "unknown-entity":
        key = next(k for k in ("investor", "company", "holder", "supplier", "person", "product", "subject",
                               "target", "organization", "speaker", "parties", "about") if k in fields)
        fields[key] = [*fields[key][:-1], "Nobody Known Corp"] if isinstance(fields[key], list) else "Nobody Known Corp"
    elif kind == "bad-amount":
        fields["amount"] = "1,3 miljoen euroo"
    elif kind == "bad-percentage":
        fields["percentage"] = "111%"
    elif kind == "bad-date":
        fields["date"] = "2025-02-30"
    elif kind == "unknown-type":
        return fields, "investmnt"
    elif kind == "missing-field":
        fields.pop(next(iter(fields)))
    return fields, claim_type


BREAKABLE = {"unknown-entity": None, "evidence": None, "bad-amount": "investment", "bad-percentage": "shareholding",
             "bad-date": "investment", "unknown-type": "investment", "missing-field": "investment"}


def generate(claims: int, out: Path, *, broken_rate: float = 0.0, seed: int = 1) -> dict:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for part in ("ontology", "queries", "data/reference"):
        shutil.copytree(REPO / part, out / part, ignore=shutil.ignore_patterns("expected"))
    for query in (out / "queries").glob("*.rq"):  # parameter examples that name generated entities
        text = query.read_text(encoding="utf-8")
        for seed_name in ("Mistral AI", "OpenAI", "Apple", "ASML"):
            text = text.replace(f"example: {seed_name}}}", "example: Company 0}")
        query.write_text(text, encoding="utf-8")
    (out / "seeds").mkdir()
    (out / "data/claims").mkdir(parents=True)
    world = World(claims, rng)
    (out / "data/entities.yaml").write_text(world.registry(), encoding="utf-8")
    kinds = list(MODALITY_OF)
    broken_total = round(claims * broken_rate)
    broken_at = set(rng.sample(range(claims), broken_total)) if broken_total else set()
    planted = []
    events: list[str] = []
    for article in range((claims + CLAIMS_PER_ARTICLE - 1) // CLAIMS_PER_ARTICLE):
        source = f"generated-{article:06d}"
        sentences, lines = [], []
        for index in range(CLAIMS_PER_ARTICLE):
            number = article * CLAIMS_PER_ARTICLE + index
            if number >= claims:
                break
            claim_type = kinds[number % len(kinds)]
            fields, evidence = make_claim(world, claim_type, index, article)
            sentences.append(evidence)
            claim_id = f"claim-{index}"
            if number in broken_at:
                error = BROKEN_KINDS[len(planted) % len(BROKEN_KINDS)]
                claim_type = BREAKABLE[error] or claim_type
                fields, evidence = make_claim(world, claim_type, index, article)
                sentences[-1] = evidence
                fields, claim_type = break_claim(fields, error, claim_type)
                if error == "evidence":
                    evidence = evidence.replace(" ", "  ").replace("(ref", "(reference")
                planted.append({"file": f"data/claims/{source}.yaml", "claim": claim_id, "kind": error})
            modality = MODALITY_OF.get(claim_type, "fact")
            lines.append(f"  - id: {claim_id}\n    type: {claim_type}\n    modality: {modality}")
            event = event_of(claim_type, fields)
            if event:
                lines.append(f"    event: {event}")
                events.append(event)
            for key, value in fields.items():
                rendered = "[" + ", ".join(q(v) for v in value) + "]" if isinstance(value, list) else q(value)
                lines.append(f"    {key}: {rendered}")
            lines.append(f"    evidence: {q(evidence)}")
        text = f"Generated article {article}\n\n" + " ".join(sentences) + "\n"
        (out / "seeds" / f"{source}.en.txt").write_text(text, encoding="utf-8")
        header = (f"source:\n  id: {source}\n  title: Generated article {article}\n  publisher: Techzine\n"
                  f"  url: https://example.org/{source}\n  published: 2025-09-09\n  language: en\n"
                  f"  text: seeds/{source}.en.txt\n\nclaims:\n")
        (out / "data/claims" / f"{source}.yaml").write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    if events:  # the example of every 'event' parameter names a generated event
        for query in (out / "queries").glob("*.rq"):
            text = query.read_text(encoding="utf-8")
            text = re.sub(r"(#\+\s+event: \{.*example: )[^}]*\}", lambda m: m.group(1) + events[0] + "}", text)
            query.write_text(text, encoding="utf-8")
    summary = {"claims": claims, "planted": planted}
    (out / "planted.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return summary


def event_of(claim_type: str, fields: dict) -> str | None:
    """Claims with the same identifying fields describe one event, as a curator would name it
    (without it, ``check`` would propose one for every such pair)."""
    names = IDENTIFYING_FIELDS.get(claim_type)
    if names is None:
        return None
    parts = [claim_type.replace("_", "-")]
    for name in names:
        value = fields.get(name)
        if value is None:
            return None
        value = "-".join(sorted(value)) if isinstance(value, list) else str(value)[:4] if name == "date" else str(value)
        parts.append(value)
    return "-".join("".join(ch if ch.isalnum() else " " for ch in "-".join(parts).lower()).split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--broken-rate", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    summary = generate(args.claims, args.out, broken_rate=args.broken_rate, seed=args.seed)
    print(f"generated {args.claims} claims ({len(summary['planted'])} broken) in {args.out}")


if __name__ == "__main__":
    main()
