#!/usr/bin/env bash
# `pnpm test:oracle`: the two-target conformance suite (packages/flowglad-emulator/test/conformance/,
# and the plugin on the same answers in packages/flowglad-trpc/test/conformance/) against the
# in-process emulator and against Flowglad's real server run offline (the oracle), with
# per-target counts: passed / expected to differ (with the reason) / failed.
#
#   bash scripts/test-oracle.sh            start (or reuse) the oracle, run both targets, print counts
#   bash scripts/test-oracle.sh --launch   start the oracle in the background and return (CI: early)
#   bash scripts/test-oracle.sh --stop     stop the oracle if --launch or a run here started it
#
# The oracle is `oracle.sh` from the shared folder beside the checkout (never copied here):
# $FLOWGLAD_ORACLE_SH, else <repo>/../shared/flowglad-server/oracle.sh, else the same path beside
# the main checkout of a git worktree or beside any folder above the checkout. Not found is a
# failure, never a skip. One oracle runs per
# machine (fixed ports); one already running is reused, and only one this script started is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
STATE="$REPO/artifacts/oracle"
PRICING="packages/flowglad-emulator/pricing/default.yaml"
ATTEMPTS="${FLOWGLAD_ORACLE_ATTEMPTS:-3}"
mkdir -p "$STATE"

say() { printf '[test:oracle] %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

find_oracle_sh() {
  local candidates=()
  [[ -n "${FLOWGLAD_ORACLE_SH:-}" ]] && candidates+=("$FLOWGLAD_ORACLE_SH")
  candidates+=("$REPO/../shared/flowglad-server/oracle.sh")
  # A worktree's main checkout (the git common dir's parent) sits beside the shared folder too.
  local common
  if common="$(git -C "$REPO" rev-parse --path-format=absolute --git-common-dir 2>/dev/null)"; then
    candidates+=("$(dirname "$common")/../shared/flowglad-server/oracle.sh")
  fi
  # And beside any folder above the checkout (a worktree in <root>/wt/<name> finds <root>/shared).
  local dir="$REPO"
  while [[ "$dir" != / ]]; do
    dir="$(dirname "$dir")"
    candidates+=("$dir/shared/flowglad-server/oracle.sh")
  done
  local candidate
  for candidate in "${candidates[@]}"; do
    if [[ -f "$candidate" ]]; then
      (cd "$(dirname "$candidate")" && printf '%s/%s\n' "$(pwd -P)" "$(basename "$candidate")")
      return 0
    fi
  done
  say "oracle.sh not found; looked at: ${candidates[*]}"
  say "set FLOWGLAD_ORACLE_SH to Flowglad's oracle script (see issue 14)"
  return 1
}

ORACLE_SH="$(find_oracle_sh)" || fail "cannot run the conformance suite against Flowglad's server"
# The oracle's folder; its logs are in $ORACLE_DIR/logs (oracle.sh's default DIR).
ORACLE_DIR="${TMPDIR:-/tmp}/flowglad-oracle"

# Prints the oracle's logs (and keeps a copy under artifacts/oracle/logs) when a start fails.
dump_logs() {
  say "oracle start log (last 40 lines of $STATE/start.log):"
  tail -n 40 "$STATE/start.log" >&2 2>/dev/null || true
  if [[ -d "$ORACLE_DIR/logs" ]]; then
    mkdir -p "$STATE/logs"
    local log
    for log in "$ORACLE_DIR"/logs/*.log; do
      [[ -f "$log" ]] || continue
      tail -c 2000000 "$log" >"$STATE/logs/$(basename "$log")" || true
      say "── $(basename "$log") (last 25 lines; full copy in artifacts/oracle/logs/)"
      tail -n 25 "$log" >&2 || true
    done
  fi
}

# One `oracle.sh start`: its two env lines go to $STATE/env, its progress to $STATE/start.log.
start_once() {
  # niced: in CI it warms up beside build, lint and the unit tests, which must not starve.
  nice -n 10 "$ORACLE_SH" start --pricing "$REPO/$PRICING" >"$STATE/env.partial" 2>>"$STATE/start.log" &&
    mv "$STATE/env.partial" "$STATE/env"
}

# Starts with retries (oracle.sh start is idempotent: a retry resumes where the last one failed).
start_with_retries() {
  local attempt
  for attempt in $(seq 1 "$ATTEMPTS"); do
    say "starting the oracle (attempt $attempt of $ATTEMPTS)"
    if start_once; then
      printf '%s\n' "$(($(date +%s) - $(cat "$STATE/launched-at")))" >"$STATE/start-seconds"
      return 0
    fi
    dump_logs
    sleep $((attempt * 5))
  done
  return 1
}

launch() {
  rm -f "$STATE/env" "$STATE/status" "$STATE/start-seconds" "$STATE/started-here" "$STATE/reused"
  : >"$STATE/start.log"
  date +%s >"$STATE/launched-at"
  if "$ORACLE_SH" env >/dev/null 2>&1; then touch "$STATE/reused"; else touch "$STATE/started-here"; fi
  (
    if start_with_retries; then echo ok >"$STATE/status"; else echo failed >"$STATE/status"; fi
  ) </dev/null >/dev/null 2>&1 &
  echo $! >"$STATE/launcher.pid"
  say "oracle launching in the background (pid $!, log artifacts/oracle/start.log)"
}

# Waits for a --launch (or launches now), then checks the API answers with the key (warm-up).
wait_ready() {
  [[ -f "$STATE/launcher.pid" ]] || launch
  local pid
  pid="$(cat "$STATE/launcher.pid")"
  while kill -0 "$pid" 2>/dev/null; do sleep 2; done
  rm -f "$STATE/launcher.pid"
  [[ "$(cat "$STATE/status" 2>/dev/null)" == ok ]] || { dump_logs; fail "the oracle did not start after $ATTEMPTS attempts"; }
  # shellcheck disable=SC1091
  source "$STATE/env"
  export FLOWGLAD_ORACLE_URL FLOWGLAD_ORACLE_KEY
  local code=000 tries
  for tries in $(seq 1 60); do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 \
      -H "authorization: $FLOWGLAD_ORACLE_KEY" "$FLOWGLAD_ORACLE_URL/api/v1/pricing-models/default" || true)"
    [[ "$code" == 200 ]] && break
    sleep 5
  done
  [[ "$code" == 200 ]] || { dump_logs; fail "the oracle at $FLOWGLAD_ORACLE_URL answers $code, not 200"; }
  local how=started
  [[ -f "$STATE/reused" ]] && how="reused (already running)"
  say "oracle ready at $FLOWGLAD_ORACLE_URL: $how in $(cat "$STATE/start-seconds") s"
}

stop_if_started_here() {
  if [[ -f "$STATE/launcher.pid" ]]; then
    local pid
    pid="$(cat "$STATE/launcher.pid")"
    while kill -0 "$pid" 2>/dev/null; do sleep 2; done
    rm -f "$STATE/launcher.pid"
  fi
  if [[ -f "$STATE/started-here" ]]; then
    say "stopping the oracle this run started"
    "$ORACLE_SH" stop >&2 || say "oracle.sh stop failed"
    rm -f "$STATE/started-here"
  fi
}

# One target's run: vitest's JSON report in artifacts/, then its counts.
run_target() {
  local target="$1"
  shift
  local report="$REPO/artifacts/conformance-$target.json"
  rm -f "$report"
  say "conformance suite against the $target"
  local status=0
  # Both packages' conformance folders: the emulator's wire contract and the plugin on the same
  # answers. Files run side by side: the oracle spends most of a request in Postgres and its own I/O.
  env "$@" pnpm exec vitest run --project flowglad-emulator --project flowglad-trpc \
    packages/flowglad-emulator/test/conformance/ packages/flowglad-trpc/test/conformance/ --maxWorkers=3 \
    --reporter=default --reporter=json --outputFile.json="$report" || status=$?
  [[ -f "$report" ]] || fail "vitest wrote no report for the $target (exit $status)"
  return "$status"
}

# In a function, read whole before it runs: editing the file mid-run cannot change what runs.
main() {
  case "${1:-}" in
  --launch) launch ;;
  --stop) stop_if_started_here ;;
  "")
    source scripts/ensure-pnpm.sh
    # Without a --launch first, this run owns the oracle it starts: stop it on the way out.
    [[ -f "$STATE/launcher.pid" ]] || trap stop_if_started_here EXIT
    wait_ready
    # Flowglad's own Trigger.dev tasks (checkout completion, billing runs, prorated adjusts) run on
    # the oracle through the project's task runner (scripts/oracle/task-runner.sh; idempotent).
    bash scripts/oracle/task-runner.sh start --dir "$ORACLE_DIR" >&2 || fail "the oracle's task runner did not start"
    emulator=0
    oracle=0
    run_target emulator -u FLOWGLAD_CONFORMANCE_SECRET_KEY -u FLOWGLAD_CONFORMANCE_BASE_URL || emulator=$?
    run_target oracle FLOWGLAD_CONFORMANCE_TARGET=oracle \
      FLOWGLAD_CONFORMANCE_SECRET_KEY="$FLOWGLAD_ORACLE_KEY" \
      FLOWGLAD_CONFORMANCE_BASE_URL="$FLOWGLAD_ORACLE_URL" || oracle=$?
    # Webhooks: the events the oracle writes for a new customer (what it hands Svix) against the
    # emulator's deliveries (packages/flowglad-emulator/test/oracle/webhookEvents.oracle.ts).
    webhooks=0
    say "webhook events: the emulator's against the oracle's"
    FLOWGLAD_ORACLE_DIR="$ORACLE_DIR" pnpm --filter flowglad-emulator test:oracle-webhooks || webhooks=$?
    node scripts/conformance-summary.mjs \
      "emulator=artifacts/conformance-emulator.json" "oracle=artifacts/conformance-oracle.json"
    [[ "$emulator" == 0 && "$oracle" == 0 && "$webhooks" == 0 ]] ||
      fail "conformance: emulator exit $emulator, oracle exit $oracle, webhook events exit $webhooks"
    ;;
  *) fail "unknown argument '$1' (use --launch, --stop or nothing)" ;;
  esac
}

main "$@"; exit $? # one line: bash has read the exit before main runs
