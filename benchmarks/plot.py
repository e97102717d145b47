"""Plot cost per claim against project size from run.py's JSON files (no dependencies).

    python benchmarks/plot.py benchmarks/results/quick-08d67a1-{1k,10k,100k}.json
    python benchmarks/plot.py            # benchmarks/results/1k.json, 10k.json and 100k.json

Writes benchmarks/results/cost-per-claim.svg and prints the table. Give one run per size.

One line per measure: `claimgraph check` end to end and each build stage, in milliseconds
per claim, over the number of claims on a log scale. A flat line is linear cost.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
STAGES = ["load claims", "check evidence", "map", "validate", "reason", "serialize", "write"]
COLOURS = ["#000000", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"]
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 760, 420, 70, 190, 40, 50


def load_runs(paths: list[Path]) -> list[dict]:
    runs = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    sizes = [r["claims"] for r in runs]
    if len(set(sizes)) != len(sizes):
        sys.exit(f"two runs of the same size ({sorted(sizes)}); give one run per size")
    return sorted((r for r in runs if r.get("check_seconds")), key=lambda r: r["claims"])


def series(runs: list[dict]) -> dict[str, list[tuple[int, float]]]:
    lines = {"check (end to end)": [(r["claims"], 1000 * r["check_seconds"] / r["claims"]) for r in runs]}
    for stage in STAGES:
        lines[stage] = [(r["claims"], 1000 * r["stages"][stage] / r["claims"]) for r in runs if stage in r["stages"]]
    return lines


def svg(lines: dict[str, list[tuple[int, float]]]) -> str:
    xs = [x for points in lines.values() for x, _ in points]
    top = max(y for points in lines.values() for _, y in points) * 1.1
    low, high = math.log10(min(xs)), math.log10(max(xs))
    span = (high - low) or 1.0

    def px(x: float) -> float:
        return LEFT + (math.log10(x) - low) / span * (WIDTH - LEFT - RIGHT)

    def py(y: float) -> float:
        return HEIGHT - BOTTOM - y / top * (HEIGHT - TOP - BOTTOM)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
           'font-family="sans-serif" font-size="12">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
           f'<text x="{LEFT}" y="22" font-size="14">claimgraph: cost per claim against project size</text>',
           f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="black"/>',
           f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="black"/>',
           f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 12}" text-anchor="middle">claims (log scale)</text>',
           f'<text x="16" y="{(TOP + HEIGHT - BOTTOM) / 2}" transform="rotate(-90 16 {(TOP + HEIGHT - BOTTOM) / 2})" '
           'text-anchor="middle">milliseconds per claim</text>']
    for x in sorted(set(xs)):
        out.append(f'<text x="{px(x):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{x:,}</text>')
    for i in range(6):
        y = top / 5 * i
        out.append(f'<text x="{LEFT - 6}" y="{py(y) + 4:.1f}" text-anchor="end">{y:.2f}</text>')
        out.append(f'<line x1="{LEFT}" y1="{py(y):.1f}" x2="{WIDTH - RIGHT}" y2="{py(y):.1f}" stroke="#ddd"/>')
    for n, (name, points) in enumerate(lines.items()):
        colour = COLOURS[n % len(COLOURS)]
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{3 if n == 0 else 1.5}"/>')
        out += [f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>' for x, y in points]
        out.append(f'<text x="{WIDTH - RIGHT + 10}" y="{TOP + 16 * n + 10}" fill="{colour}">{name}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def table(lines: dict[str, list[tuple[int, float]]]) -> str:
    sizes = sorted({x for points in lines.values() for x, _ in points})
    rows = ["| ms per claim | " + " | ".join(f"{s:,}" for s in sizes) + " |",
            "|---|" + "---|" * len(sizes)]
    for name, points in lines.items():
        values = dict(points)
        rows.append(f"| {name} | " + " | ".join(f"{values[s]:.2f}" if s in values else "" for s in sizes) + " |")
    return "\n".join(rows)


def main() -> None:
    paths = [Path(a) for a in sys.argv[1:]] or [RESULTS / f"{size}.json" for size in ("1k", "10k", "100k")]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        sys.exit(f"no such file: {', '.join(missing)}; run benchmarks/run.py first")
    runs = load_runs(paths)
    if not runs:
        sys.exit("none of the runs has check_seconds; run benchmarks/run.py first")
    lines = series(runs)
    (RESULTS / "cost-per-claim.svg").write_text(svg(lines), encoding="utf-8")
    print(table(lines))


if __name__ == "__main__":
    main()
