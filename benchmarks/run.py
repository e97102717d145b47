"""Benchmark claimgraph on a generated project and write the measurements as JSON.

    python benchmarks/run.py --claims 10000 --out benchmarks/results/10k.json [--naive-timeout 1800]

Steps, all in one run on the same data:
1. generate a clean project (benchmarks/generate.py) and time every pipeline stage of a
   build (load claims, check evidence, map, validate, reason, serialize, write);
2. accept the saved queries' answers, then time `claimgraph check` end to end (a fresh
   process, with its own peak RSS) and every saved query embedded (median of 3 after loading
   the store);
3. the naive baseline on the same built Turtle, in a child process with a time limit:
   rdflib parse + pySHACL + owlrl + rdflib SPARQL for every saved query;
4. generate the same project with 1 % broken claims (seven kinds) and count how many of the
   planted problems `claimgraph validate` finds, at their claim.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from claimgraph.queries.answers import run_saved_query  # noqa: E402
from claimgraph.stores.embedded import EmbeddedEngine  # noqa: E402
from claimgraph.pipeline import OUTPUT_FILES, build  # noqa: E402
from claimgraph.queries.saved import list_queries  # noqa: E402

PARAMETER_VALUES = {"company": "Company 0", "org": "Company 0", "entity": "Company 0",
                    "investee": "Company 0", "investor": "Fund 0"}


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# the child writes its own peak RSS and that of its largest child process (kB) to the file
# named in argv[1] when it exits (`check` runs its pipeline in a child process)
_CHILD = ("import atexit, resource, sys; out = sys.argv.pop(1); "
          "atexit.register(lambda: open(out, 'w').write('%d %d' % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
          "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))); "
          "from claimgraph.cli import main; main()")


def _tree_rss_kb(pid: int) -> int:
    """The summed RSS of a process and its descendants now (kB; shared pages count in each)."""
    total = 0
    try:
        with open(f"/proc/{pid}/status") as status:
            total += next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            total += sum(_tree_rss_kb(int(child)) for child in children.read().split())
    except (OSError, ValueError):
        pass
    return total


def cli(root: Path, *args: str) -> tuple[float, subprocess.CompletedProcess]:
    """Run claimgraph in a fresh process. The result's ``peak_rss_mb`` is the largest of: that
    process's peak RSS, its largest child's, and the summed RSS of the process tree, sampled
    every 50 ms (on Linux); ``peak_rss_parts`` has the three."""
    with tempfile.TemporaryDirectory() as folder:
        rss_file = Path(folder) / "rss"
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", _CHILD, str(rss_file), "--project", str(root), *args],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        sampled = 0

        def sample() -> None:  # without /proc, _tree_rss_kb gives 0 and the sum is not measured
            nonlocal sampled
            while process.poll() is None:
                sampled = max(sampled, _tree_rss_kb(process.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        stdout, stderr = process.communicate()
        seconds = time.perf_counter() - start
        sampler.join()
        done = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
        own, child = (int(x) for x in rss_file.read_text().split()) if rss_file.is_file() else (0, 0)
        done.peak_rss_parts = {"process_mb": round(own / 1024, 1), "largest_child_mb": round(child / 1024, 1),
                               "tree_sampled_mb": round(sampled / 1024, 1)}
        done.peak_rss_mb = max(done.peak_rss_parts.values()) if own else None
    return seconds, done


def parameter_values(query) -> dict[str, str]:
    """The benchmark's value for each required parameter (they name generated entities)."""
    # the example of an 'event' or 'day' parameter fits the generated data (benchmarks/generate.py)
    return {p.name: PARAMETER_VALUES.get(p.name, p.example) for p in query.params if p.required}


def median_seconds(engine, query, runs: int = 3) -> float:
    """Median wall time of ``runs`` runs of a saved query on ``engine`` (embedded or remote)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run_saved_query(engine, query, parameter_values(query))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def time_queries(root: Path) -> dict[str, float]:
    engine = EmbeddedEngine.from_trig(root / OUTPUT_FILES["dataset"])
    return {f"query {query.name}": round(median_seconds(engine, query), 4) for query in list_queries(root)}


NAIVE = r'''
import sys, time, json
from pathlib import Path
from rdflib import Graph
import owlrl, pyshacl
root = Path(sys.argv[1]); out = {}
t = time.perf_counter(); data = Graph().parse(root / "data/build/asserted.ttl"); out["rdflib parse"] = time.perf_counter() - t
onto = Graph().parse(root / "ontology/claimgraph.ttl"); shapes = Graph().parse(root / "ontology/shapes.ttl")
t = time.perf_counter(); pyshacl.validate(data, shacl_graph=shapes, ont_graph=onto, advanced=True); out["pyshacl"] = time.perf_counter() - t
print(json.dumps(out), flush=True)
closure = Graph()
for triple in data: closure.add(triple)
for triple in onto: closure.add(triple)
t = time.perf_counter(); owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure); out["owlrl"] = time.perf_counter() - t
print(json.dumps(out), flush=True)
sys.path.insert(0, sys.argv[2])
from claimgraph.queries.saved import list_queries, bind_values, serialize_literal
for query in list_queries(root):
    text = query.text
    t = time.perf_counter(); list(closure.query(text)); out["rdflib query " + query.name] = time.perf_counter() - t
    print(json.dumps(out), flush=True)
'''


def incremental(root: Path) -> dict:
    """`check` again with nothing changed, and after one claim file changed (then a full run to compare)."""
    unchanged_seconds, unchanged = cli(root, "check", "--format", "json")
    assert unchanged.returncode == 0 and "reused" in unchanged.stderr, unchanged.stderr[-2000:]
    files = sorted((root / "data/claims").glob("*.yaml"))
    middle = files[len(files) // 2:]  # a file in the middle: its subjects sort in the middle of the output
    claim_file = next(f for f in middle if 'summary: "' in f.read_text(encoding="utf-8"))
    original = claim_file.read_text(encoding="utf-8")
    changed = original.replace('summary: "', 'summary: "Changed: ', 1)
    assert changed != original
    claim_file.write_text(changed, encoding="utf-8")
    try:
        seconds, after_change = cli(root, "check", "--format", "json")
        _, full = cli(root, "check", "--format", "json", "--no-cache")
        # the same file changed so that it does not load (a modality the format does not have):
        # `check` loads only it and reuses the other files' findings (see cache.first_stage_findings)
        broken = re.sub(r"modality: \w+", "modality: certain", original, count=1)
        assert broken != original
        claim_file.write_text(broken, encoding="utf-8")
        broken_seconds, after_break = cli(root, "check", "--format", "json")
        full_broken_seconds, full_broken = cli(root, "check", "--format", "json", "--no-cache")
    finally:
        claim_file.write_text(original, encoding="utf-8")
    assert after_break.returncode == 1, after_break.stderr[-2000:]
    return {"incremental_check_seconds": round(seconds, 2),
            "incremental_peak_rss_mb": after_change.peak_rss_mb,  # a stale build: the run's own TriG is queried
            "incremental_same_findings": after_change.stdout == full.stdout and after_change.returncode == full.returncode,
            "incremental_findings": len(json.loads(after_change.stdout or "[]")),
            "unchanged_check_seconds": round(unchanged_seconds, 2),
            "load_error_check_seconds": round(broken_seconds, 2),
            "load_error_full_check_seconds": round(full_broken_seconds, 2),
            "load_error_files_reused": "do not load; the other files' findings are reused" in after_break.stderr,
            "load_error_same_findings": (after_break.stdout == full_broken.stdout
                                         and after_break.returncode == full_broken.returncode)}


def naive_baseline(root: Path, timeout: float) -> dict:
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", NAIVE, str(root), str(HERE.parent / "src")],
                              capture_output=True, text=True, timeout=timeout)
        lines = done.stdout.strip().splitlines()
        finished = done.returncode == 0
    except subprocess.TimeoutExpired as exc:
        lines = (exc.stdout or b"").decode().strip().splitlines() if isinstance(exc.stdout, bytes) else \
            (exc.stdout or "").strip().splitlines()
        finished = False
    steps = json.loads(lines[-1]) if lines else {}
    return {"finished": finished, "seconds": round(time.perf_counter() - start, 2),
            "timeout_seconds": timeout, "steps": {k: round(v, 3) for k, v in steps.items()}}


def planted_found(root: Path) -> tuple[int, int]:
    planted = json.loads((root / "planted.json").read_text())["planted"]
    _, done = cli(root, "validate", "--format", "json")
    problems = [p for p in json.loads(done.stdout or "[]") if p["severity"] == "error"]
    found = 0
    for item in planted:
        lines = (root / item["file"]).read_text(encoding="utf-8").splitlines()
        first = lines.index(f"  - id: {item['claim']}") + 1
        last = next((i for i in range(first, len(lines)) if lines[i].startswith("  - id: ")), len(lines))
        if any(p["location"]["path"] == item["file"] and first <= p["location"]["line"] <= last for p in problems):
            found += 1
    return found, len(planted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument("--naive-timeout", type=float, default=1800.0)
    args = parser.parse_args()
    root = args.work / f"project-{args.claims}"
    report: dict = {"claims": args.claims}

    def save(**values) -> None:  # after every phase, so a crash or a stop keeps what was measured
        report.update(values)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    generate(args.claims, root)
    result = build(root)
    assert result.ok, [p.as_text() for p in result.problems][:5]
    stages = {k: round(v, 3) for k, v in result.timings.items()}
    triples = len(result.graphs.asserted) + len(result.graphs.hypothetical) + len(result.graphs.inferred)
    save(triples=triples, triples_asserted=len(result.graphs.asserted), stages=stages)
    accept_seconds, accepted = cli(root, "update-expected")
    assert accepted.returncode == 0, accepted.stderr[-2000:]
    check_seconds, checked = cli(root, "check", "--no-cache")
    assert checked.returncode == 0, checked.stdout[-2000:]
    save(check_seconds=round(check_seconds, 2), peak_rss_mb=checked.peak_rss_mb,
         peak_rss_parts=checked.peak_rss_parts, update_expected_peak_rss_mb=accepted.peak_rss_mb,
         update_expected_peak_rss_parts=accepted.peak_rss_parts, build_in_process_rss_mb=peak_rss_mb())
    save(**incremental(root))
    stages.update(time_queries(root))
    save(stages=stages)
    naive = naive_baseline(root, args.naive_timeout)
    save(naive_seconds=naive["seconds"] if naive["finished"] else None, naive=naive)
    broken = args.work / f"project-{args.claims}-broken"
    generate(args.claims, broken, broken_rate=0.01)
    found, planted = planted_found(broken)
    save(violations_found=found, violations_planted=planted,
         machine={"python": platform.python_version(), "platform": platform.platform(),
                  "cpus": __import__("os").cpu_count()})
    print(json.dumps({k: report[k] for k in ("claims", "triples", "check_seconds", "naive_seconds", "peak_rss_mb",
                                              "violations_found", "violations_planted")}))


if __name__ == "__main__":
    main()
