"""How much of each saved query's time is the size of its answer, and how much its joins.

    python benchmarks/query_floor.py --project benchmarks/work/project-100000 --out benchmarks/results/query-floor-100k.json

The issue's target is a median under 200 ms for every saved query on the 100,000-claim graph,
embedded. Several saved queries are listings that return tens of thousands of rows. On the
same store (the project's built TriG, loaded once) this script times, median of 3:

1. each saved query as the benchmark does (``run.median_seconds``: parameters resolved, the
   query run, the answer serialized as SPARQL JSON), with its rows and columns;
2. its *floor*, the sum of two parts that no rewrite of the query can avoid:
   - ``answer_seconds``: a one-pattern query (``?s ?p ?o`` in the asserted graph) that returns
     as many terms (rows x columns) with no join and no sort, serialized the same way;
   - ``sort_seconds``, for a query with ORDER BY: what sorting as many *rows* as the query
     answers costs (``ORDER BY ?s ?p ?o`` inside a COUNT, minus the same COUNT unsorted);
3. the cost of one index lookup per row on the saved queries' dataset (the default graph is
   ontology + asserted + inferred): ``?claim a cg:Claim`` with and without
   ``?claim cg:source ?source``, per claim.

A query whose floor is over 200 ms cannot meet the target on this engine however it is
written. The rest of a query's time is its joins: rows visited times index lookups, at about
the measured cost of one lookup. Run it on a built project (``benchmarks/run.py`` or
``claimgraph build``); it writes nothing else.

(Before 2026-11-30 the floor sorted rows x columns / 3 rows, which overstated it for queries
with many columns: sorting costs by rows, and in Oxigraph far more than returning them.)
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import median_seconds, parameter_values  # noqa: E402

from claimgraph.queries.answers import run_saved_query  # noqa: E402
from claimgraph.stores.embedded import EmbeddedEngine  # noqa: E402
from claimgraph.rdf.namespaces import CG, GRAPH_ASSERTED  # noqa: E402
from claimgraph.pipeline import OUTPUT_FILES  # noqa: E402
from claimgraph.queries.saved import list_queries  # noqa: E402
from claimgraph.queries.formats import solutions  # noqa: E402

TARGET_SECONDS = 0.2


def _median_seconds(work: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _median(text: str, store: ox.Store) -> float:
    """Median seconds to run ``text`` on the store's default graph and serialize its answer as SPARQL JSON."""
    return _median_seconds(lambda: store.query(text).serialize(format=ox.QueryResultsFormat.JSON))


def _triples(rows: int) -> str:
    """``rows`` rows of three terms, from one pattern: no join."""
    return f"SELECT ?s ?p ?o WHERE {{ GRAPH <{GRAPH_ASSERTED}> {{ ?s ?p ?o }} }} LIMIT {max(1, rows)}"


def answer_seconds(store: ox.Store, terms: int) -> float:
    """Seconds to return and serialize ``terms`` terms with no join and no sort."""
    return _median(_triples(-(-terms // 3)), store) if terms else 0.0


def sort_seconds(store: ox.Store, rows: int) -> float:
    """Seconds that sorting ``rows`` rows by three terms adds (counted, so nothing is serialized)."""
    if not rows:
        return 0.0
    count = "SELECT (COUNT(*) AS ?n) WHERE {{ {{ SELECT * WHERE {{ {{ {inner} }} }} {order} }} }}"
    sorted_ = _median(count.format(inner=_triples(rows), order="ORDER BY ?s ?p ?o"), store)
    unsorted = _median(count.format(inner=_triples(rows), order=""), store)
    return max(0.0, sorted_ - unsorted)


def lookup_microseconds(engine: EmbeddedEngine) -> dict[str, float]:
    """What one more index lookup per row costs on the saved queries' dataset (the engine's), per claim."""
    claims = f"?claim a <{CG.Claim}>"
    count = "SELECT (COUNT(*) AS ?n) WHERE {{ {} }}"
    n = int(next(iter(solutions(engine.run(count.format(claims), form="SELECT"))))["n"].value)
    alone = _median_seconds(lambda: engine.run(count.format(claims), form="SELECT"))
    joined = _median_seconds(lambda: engine.run(count.format(f"{claims} . ?claim <{CG.source}> ?source"),
                                                form="SELECT"))
    return {"claims": n, "claims_seconds": round(alone, 4), "with_source_seconds": round(joined, 4),
            "microseconds_per_lookup": round((joined - alone) / max(n, 1) * 1e6, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, required=True, help="a built claimgraph project")
    parser.add_argument("--out", type=Path, required=True, help="where to write the JSON")
    args = parser.parse_args()
    dataset = args.project / OUTPUT_FILES["dataset"]
    if not dataset.is_file():
        sys.exit(f"{dataset}: not found; build the project first (claimgraph --project {args.project} build)")
    start = time.perf_counter()
    engine = EmbeddedEngine.from_trig(dataset)
    print(f"loaded {dataset} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    queries = {}
    for query in list_queries(args.project):
        answer = run_saved_query(engine, query, parameter_values(query))
        if answer.form in ("CONSTRUCT", "DESCRIBE"):  # N-Triples: a row is a triple
            rows, columns = answer.data.count(b"\n"), 3
        else:
            table = solutions(answer)
            rows, columns = sum(1 for _ in table), len(table.variables)
        ordered = re.search(r"^\s*ORDER\s+BY\b", query.text, re.IGNORECASE | re.MULTILINE) is not None
        seconds = median_seconds(engine, query)
        answer_part = answer_seconds(engine.store, rows * columns)
        sort_part = sort_seconds(engine.store, rows) if ordered else 0.0
        floor = answer_part + sort_part
        queries[query.name] = {"seconds": round(seconds, 4), "rows": rows, "columns": columns,
                               "ordered": ordered, "answer_seconds": round(answer_part, 4),
                               "sort_seconds": round(sort_part, 4), "floor_seconds": round(floor, 4),
                               "floor_over_target": floor > TARGET_SECONDS}
        print(f"{query.name:24s} {seconds * 1000:8.1f} ms  {rows:7d} rows x {columns:2d}  "
              f"floor {floor * 1000:7.1f} ms (answer {answer_part * 1000:.1f}, sort {sort_part * 1000:.1f})",
              file=sys.stderr)
    lookups = lookup_microseconds(engine)
    print(f"one index lookup per row: {lookups['microseconds_per_lookup']} µs "
          f"({lookups['claims']} claims)", file=sys.stderr)
    args.out.write_text(json.dumps({"project": str(args.project), "target_seconds": TARGET_SECONDS,
                                    "queries": queries, "lookup": lookups}, indent=1) + "\n",
                        encoding="utf-8")


if __name__ == "__main__":
    main()
