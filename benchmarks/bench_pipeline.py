"""Benchmark the pipeline on the sample documents: a full build, a no-op refresh and a
one-document refresh, each a real `plans` run in a scratch data folder.

Usage: .venv/bin/python benchmarks/bench_pipeline.py [--runs N]
Writes the figures to benchmarks/PIPELINE_RESULTS.md (wall time, peak memory of the run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SA = "004_b40c0b7f81374021.txt"


def run(args: list[str], data: Path) -> tuple[float, float]:
    env = dict(os.environ)
    env.update(
        {
            "PLANS_DATA_DIR": str(data),
            "PLANS_RAW_DIR": str(data / "raw"),
            "PLANS_MANIFEST": str(data / "raw" / "manifest.csv"),
        }
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "ingest.cli", *args, "--quiet"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"plans {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    peak_kb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return elapsed, peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    n = parser.parse_args().runs
    results: dict[str, list[float]] = {
        "full build": [],
        "no-op refresh": [],
        "one-document refresh": [],
    }
    peak = 0.0
    for i in range(n):
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp)
            shutil.copytree(RAW, data / "raw")
            t, m = run(["build"], data)
            results["full build"].append(t)
            peak = max(peak, m)
            t, m = run(["refresh"], data)
            results["no-op refresh"].append(t)
            sa = data / "raw" / SA
            text = sa.read_text(encoding="utf-8")
            sa.write_text(text.replace("TOTALE 2020\t\t\t\t\t83%", f"TOTALE 2020\t\t\t\t\t8{i}%"))
            t, m = run(["refresh"], data)
            results["one-document refresh"].append(t)
            peak = max(peak, m)
    lines = [
        "# Pipeline benchmark",
        "",
        f"{dt.date.today().isoformat()}, {platform.machine()} with {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; the 5 sample documents; {n} runs each; "
        "`python benchmarks/bench_pipeline.py`. Every run includes dbt build and the Great "
        "Expectations suites (the no-op refresh runs neither).",
        "",
        "| run | median s | min s | max s |",
        "|---|---|---|---|",
    ]
    for name, times in results.items():
        lines.append(
            f"| {name} | {statistics.median(times):.1f} | {min(times):.1f} | {max(times):.1f} |"
        )
    lines += ["", f"Peak resident memory of a run's process tree: {peak:.0f} MiB.", ""]
    out = "\n".join(lines)
    print(out)
    (ROOT / "benchmarks" / "PIPELINE_RESULTS.md").write_text(out, encoding="utf-8")


if __name__ == "__main__":
    main()
