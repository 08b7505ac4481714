"""A corpus of N documents for the scale benchmarks: the five samples copied as distinct enti.

    python benchmarks/corpus.py N OUT_DIR

Copy k of a sample belongs to its own ente (ente_id, name, province vary), has its own file
name, and its figures and texts differ a little from every other copy: every Italian amount
is scaled by a factor of the copy (so budgets, subtotals and targets differ), and in long
text lines one connective is reworded (so titles and descriptions differ). Every copy parses
into as many records as its sample (checked on the first copies of each sample).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SAMPLES = ROOT / "data" / "raw"
AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+),(\d{2})(?![\d,])")
REWORDINGS = [(" per ", " al fine di "), (" per ", " allo scopo di "), (" con ", " insieme a ")]
PROVINCES = ["BO", "MO", "RE", "PR", "FE", "RA", "FC", "RN", "PC", "CN", "TO", "AT", "AL", "NO"]


def _it(value: Decimal) -> str:
    units, cents = f"{value:.2f}".split(".")
    groups = []
    while len(units) > 3:
        groups.insert(0, units[-3:])
        units = units[:-3]
    groups.insert(0, units)
    return ".".join(groups) + "," + cents


def vary(text: str, k: int) -> str:
    """Copy ``k`` of a sample's text: amounts scaled, long lines reworded once."""
    factor = Decimal(1) + Decimal(k % 97) / Decimal(1000)

    def scale(m: re.Match[str]) -> str:
        value = Decimal(m.group(1).replace(".", "") + "." + m.group(2))
        return _it((value * factor).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))

    old, new = REWORDINGS[k % len(REWORDINGS)]
    lines = []
    for line in text.split("\n"):
        line = AMOUNT.sub(scale, line)
        if len(line) > 80 and "\t" not in line and old in line:
            line = line.replace(old, new, 1)
        lines.append(line)
    return "\n".join(lines)


def manifest_rows() -> list[dict[str, str]]:
    with (SAMPLES / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def generate(n: int, out: Path) -> list[Path]:
    """Write ``n`` documents (round-robin over the samples) and their manifest to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    samples = manifest_rows()
    texts = {r["file"]: (SAMPLES / r["file"]).read_text(encoding="utf-8") for r in samples}
    rows = []
    paths = []
    for i in range(n):
        sample = samples[i % len(samples)]
        k = i // len(samples)
        name = f"c{k:05d}_{sample['file']}"
        path = out / name
        path.write_text(vary(texts[sample["file"]], k), encoding="utf-8")
        paths.append(path)
        row = dict(sample)
        row["file"] = name
        row["ente_id"] = f"{sample['ente_id']}-{k:05d}"
        row["ente_name"] = f"{sample['ente_name']} (copia {k})"
        row["province"] = PROVINCES[k % len(PROVINCES)]
        rows.append(row)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(samples[0].keys()))
    writer.writeheader()
    writer.writerows(rows)
    (out / "manifest.csv").write_text(buf.getvalue(), encoding="utf-8")
    return paths


def check_copies(out: Path, per_sample: int = 2) -> None:
    """The first copies of each sample parse into as many records as the sample."""
    from ingest.dispatch import parse_one
    from ingest.manifest import read_manifest

    original = read_manifest(SAMPLES / "manifest.csv")
    copies = read_manifest(out / "manifest.csv")
    for sample in original:
        want = parse_one(SAMPLES / sample, original)
        for k in range(per_sample):
            path = out / f"c{k:05d}_{sample}"
            if not path.exists():
                continue
            got = parse_one(path, copies)
            counts = {t: len(r) for t, r in got.tables.items()}
            expected = {t: len(r) for t, r in want.tables.items()}
            if got.status != "loaded" or counts != expected:
                raise SystemExit(f"{path.name}: {got.status} {got.error} {counts} != {expected}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("n", type=int)
    p.add_argument("out", type=Path)
    args = p.parse_args(argv)
    generate(args.n, args.out)
    check_copies(args.out)
    print(f"{args.n} documents in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
