"""`build`, `update-expected` and two `check --no-cache` runs on a generated 100,000-claim project,
each a fresh process with its wall time and peak RSS (see ``run.cli``).

    python benchmarks/check_100k.py [--claims 100000] [--work /tmp/b100]

Writes ``results/format2-check-100k.json`` (session 13).
"""
import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import cli  # noqa: E402
from generate import generate  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--claims", type=int, default=100000)
parser.add_argument("--work", type=Path, default=Path("/tmp/b100"))
args = parser.parse_args()
root = args.work / "project"
t = time.perf_counter(); generate(args.claims, root); gen = time.perf_counter() - t
out: dict = {"claims": args.claims, "generate_s": round(gen, 1)}
for step in (["build"], ["update-expected"]):
    s, r = cli(root, *step); out[step[0] + "_s"] = round(s, 1); out[step[0] + "_rss_mb"] = r.peak_rss_mb
    assert r.returncode == 0, r.stderr[-2000:]
runs = []
for _ in range(2):
    s, r = cli(root, "check", "--no-cache"); runs.append((round(s, 1), r.peak_rss_mb, r.returncode, r.stderr[-300:]))
out["check_runs"] = runs
(HERE / "results/format2-check-100k.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
print(out)
