"""The first page of the whole-graph listings from the query store, against every row, on a
project that `benchmarks/query_store.py` built.

    python benchmarks/query_listings.py --project benchmarks/work/query-store-100000 \
        --out benchmarks/results/query-listings.json

Each command a fresh process (this checkout), median of ``--runs``; wall time includes the
process start; peak RSS of the process (``run.cli``). The store must be current (the first
command fills it otherwise: run `claimgraph query products` once before).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import cli  # noqa: E402

LISTINGS = ("statements", "inferred", "events")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    report: dict = {"project": str(args.project), "load_average_start": list(os.getloadavg()), "listings": {}}
    for name in LISTINGS:
        found = {}
        for label, extra in (("first page (table)", []), ("every row (--all --format csv)", ["--all", "--format", "csv"])):
            runs = []
            for _ in range(args.runs):
                seconds, done = cli(args.project, "query", name, *extra)
                assert done.returncode == 0, done.stderr[-2000:]
                runs.append({"seconds": round(seconds, 3), "peak_rss_mb": done.peak_rss_parts["process_mb"],
                             "lines": done.stdout.count("\n"), "stderr": done.stderr[-300:]})
            found[label] = {"runs": runs, "median_s": statistics.median(r["seconds"] for r in runs)}
        report["listings"][name] = found
        report["load_average_end"] = list(os.getloadavg())
        args.out.parent.mkdir(parents=True, exist_ok=True)  # after each listing: a stopped run keeps what it has
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(name, {label: r["median_s"] for label, r in found.items()}, flush=True)


if __name__ == "__main__":
    main()
