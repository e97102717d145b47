"""Time the saved queries on an in-memory Oxigraph server, against the embedded command.

    python benchmarks/server.py --project benchmarks/work/project-100000 --out benchmarks/results/server-100k.json

`claimgraph query NAME` without `--endpoint` loads the whole built TriG into an embedded
store on every run. On a large graph that load is most of the time an analyst waits. This
script measures the other way, on the same built project (run `benchmarks/run.py` or
`claimgraph build` first):

1. start `oxigraph serve` with no `--location` (the data stays in memory; with `--on-disk`,
   in a RocksDB store in a temporary folder instead) on a free loopback port, and upload the
   built graphs with `claimgraph load` (time, and the server's peak RSS after the upload;
   `--append` passes `--append` to it: no staging graphs, as fits a new, empty store).
   With `--bulk-load` (implies `--on-disk`), Oxigraph's offline bulk loader
   (`oxigraph load --location DIR --file data/build/claimgraph.trig`) fills the store before
   the server starts, instead of `claimgraph load`;
2. every saved query through the library's `RemoteEngine` (median of 3: the time a
   client that is already running waits);
3. every saved query as a fresh `claimgraph query ... --endpoint` process, and as a fresh
   `claimgraph query ...` process without it (one run each: what an analyst at the shell
   waits, Python start-up and, for the embedded run, loading the TriG included).

The server is stopped at the end, also after an error. Nothing here goes beyond 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import median_seconds, parameter_values  # noqa: E402

from claimgraph.stores.remote import RemoteEngine, endpoint_for  # noqa: E402
from claimgraph.pipeline import OUTPUT_FILES  # noqa: E402
from claimgraph.queries.saved import list_queries  # noqa: E402

CLAIMGRAPH = [sys.executable, "-c", "from claimgraph.cli import main; main()"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str:
    beside_python = Path(sys.executable).parent / "oxigraph"
    found = str(beside_python) if beside_python.is_file() else shutil.which("oxigraph")
    if found is None:
        sys.exit("the oxigraph server is not installed: pip install -e '.[test]'")
    return found


def wait_until_answers(url: str, process: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"oxigraph serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"oxigraph serve did not answer at {url} within {seconds} s")


def peak_rss_mb(pid: int) -> float | None:
    """The process's peak resident set so far (VmHWM), in MiB; None where /proc has no such line."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def shell_seconds(root: Path, *args: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([*CLAIMGRAPH, "--project", str(root), *args], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"claimgraph {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return round(seconds, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, required=True, help="a built project")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--on-disk", action="store_true", help="a RocksDB store (--location) instead of memory")
    parser.add_argument("--append", action="store_true", help="claimgraph load --append (no staging graphs)")
    parser.add_argument("--bulk-load", action="store_true",
                        help="fill the on-disk store with `oxigraph load` before serving (implies --on-disk)")
    args = parser.parse_args()
    root = args.project.resolve()
    if not (root / OUTPUT_FILES["dataset"]).is_file():
        sys.exit(f"{root / OUTPUT_FILES['dataset']} not found: build the project first")
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as folder:
        location = ["--location", folder] if (args.on_disk or args.bulk_load) else []
        bulk = bulk_load(root, folder) if args.bulk_load else None
        report = measure(root, location, bulk, ["--append"] if args.append else [])
    report["project"] = str(args.project)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def bulk_load(root: Path, folder: str) -> dict:
    """``oxigraph load`` of the built TriG into a new on-disk store: seconds and peak RSS."""
    command = [oxigraph_binary(), "load", "--location", folder, "--file", str(root / OUTPUT_FILES["dataset"])]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"oxigraph load failed: {done.stderr.strip()[-500:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"bulk_load_seconds": round(seconds, 3),
            # the largest child so far: this one, unless an earlier child was larger
            "bulk_load_peak_rss_mb": round(peak / 1024, 1) if peak > before else None}


def measure(root: Path, location: list[str], bulk: dict | None = None, load_options: list[str] = ()) -> dict:
    port = free_port()
    url = f"http://127.0.0.1:{port}/query"
    server = subprocess.Popen([oxigraph_binary(), "serve", *location, "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    report: dict = {"server": "oxigraph serve " + ("--location (RocksDB)" if location else "(in memory)")}
    try:
        wait_until_answers(f"{url}?query=ASK%7B%7D", server)
        if bulk is None:
            report["load_seconds"] = shell_seconds(root, "load", *load_options, "--endpoint", url)
            report["load_options"] = list(load_options)
        else:
            report.update(bulk)
        report["server_peak_rss_mb_after_load"] = peak_rss_mb(server.pid)
        engine = RemoteEngine(endpoint_for(url))
        queries = {}
        for query in list_queries(root):
            params = [arg for name, value in parameter_values(query).items() for arg in ("-p", f"{name}={value}")]
            queries[query.name] = {
                "server_seconds": round(median_seconds(engine, query), 3),
                "shell_server_seconds": shell_seconds(root, "query", query.name, *params, "--endpoint", url),
                "shell_embedded_seconds": shell_seconds(root, "query", query.name, *params),
            }
            print(query.name, queries[query.name], flush=True)
        report["queries"] = queries
        report["server_peak_rss_mb"] = peak_rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return report


if __name__ == "__main__":
    main()
