"""More `check --no-cache` pairs on the projects `compare_check.py` left in its work folder.

    python benchmarks/rerun_check_100k.py --before /path/to/old/checkout [--claims 100000] [--runs 2]

Alternates the two checkouts on ``work/compare-N-before`` and ``work/compare-N-after`` (already
built and accepted by ``compare_check.py``) and writes ``results/process-model-100k-rerun.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import cli  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, default=HERE.parent)
    parser.add_argument("--claims", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=HERE / "work")
    args = parser.parse_args()
    out = []
    for _ in range(args.runs):
        for name, checkout in (("before", args.before), ("after", args.after)):
            os.environ["PYTHONPATH"] = str(checkout.resolve() / "src")
            seconds, done = cli(args.work / f"compare-{args.claims}-{name}", "check", "--no-cache")
            assert done.returncode == 0, done.stderr[-500:]
            out.append({"version": name, "seconds": round(seconds, 2), "peak_rss_mb": done.peak_rss_mb,
                        "parts": done.peak_rss_parts})
            print(json.dumps(out[-1]), flush=True)
    (HERE / "results/process-model-100k-rerun.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
