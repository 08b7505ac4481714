#!/usr/bin/env bash
# Install or remove the monthly refresh schedule with a scheduler that already exists:
# systemd user units (timer on the 1st of every month) when a user systemd is reachable,
# otherwise the user's crontab. Usage: scripts/schedule.sh install|remove|show
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MARK="# plans-warehouse-refresh"
UNIT_DIR="${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user"

have_user_systemd() { systemctl --user show-environment >/dev/null 2>&1; }
have_cron() { command -v crontab >/dev/null 2>&1; }

install_systemd() {
  mkdir -p "$UNIT_DIR"
  for unit in plans-refresh.service plans-refresh.timer; do
    sed "s#@ROOT@#$ROOT#g" "$ROOT/deploy/$unit" >"$UNIT_DIR/$unit"
  done
  systemctl --user daemon-reload
  systemctl --user enable --now plans-refresh.timer
  systemctl --user list-timers plans-refresh.timer --no-pager
}

install_cron() {
  local line
  line="$(sed "s#@ROOT@#$ROOT#g" "$ROOT/deploy/crontab.txt" | grep -v '^#')"
  { crontab -l 2>/dev/null | grep -v -F "$MARK" || true; echo "$line"; } | crontab -
  echo "installed in the user crontab:"
  crontab -l | grep -F "$MARK"
}

case "${1:-}" in
  install)
    if have_user_systemd; then install_systemd
    elif have_cron; then install_cron
    else
      echo "no user systemd and no crontab on this machine: install cron (apt-get install cron)" \
        "or copy deploy/plans-refresh.{service,timer} by hand" >&2
      exit 1
    fi ;;
  remove)
    if have_user_systemd && [ -f "$UNIT_DIR/plans-refresh.timer" ]; then
      systemctl --user disable --now plans-refresh.timer || true
      rm -f "$UNIT_DIR/plans-refresh.timer" "$UNIT_DIR/plans-refresh.service"
      systemctl --user daemon-reload
      echo "systemd user timer removed"
    fi
    if have_cron; then
      { crontab -l 2>/dev/null | grep -v -F "$MARK" || true; } | crontab -
      echo "crontab entry removed"
    fi ;;
  show)
    if have_user_systemd; then systemctl --user list-timers plans-refresh.timer --no-pager || true; fi
    if have_cron; then crontab -l 2>/dev/null | grep -F "$MARK" || echo "no crontab entry"; fi ;;
  *)
    echo "usage: $0 install|remove|show" >&2
    exit 2 ;;
esac
