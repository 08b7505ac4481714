"""Scale benchmark: full build, one-document refresh and no-op refresh of N documents.

    python benchmarks/bench_scale.py N [N ...] [--work DIR] [--pages] [--out FILE]
    make bench-scale N=1000

For each N: a corpus of N documents (benchmarks/corpus.py) in ``DIR/corpus-N`` (reused when
it is there), a data folder ``DIR/data-N`` built from scratch, then one document changed and
refreshed, then a refresh with nothing changed. Each run is a real ``plans`` process; the
benchmark samples the resident memory of its whole process tree (workers included) every
0.2 s and splits the time by stage from the run's progress lines. With ``--pages`` the page
benchmark (benchmarks/bench_pages.py) renders every page on the built marts (its table also
goes to benchmarks/RESULTS.md). The results are appended to benchmarks/SCALE_RESULTS.md
(machine, date, command, tables).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import SAMPLES, generate, vary  # noqa: E402

# A stage starts at the progress line that closes the one before it (the scan line is
# printed when the scan is done, the check lines when every suite has run, the export line
# when the marts are written); its time runs to the next stage's start.
STAGES = (
    ("ingest", re.compile(r"\] scan:")),
    ("transform", re.compile(r"\] transform: dbt build")),
    ("check", re.compile(r"transform: \d+ dbt nodes passed")),  # dbt docs at full builds too
    ("export", re.compile(r"\] check: ")),
    ("switch", re.compile(r"\] export: ")),
    ("done", re.compile(r"\] done: ")),
)
STAMP = re.compile(r"^\[\s*([\d.]+)s\]")


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        p = int(stat.parent.name)
        children.setdefault(int(fields[1]), []).append(p)
        rss[p] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def run_plans(args: list[str], data: Path, raw: Path) -> dict:
    env = dict(os.environ)
    env.update(
        PLANS_DATA_DIR=str(data), PLANS_RAW_DIR=str(raw), PLANS_MANIFEST=str(raw / "manifest.csv")
    )
    for var in ("PLANS_DB_PATH", "PLANS_MARTS_DIR"):
        env.pop(var, None)
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ingest.cli", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    peak, load = 0, 0.0
    stage = "scan"  # the stage the memory samples belong to
    stage_peak: dict[str, int] = {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, load
        while not done.is_set():
            rss = _tree_rss(proc.pid)
            peak = max(peak, rss)
            stage_peak[stage] = max(stage_peak.get(stage, 0), rss)
            load = max(load, os.getloadavg()[0])
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    lines = []
    assert proc.stdout is not None
    for line in proc.stdout:  # the stage a line opens is the stage of the memory samples
        lines.append(line)
        for name, pattern in STAGES:
            if pattern.search(line):
                stage = name
                break
    proc.wait()
    out = "".join(lines)
    done.set()
    sampler.join()
    wall = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(f"plans {' '.join(args)} failed ({proc.returncode}):\n{out[-3000:]}")
    split = stage_split(out)
    (data.parent / f"{data.name}-{args[0]}-{int(time.time())}.log").write_text(out)
    return {
        "wall": wall,
        "peak_mb": peak / 2**20,
        "stage_peak_mb": {k: v / 2**20 for k, v in stage_peak.items()},
        "load": load,
        "split": split,
        "out": out,
    }


def stage_split(out: str) -> dict[str, float]:
    """Seconds per stage from a run's progress lines (scan: from the start)."""
    marks: dict[str, float] = {"scan": 0.0}
    for line in out.splitlines():
        m = STAMP.match(line)
        if not m:
            continue
        for name, pattern in STAGES:
            if name not in marks and pattern.search(line):
                marks[name] = float(m.group(1))
    order = ["scan"] + [n for n, _ in STAGES if n in marks]
    return {a: marks[b] - marks[a] for a, b in zip(order, order[1:], strict=False)}


def _change_one(raw: Path, run: int) -> Path:
    """Change one figure of the first PEG copy (the document most rows come from): its
    pristine text (benchmarks/corpus.py) with the cents of one amount set to ``run`` % 100,
    a valid Italian amount, so the refresh re-reads a sound document."""
    path = sorted(raw.glob("c*_003_*.txt"))[0]
    k = int(path.name[1:6])
    text = vary((SAMPLES / path.name.split("_", 1)[1]).read_text(encoding="utf-8"), k)
    m = re.search(r"\t(\d{1,3}(?:\.\d{3})*),(\d{2})\t", text)
    assert m, path
    cents = f"{(int(m.group(2)) + 1 + run % 98) % 100:02d}"
    changed = f"\t{m.group(1)},{cents}\t"
    path.write_text(text.replace(m.group(0), changed, 1), encoding="utf-8")
    return path


def bench(n: int, work: Path, pages: bool, reuse: bool = False) -> dict:
    raw = work / f"corpus-{n}"
    if not (raw / "manifest.csv").exists():
        t = time.monotonic()
        generate(n, raw)
        print(f"corpus of {n} documents in {time.monotonic() - t:.0f} s", flush=True)
    data = work / f"data-{n}"
    results: dict = {"n": n}
    if reuse and (data / "warehouse.duckdb").exists():
        print(f"N={n}: reusing the warehouse in {data}", flush=True)
        results["build"] = None
    else:
        shutil.rmtree(data, ignore_errors=True)
        print(f"N={n}: full build", flush=True)
        results["build"] = run_plans(["build"], data, raw)
    _change_one(raw, int(time.time()))
    print(f"N={n}: one-document refresh", flush=True)
    results["refresh_one"] = run_plans(["refresh"], data, raw)
    print(f"N={n}: no-op refresh", flush=True)
    results["noop"] = run_plans(["refresh"], data, raw)
    db = data / "warehouse.duckdb"
    results["db_mb"] = db.resolve().stat().st_size / 2**20
    if pages:
        label = f"{n:,} documenti (corpus di bench_scale)".replace(",", ".")
        proc = subprocess.run(
            [
                sys.executable,
                "benchmarks/bench_pages.py",
                "--marts",
                str(data / "marts"),
                "--label",
                label,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        results["pages"] = proc.stdout + proc.stderr
    return results


def report(all_results: list[dict], command: str) -> str:
    uname = platform.uname()
    lines = [
        f"## {dt.datetime.now():%Y-%m-%d %H:%M}: `{command}`",
        "",
        f"- machine: {uname.system} {uname.machine}, {os.cpu_count()} cores; Python "
        f"{platform.python_version()}",
        "- peak memory: resident memory of the whole `plans` process tree (parse workers and "
        "checks worker included), sampled every 0.2 s",
        "",
        "- load: the highest 1-minute load average during the run (above 2 means other jobs "
        "shared the 2 cores)",
        "",
        "| N | run | wall (s) | scan | ingest | transform | check | export | switch "
        "| peak memory (MB) | load |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in all_results:
        for key, label in (
            ("build", "full build"),
            ("refresh_one", "refresh, 1 document changed"),
            ("noop", "no-op refresh"),
        ):
            x = r[key]
            if x is None:
                lines.append(f"| {r['n']:,} | {label} | (warehouse of an earlier run) ||||||||| ")
                continue
            s = x["split"]
            cells = [
                f"{s[k]:.1f}" if k in s else ""
                for k in ("scan", "ingest", "transform", "check", "export", "switch")
            ]
            lines.append(
                f"| {r['n']:,} | {label} | {x['wall']:.1f} | "
                f"{' | '.join(cells)} | {x['peak_mb']:.0f} | {x['load']:.1f} |"
            )
    lines.append("")
    lines.append("Peak memory by stage (MB):")
    lines.append("")
    for r in all_results:
        for key in ("build", "refresh_one"):
            if r.get(key):
                peaks = ", ".join(f"{k} {v:.0f}" for k, v in r[key]["stage_peak_mb"].items())
                lines.append(f"- N={r['n']:,}, {key}: {peaks}")
    lines.append("")
    for r in all_results:
        lines.append(f"- N={r['n']:,}: warehouse file {r['db_mb']:.0f} MB")
        if r.get("pages"):
            lines += ["", "```", r["pages"].strip(), "```"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("n", type=int, nargs="+")
    p.add_argument("--work", type=Path, default=Path("/tmp/plans-scale"))
    p.add_argument("--pages", action="store_true", help="also render every page (bench_pages)")
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "SCALE_RESULTS.md")
    p.add_argument(
        "--reuse",
        action="store_true",
        help="keep the warehouse of an earlier run (no full build): refreshes only; built by "
        "other parser or dbt code, the refresh re-parses or rebuilds everything",
    )
    args = p.parse_args(argv)
    results = [bench(n, args.work, args.pages, args.reuse) for n in args.n]
    text = report(results, "python benchmarks/bench_scale.py " + " ".join(sys.argv[1:]))
    print(text)
    with args.out.open("a", encoding="utf-8") as fh:
        fh.write("\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
