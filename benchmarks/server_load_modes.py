"""Does the way `claimgraph load` fills an in-memory Oxigraph server change its memory and speed?

    python benchmarks/server_load_modes.py --project benchmarks/work/project-100000 --out benchmarks/results/server-load-modes-100k.json

Two `oxigraph serve` processes without `--location` run side by side on loopback ports. One
is filled with `claimgraph load` (each graph into a staging graph, counted, then MOVEd over
the target), the other with `claimgraph load --append` (each graph straight into its target,
as fits a new, empty server). Then every saved query runs three times on each, alternating,
so that both see the same phases of the machine; the JSON holds the load times, each server's
peak RSS and each query's median.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import parameter_values  # noqa: E402
from server import free_port, oxigraph_binary, peak_rss_mb, shell_seconds, wait_until_answers  # noqa: E402

from claimgraph.queries.answers import run_saved_query  # noqa: E402
from claimgraph.stores.remote import RemoteEngine, endpoint_for  # noqa: E402
from claimgraph.queries.saved import list_queries  # noqa: E402

MODES = {"replace": [], "append": ["--append"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, required=True, help="a built project")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    root = args.project.resolve()
    servers: dict[str, subprocess.Popen] = {}
    engines: dict[str, RemoteEngine] = {}
    report: dict = {"project": str(args.project), "loads": {}, "queries": {}}
    try:
        for mode, options in MODES.items():
            port = free_port()
            url = f"http://127.0.0.1:{port}/query"
            servers[mode] = subprocess.Popen([oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"],
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wait_until_answers(f"{url}?query=ASK%7B%7D", servers[mode])
            seconds = shell_seconds(root, "load", *options, "--endpoint", url)
            report["loads"][mode] = {"seconds": seconds, "server_peak_rss_mb": peak_rss_mb(servers[mode].pid)}
            engines[mode] = RemoteEngine(endpoint_for(url))
            print(mode, report["loads"][mode], flush=True)
        for query in list_queries(root):
            values = parameter_values(query)
            runs: dict[str, list[float]] = {mode: [] for mode in MODES}
            for _ in range(3):
                for mode in MODES:
                    start = time.perf_counter()
                    run_saved_query(engines[mode], query, values)
                    runs[mode].append(time.perf_counter() - start)
            report["queries"][query.name] = {mode: round(statistics.median(r), 3) for mode, r in runs.items()}
            print(query.name, report["queries"][query.name], flush=True)
    finally:
        for server in servers.values():
            server.terminate()
            server.wait()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
