"""Time the Rust-backed engines the scale issue names, on a built project, against ours.

    pip install pyrudof reasonable      # not claimgraph dependencies; only for this comparison
    python benchmarks/alternatives.py benchmarks/work/project-10000 [reasonable|pyrudof]

For OWL 2 RL it runs `reasonable` on asserted + ontology and compares the inferred triples
(same filter as claimgraph's inferred graph) with claimgraph's data/build/inferred.ttl. For
SHACL it runs pyrudof's SHACL validator on asserted + hypothetical + ontology with our shapes
and counts results. Prints one JSON object.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def reasonable_run(root: Path) -> dict:
    import reasonable
    from rdflib import BNode, Graph, URIRef
    from rdflib.namespace import OWL, RDF, RDFS

    start = time.perf_counter()
    reasoner = reasonable.PyReasoner()
    reasoner.load_file(str(root / "data/build/asserted.ttl"))
    reasoner.load_file(str(root / "ontology/claimgraph.ttl"))
    triples = reasoner.reason()
    seconds = time.perf_counter() - start
    asserted = set(Graph().parse(root / "data/build/asserted.ttl"))
    ontology = set(Graph().parse(root / "ontology/claimgraph.ttl"))
    ours = set(Graph().parse(root / "data/build/inferred.ttl"))
    noise = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}
    theirs = {(s, p, o) for s, p, o in triples
              if isinstance(s, URIRef) and s.startswith("https://w3id.org/claimgraph/id/")
              and not isinstance(o, BNode) and (s, p, o) not in asserted and (s, p, o) not in ontology
              and not (p == OWL.sameAs and s == o) and not (p == RDF.type and o in noise)}
    return {"seconds": round(seconds, 2), "inferred": len(theirs), "claimgraph_inferred": len(ours),
            "missing_vs_claimgraph": len(ours - theirs), "extra_vs_claimgraph": len(theirs - ours),
            "example_missing": sorted(map(str, next(iter(ours - theirs), ())))[:3]}


def pyrudof_run(root: Path) -> dict:
    import pyrudof

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    start = time.perf_counter()
    for name in ("data/build/asserted.ttl", "data/build/hypothetical.ttl", "ontology/claimgraph.ttl"):
        rudof.read_data(str(root / name), merge=True)
    loaded = time.perf_counter() - start
    rudof.read_shacl(str(root / "ontology/shapes.ttl"))
    start = time.perf_counter()
    report = rudof.validate_shacl()
    seconds = time.perf_counter() - start
    results = list(report)
    return {"load_seconds": round(loaded, 2), "validate_seconds": round(seconds, 2),
            "conforms": bool(report.conforms), "results": len(results),
            "example": str(results[0])[:300] if results else None}


def main() -> None:
    root = Path(sys.argv[1])
    wanted = sys.argv[2:] or ["reasonable", "pyrudof"]
    out: dict = {"project": str(root)}
    for name, run in (("reasonable", reasonable_run), ("pyrudof", pyrudof_run)):
        if name not in wanted:
            continue
        try:
            out[name] = run(root)
        except Exception as exc:  # report what the engine says, keep going
            out[name] = {"error": f"{type(exc).__name__}: {exc}"[:500]}
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
