"""What a run must do, decided before anything is built: which documents are new, changed,
unchanged, removed, or failed before with the same file and code (not retried), and whether
the run may go ahead at all (it never silently publishes fewer documents than it replaces).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from ingest.manifest import Manifest


@dataclass(frozen=True)
class Served:
    """A document of the serving build."""

    document_id: str
    source_file: str
    sha256: str
    parser_version: str
    manifest_fingerprint: str
    ente_id: str


@dataclass
class Plan:
    to_parse: list[Path] = field(default_factory=list)
    carried: list[str] = field(default_factory=list)  # unchanged, rows carried over
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    not_retried: dict[str, str] = field(default_factory=dict)  # id -> why
    seen: int = 0
    shas: dict[str, str] = field(default_factory=dict)  # document_id -> sha256 of the file
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def nothing_to_do(self) -> bool:
        return not (self.to_parse or self.removed)


def read_served(build_dir: Path | None) -> dict[str, Served]:
    """The documents of a build folder (its documents.parquet sidecar)."""
    if build_dir is None or not (build_dir / "documents.parquet").exists():
        return {}
    df = pl.read_parquet(build_dir / "documents.parquet")
    return {
        r["document_id"]: Served(
            r["document_id"],
            r["source_file"],
            r["sha256"],
            r["parser_version"] or "",
            r["manifest_fingerprint"] or "",
            r["ente_id"] or "",
        )
        for r in df.iter_rows(named=True)
    }


def plan_run(
    files: list[Path],
    shas: dict[Path, str],
    manifest: Manifest,
    served: dict[str, Served],
    failed_before: dict[str, tuple[str, str, str, str, str]],
    version: str,
    incremental: bool,
) -> Plan:
    """Classify the scanned files against the serving build (sha256, manifest line, parser
    version). In an incremental run a document that failed with this very file, manifest
    line and parser is not parsed again (its failure still stands and is reported)."""
    plan = Plan(seen=len(files))
    seen_ids: set[str] = set()
    for path in files:
        doc_id = path.stem
        seen_ids.add(doc_id)
        sha = shas[path]
        plan.shas[doc_id] = sha
        plan.files[doc_id] = path
        entry = manifest.get(path.name)
        fp = entry.fingerprint() if entry else ""
        before = served.get(doc_id)
        failure = failed_before.get(doc_id)
        same_failure = bool(failure) and failure[:3] == (sha, version, fp)
        served_differs = before is None or before.sha256 != sha or before.manifest_fingerprint != fp
        if incremental and same_failure and served_differs:
            plan.not_retried[doc_id] = (
                f"{path.name}: not retried, same file and code as the failed attempt of run "
                f"{failure[3]} ({failure[4]})"
            )
            if before is not None:
                plan.unchanged.append(doc_id)
                plan.carried.append(doc_id)
            continue
        if before is None:
            plan.new.append(doc_id)
            plan.to_parse.append(path)
        elif before.sha256 != sha or before.manifest_fingerprint != fp:
            plan.changed.append(doc_id)
            plan.to_parse.append(path)
        else:
            plan.unchanged.append(doc_id)
            if incremental and before.parser_version == version:
                plan.carried.append(doc_id)
            else:
                plan.to_parse.append(path)
    plan.removed = sorted(set(served) - seen_ids)
    return plan


def removal_refusal(
    plan: Plan, served: int, raw_dirs: list[Path], max_share: float, allowed: bool
) -> str | None:
    """Why the run must stop instead of publishing a shrunken warehouse (None: go ahead)."""
    if allowed or not plan.removed or not served:
        return None
    missing = [str(d) for d in raw_dirs[:1] if not d.exists()]
    share = len(plan.removed) / served
    if missing:
        why = (
            f"the raw folder {missing[0]} does not exist (a failed mount or a wrong PLANS_RAW_DIR?)"
        )
    elif len(plan.removed) == served:
        why = "every loaded document would be removed"
    elif share > max_share:
        why = (
            f"{len(plan.removed)} of {served} loaded documents ({share:.0%}) would be removed, "
            f"more than PLANS_MAX_REMOVED_SHARE={max_share:.0%}"
        )
    else:
        return None
    shown = ", ".join(plan.removed[:5]) + (" ..." if len(plan.removed) > 5 else "")
    return (
        f"refused: {why} ({shown}); the previous warehouse keeps serving. If the removal is "
        "intended, run again with --allow-removal"
    )
