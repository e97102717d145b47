"""`claimgraph query` from the persistent query store against the old in-memory path, side by side.

    python benchmarks/query_store.py --before /path/to/old/checkout --claims 10000 100000 \
        --out benchmarks/results/query-store.json

For each size: generate a project (benchmarks/generate.py, in a process of its own), `build` it
with this checkout (which fills the store under .claimgraph-cache/, timed), then time fresh
processes, median of ``--runs``, the two checkouts alternating on the same built files (each
checkout's ``src/`` first on ``PYTHONPATH``, same interpreter and libraries):

* ``shareholders -p company=company-7`` (the entity named by its id: resolved in the store
  with a case-insensitive name lookup) and ``-p company=cgi:company-7`` (a CURIE: no lookup);
* ``claimgraph --version``, the cost of starting the process and importing claimgraph.

Each command's wall time includes the process start; so does its CPU time (user + system, of
the process and its threads: less affected than wall time by other work on the machine); peak
RSS is the process's own (``run.cli``). The store's fill time is measured once more from an empty cache folder (the
``query`` that fills it), and its size on disk recorded. The machine (nproc, RAM, CPU model,
load average before and after) goes into the output.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import cli  # noqa: E402

COMMANDS = {
    "shareholders by name": ["query", "shareholders", "-p", "company=company-7", "--format", "csv"],
    "shareholders by CURIE": ["query", "shareholders", "-p", "company=cgi:company-7", "--format", "csv"],
    "process start (--version)": ["--version"],
}


def machine() -> dict:
    def first(path: str, key: str) -> str:
        try:
            with open(path) as handle:
                return next((line.split(":", 1)[1].strip() for line in handle if line.startswith(key)), "")
        except OSError:
            return ""
    return {"nproc": os.cpu_count(), "cpu": first("/proc/cpuinfo", "model name"),
            "ram": first("/proc/meminfo", "MemTotal"), "python": platform.python_version(),
            "platform": platform.platform()}


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def disk_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def using(checkout: Path) -> None:
    os.environ["PYTHONPATH"] = str(checkout / "src")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="a checkout of the in-memory design (its src/)")
    parser.add_argument("--after", type=Path, default=HERE.parent, help="a checkout with the store (default: this one)")
    parser.add_argument("--claims", type=int, nargs="+", default=[10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--keep", action="store_true",
                        help="reuse the generated and built project of an earlier run (its store is filled again)")
    args = parser.parse_args()
    report: dict = {"machine": machine(), "load_average_start": load_average(), "sizes": {}}
    for claims in args.claims:
        root = args.work / f"query-store-{claims}"
        using(args.after.resolve())
        size: dict = {}
        if not (args.keep and (root / "data/build/build.json").is_file()):
            shutil.rmtree(root, ignore_errors=True)
            subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); from generate import "
                            "generate; from pathlib import Path; generate(int(sys.argv[2]), Path(sys.argv[3]))",
                            str(HERE), str(claims), str(root)], check=True)
            seconds, built = cli(root, "build")
            assert built.returncode == 0, built.stderr[-2000:]
            size["build_s"] = round(seconds, 1)
            size["build_notice"] = next((line for line in built.stderr.splitlines() if "query store" in line), None)
        shutil.rmtree(root / ".claimgraph-cache", ignore_errors=True)
        seconds, filled = cli(root, *COMMANDS["shareholders by name"])
        assert filled.returncode == 0, filled.stderr[-2000:]
        fill = re.search(r"in (\d+\.\d) s$", filled.stderr.strip())
        size["first_query_with_fill_s"] = round(seconds, 2)
        size["fill_s"] = float(fill.group(1)) if fill else None
        size["first_query_peak_rss_mb"] = filled.peak_rss_parts["process_mb"]
        size["store_disk_bytes"] = disk_bytes(root / ".claimgraph-cache")
        size["trig_bytes"] = (root / "data/build/claimgraph.trig").stat().st_size
        results: dict = {design: {name: [] for name in COMMANDS} for design in ("store", "in_memory")}
        answers: dict = {}
        for _ in range(args.runs):
            for design, checkout in (("store", args.after.resolve()), ("in_memory", args.before.resolve())):
                using(checkout)
                for name, command in COMMANDS.items():
                    before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    seconds, done = cli(root, *command)
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                    assert done.returncode == 0, (design, name, done.stderr[-2000:])
                    assert design == "in_memory" or name.startswith("process") or done.stderr == "", done.stderr
                    answers.setdefault(name, set()).add(done.stdout)
                    results[design][name].append({"seconds": round(seconds, 3), "cpu_s": round(cpu, 3),
                                                  "peak_rss_mb": done.peak_rss_parts["process_mb"]})
        using(args.after.resolve())
        size["same_answers"] = {name: len(found) == 1 for name, found in answers.items()}
        size["results"] = {design: {name: {"runs": runs, "median_s": statistics.median(r["seconds"] for r in runs),
                                           "median_cpu_s": statistics.median(r["cpu_s"] for r in runs),
                                           "median_peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in runs)}
                                    for name, runs in by_name.items()}
                           for design, by_name in results.items()}
        report["sizes"][str(claims)] = size
        report["load_average_end"] = load_average()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(claims, json.dumps({d: {n: r["median_s"] for n, r in by.items()} for d, by in size["results"].items()}),
              flush=True)


if __name__ == "__main__":
    started = time.time()
    main()
    print(f"done in {time.time() - started:.0f} s", flush=True)
