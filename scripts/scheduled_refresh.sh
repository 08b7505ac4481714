#!/usr/bin/env bash
# The scheduled monthly refresh (called by cron or the systemd timer): logs to a file and
# marks the run trigger=scheduled in audit.load_runs.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT" || exit 1
LOG_DIR="${PLANS_LOG_DIR:-$ROOT/data/logs}"
mkdir -p "$LOG_DIR"
{
  echo "=== $(date -Iseconds) scheduled refresh"
  "$ROOT/.venv/bin/plans" refresh --trigger scheduled
  rc=$?
  echo "=== $(date -Iseconds) exit code $rc"
} >>"$LOG_DIR/refresh.log" 2>&1
exit $rc
