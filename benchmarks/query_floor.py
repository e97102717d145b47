"""How close each saved query is to what merely returning its answer costs on Oxigraph.

    python benchmarks/query_floor.py --project benchmarks/work/project-100000 --out benchmarks/results/query-floor-100k.json

The issue's target is a median under 200 ms for every saved query on the 100,000-claim graph,
embedded. Several saved queries are listings that return tens of thousands of rows. This
script asks how much of their time is the answer's size rather than the query's joins. On the
same store (the project's built TriG, loaded once) it times, median of 3:

1. each saved query as the benchmark does (``run.median_seconds``: parameters resolved, the
   query run, the answer serialized as SPARQL JSON), with its rows and columns;
2. its *floor*: a one-pattern query that returns as many terms (rows x columns, taken as
   ``?s ?p ?o`` triples of the asserted graph) and does no join, serialized the same way; and
   the same rows again with ``ORDER BY ?s ?p ?o``, for queries that sort their answer.

A query whose floor is already over 200 ms cannot meet the target on this engine however it
is written: Oxigraph has to build and serialize that many terms. Run it on a built project
(``benchmarks/run.py`` or ``claimgraph build``); it writes nothing else.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import median_seconds, parameter_values  # noqa: E402

from claimgraph.answers import run_saved_query  # noqa: E402
from claimgraph.engine import EmbeddedEngine  # noqa: E402
from claimgraph.namespaces import GRAPH_ASSERTED  # noqa: E402
from claimgraph.pipeline import OUTPUT_FILES  # noqa: E402
from claimgraph.queries import list_queries  # noqa: E402
from claimgraph.results import solutions  # noqa: E402

TARGET_SECONDS = 0.2


def floor_seconds(store: ox.Store, terms: int, *, ordered: bool, runs: int = 3) -> float:
    """Median seconds to return and serialize ``terms`` terms (as triples) with no join."""
    rows = max(1, -(-terms // 3))
    inner = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{GRAPH_ASSERTED}> {{ ?s ?p ?o }} }} LIMIT {rows}"
    text = f"SELECT * WHERE {{ {{ {inner} }} }} ORDER BY ?s ?p ?o" if ordered else inner
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        store.query(text).serialize(format=ox.QueryResultsFormat.JSON)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
        floor = floor_seconds(engine.store, rows * columns, ordered=ordered)
        queries[query.name] = {"seconds": round(seconds, 4), "rows": rows, "columns": columns,
                               "ordered": ordered, "floor_seconds": round(floor, 4),
                               "floor_over_target": floor > TARGET_SECONDS}
        print(f"{query.name:24s} {seconds * 1000:8.1f} ms  {rows:7d} rows x {columns:2d}  "
              f"floor {floor * 1000:8.1f} ms{' (sorted)' if ordered else ''}", file=sys.stderr)
    args.out.write_text(json.dumps({"project": str(args.project), "target_seconds": TARGET_SECONDS,
                                    "queries": queries}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
