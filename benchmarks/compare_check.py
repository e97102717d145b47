"""`claimgraph check --no-cache` of two checkouts side by side, in one run, on the same data.

    python benchmarks/compare_check.py --before /path/to/old/checkout --claims 1000 10000 100000 \
        --out benchmarks/results/process-model.json

For each size: generate one project (benchmarks/generate.py), then for each checkout (its
``src/`` first on ``PYTHONPATH``, same interpreter and libraries) copy it, ``build`` and
``update-expected`` with that checkout, and time ``check --no-cache`` in fresh processes,
alternating the two checkouts, ``--runs`` times each; wall time and peak RSS of the process tree
(see ``run.cli``). The same interpreter runs both, so only claimgraph's code differs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import cli  # noqa: E402


def _with(checkout: Path):
    os.environ["PYTHONPATH"] = str(checkout / "src")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="the other checkout (its src/ is used)")
    parser.add_argument("--after", type=Path, default=HERE.parent)
    parser.add_argument("--claims", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    versions = {"before": args.before.resolve(), "after": args.after.resolve()}
    report: dict = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                                "cpus": os.cpu_count()}, "sizes": {}}
    for claims in args.claims:
        base = args.work / f"compare-{claims}"
        generate(claims, base)
        roots = {}
        for name, checkout in versions.items():
            root = args.work / f"compare-{claims}-{name}"
            shutil.rmtree(root, ignore_errors=True)
            shutil.copytree(base, root)
            _with(checkout)
            for command in (["build"], ["update-expected"]):
                _, done = cli(root, *command)
                assert done.returncode == 0, (name, command, done.stderr[-2000:])
            roots[name] = root
        runs: dict[str, list] = {name: [] for name in versions}
        for _ in range(args.runs):
            for name, checkout in versions.items():
                _with(checkout)
                seconds, done = cli(roots[name], "check", "--no-cache")
                assert done.returncode == 0, (name, done.stdout[-2000:], done.stderr[-2000:])
                runs[name].append({"seconds": round(seconds, 2), "peak_rss_mb": done.peak_rss_mb})
        report["sizes"][str(claims)] = {
            name: {"runs": found, "median_seconds": statistics.median(r["seconds"] for r in found),
                   "max_peak_rss_mb": max(r["peak_rss_mb"] or 0 for r in found)}
            for name, found in runs.items()}
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(claims, json.dumps(report["sizes"][str(claims)]), flush=True)


if __name__ == "__main__":
    main()
