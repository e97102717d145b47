"""Run every saved query on maplib (a columnar, Polars-based SPARQL engine) and compare with Oxigraph.

    python -m venv /tmp/mvenv && /tmp/mvenv/bin/pip install -e . maplib   # maplib is not a dependency
    /tmp/mvenv/bin/python benchmarks/maplib_queries.py --project benchmarks/work/project-100000 \\
        --out benchmarks/results/maplib-queries-100k.json

A measurement for the query target of the scale issue (every saved query under 200 ms at
100,000 claims), not a claimgraph engine. Oxigraph evaluates joins one row at a time (about
2.4 µs per index lookup at 100,000 claims, ``query_floor.py``); maplib joins whole columns.

The project's built files are read into one maplib model: ``asserted.ttl``, ``inferred.ttl``
and ``ontology/claimgraph.ttl`` into its default graph (the saved queries' default graph), and
``hypothetical.ttl``, ``asserted.ttl`` and ``inferred.ttl`` into named graphs (``GRAPH cgg:...``
in ``unconfirmed``, ``inferred``, ``products``). So asserted and inferred are held twice: the
peak RSS printed is of that layout. maplib 0.20 does not take a list of graphs as the default
graph, as Oxigraph does.

For every saved query it runs claimgraph's own code (parameters resolved by name, the answer
sorted as ``queries/expected/`` stores it) with this engine, compares the answer with the
committed expected file (which Oxigraph's answer equals when ``claimgraph check`` passes), and
times it as ``run.py`` does (median of 3, the answer serialized as SPARQL JSON).
"""

from __future__ import annotations

import argparse
import difflib
import json
import resource
import sys
import time
from pathlib import Path

import maplib
import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import median_seconds  # noqa: E402

from claimgraph.stores.embedded import RawAnswer  # noqa: E402
from claimgraph.queries.expected import expected_path, example_values  # noqa: E402
from claimgraph.queries.answers import run_saved_query  # noqa: E402
from claimgraph.rdf.namespaces import GRAPH_ASSERTED, GRAPH_HYPOTHETICAL, GRAPH_INFERRED  # noqa: E402
from claimgraph.queries.saved import list_queries  # noqa: E402
from claimgraph.queries.formats import sorted_expected  # noqa: E402


class MaplibEngine:
    """claimgraph's QueryEngine protocol over a maplib Model (SELECT -> SPARQL JSON, CONSTRUCT -> N-Triples)."""

    def __init__(self, root: Path):
        self.root = root
        self.model = self._load()

    def _load(self) -> "maplib.Model":
        build = self.root / "data/build"
        model = maplib.Model()
        for path in (build / "asserted.ttl", build / "inferred.ttl", self.root / "ontology/claimgraph.ttl"):
            model.read(str(path), format="turtle")
        for name, graph in (("hypothetical.ttl", GRAPH_HYPOTHETICAL), ("asserted.ttl", GRAPH_ASSERTED),
                            ("inferred.ttl", GRAPH_INFERRED)):
            model.read(str(build / name), format="turtle", graph=str(graph))
        return model

    def run(self, text: str, *, form: str, asserted_only: bool = False, tsv: bool = False) -> RawAnswer:
        # asserted only (claimgraph resolves entity names so): the asserted graph, without the ontology
        answer = self.model.query(text, return_json=True, graph=str(GRAPH_ASSERTED) if asserted_only else None)
        if form in ("CONSTRUCT", "DESCRIBE"):
            return RawAnswer(form, "".join(answer).encode("utf-8") if isinstance(answer, list) else answer.encode())
        return RawAnswer(form, _in_projection_order(answer, text))


_EMPTY = ox.Store()


def _in_projection_order(answer: str, text: str) -> bytes:
    """maplib's SPARQL JSON with ``head.vars`` in the SELECT clause's order (maplib 0.20 lists
    them in another order; claimgraph's tables and expected files follow the projection).
    The order is Oxigraph's, from the same query on an empty store."""
    data = json.loads(answer)
    data["head"]["vars"] = [v.value for v in _EMPTY.query(text).variables]
    return json.dumps(data).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, required=True, help="a built project with expected answers")
    parser.add_argument("--out", type=Path, required=True, help="where to write the JSON")
    parser.add_argument("--diffs", action="store_true", help="print the first lines of each differing answer")
    args = parser.parse_args()
    start = time.perf_counter()
    engine = MaplibEngine(args.project)
    load_seconds = time.perf_counter() - start
    load_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"loaded in {load_seconds:.1f} s, peak RSS {load_rss} MiB", file=sys.stderr)
    queries = {}
    for query in list_queries(args.project):
        try:
            answer = sorted_expected(run_saved_query(engine, query, example_values(query)))
        except BaseException as exc:  # noqa: BLE001 - maplib panics surface as pyo3 PanicException
            if isinstance(exc, KeyboardInterrupt):
                raise
            queries[query.name] = {"error": f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"}
            print(f"{query.name:24s} error: {queries[query.name]['error']}", file=sys.stderr)
            engine = MaplibEngine(args.project)  # a panic poisons the model
            continue
        expected = expected_path(args.project, query).read_text(encoding="utf-8")
        same = answer == expected
        if not same and args.diffs:
            diff = list(difflib.unified_diff(expected.splitlines(), answer.splitlines(), lineterm="", n=0))
            print("\n".join(diff[:8]), file=sys.stderr)
        seconds = median_seconds(engine, query)
        found = queries[query.name] = {"seconds": round(seconds, 4), "same_as_expected": same,
                                       "lines": answer.count("\n"), "expected_lines": expected.count("\n")}
        differs = f" ({found['lines']} lines, expected {found['expected_lines']})"
        print(f"{query.name:24s} {seconds * 1000:8.1f} ms  same answer: {same}{'' if same else differs}",
              file=sys.stderr)
    result = {"project": str(args.project), "maplib": maplib.__version__ if hasattr(maplib, "__version__") else None,
              "load_seconds": round(load_seconds, 2), "load_peak_rss_mb": load_rss,
              "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, "queries": queries}
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
