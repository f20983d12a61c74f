#!/usr/bin/env bash
# Swaps the running oracle's mock services (Flowglad's packages/mock-server, whose Trigger.dev
# answers QUEUED and runs nothing) for scripts/oracle/task-runner.ts: the same mocks on the same
# ports 9001–9006, with a Trigger.dev that runs Flowglad's own task code. It also swaps the
# Stripe stub for scripts/oracle/stripe-stand-in.mjs (same answers, plus a succeeded charge when
# a PaymentIntent is confirmed, which a billing run needs), carrying the stub's objects over.
#
#   scripts/oracle/task-runner.sh start  [--dir DIR]   # idempotent; the swap takes ~2 s
#   scripts/oracle/task-runner.sh restart [--dir DIR]  # after editing task-runner.ts
#   scripts/oracle/task-runner.sh stop   [--dir DIR]   # brings the stock mock-server back
#   scripts/oracle/task-runner.sh status [--dir DIR]
#
# The oracle (oracle.sh start) must be running. The runner's pid is recorded as the oracle's
# mock-server pid, so `oracle.sh stop` stops it and `oracle.sh start` sees the mocks as up.
# Postgres and the Next server are never touched. Logs: DIR/logs/task-runner.log.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CMD=${1:-}; shift || true
DIR=${TMPDIR:-/tmp}/flowglad-oracle
while [ $# -gt 0 ]; do
  case $1 in
    --dir) DIR=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
RUN=$DIR/run; LOGS=$DIR/logs; MOCKS=$DIR/src/packages/mock-server
log() { printf '[task-runner %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
pid_of() { cat "$RUN/mock-server.pid" 2>/dev/null || true; }
alive() { local p; p=$(pid_of); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }
is_runner() { local p; p=$(pid_of); [ -n "$p" ] && tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q 'task-runner.ts'; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
bun_bin() { command -v bun || ls "$DIR"/_tools/node_modules/.bin/bun 2>/dev/null | head -1; }

stop_mocks() { # TERM the recorded mock process group, KILL after 10 s, wait for the ports to free
  local p; p=$(pid_of)
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
    kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$p" 2>/dev/null || true
  fi
  for port in 9001 9002 9003 9004 9005 9006; do
    for _ in $(seq 1 20); do listening "$port" || break; sleep 0.5; done
    listening "$port" && die "port $port is still taken after stopping the mocks"
  done
  return 0
}

spawn_mocks() { # spawn_mocks CWD CMD...: own process group, recorded as the oracle's mock-server
  local cwd=$1; shift
  # cd first, so the background job is setsid itself and $! is the new group's leader.
  (cd "$cwd" || exit 1; setsid "$@" </dev/null >>"$LOGS/task-runner.log" 2>&1 & echo $! >"$RUN/mock-server.pid")
  for port in 9001 9002 9003 9004 9005 9006; do
    for _ in $(seq 1 60); do listening "$port" && break; sleep 0.5; done
    listening "$port" || die "port $port did not open (see $LOGS/task-runner.log)"
  done
}

[ -s "$RUN/next.pid" ] && kill -0 "$(cat "$RUN/next.pid")" 2>/dev/null \
  || die "no running oracle in $DIR (start it with oracle.sh start)"
BUN=$(bun_bin); [ -n "$BUN" ] || die "bun not found (oracle.sh installs it in $DIR/_tools)"

STUB_OBJECTS=$RUN/stripe-objects.json
stub_pid() { cat "$RUN/stripe-stub.pid" 2>/dev/null || true; }
stub_is_stand_in() { local p; p=$(stub_pid); [ -n "$p" ] && tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q 'stripe-stand-in.mjs'; }
swap_stripe() { # the stand-in in place of the shared stub, with every object the stub holds
  stub_is_stand_in && kill -0 "$(stub_pid)" 2>/dev/null && return 0
  node -e '
    const kinds = ["customers","payment_intents","setup_intents","payment_methods","charges","products","prices",
      "refunds","accounts","ephemeral_keys","customer_sessions","checkout/sessions"]
    Promise.all(kinds.map((k) => fetch("http://127.0.0.1:12111/v1/" + k).then((r) => r.ok ? r.json() : { data: [] })
      .then((l) => l.data || []).catch(() => [])))
      .then((lists) => require("fs").writeFileSync(process.argv[1], JSON.stringify(lists.flat())))' "$STUB_OBJECTS"
  local p; p=$(stub_pid)
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
    kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
  fi
  for _ in $(seq 1 20); do listening 12111 || break; sleep 0.5; done
  (cd "$DIR" || exit 1; setsid node "$HERE/stripe-stand-in.mjs" "$STUB_OBJECTS" </dev/null >>"$LOGS/stripe-stub.log" 2>&1 & echo $! >"$RUN/stripe-stub.pid")
  for _ in $(seq 1 40); do listening 12111 && break; sleep 0.5; done
  listening 12111 || die "the Stripe stand-in did not open port 12111 (see $LOGS/stripe-stub.log)"
  log "Stripe stand-in running (pid $(stub_pid)), $(node -pe "require('$STUB_OBJECTS').length") objects carried over"
}

case $CMD in
  start|restart)
    swap_stripe
    if [ "$CMD" = start ] && alive && is_runner; then log "already running (pid $(pid_of))"; exit 0; fi
    log "swapping the stock mock-server for the task runner"
    stop_mocks
    spawn_mocks "$DIR" "$BUN" "$HERE/task-runner.ts" "$DIR"
    log "running (pid $(pid_of)); runs log to $LOGS/task-runner.log"
    ;;
  stop)
    if alive && ! is_runner; then log "the stock mock-server is already running"; exit 0; fi
    log "bringing the stock mock-server back"
    stop_mocks
    (cd "$MOCKS" || exit 1; setsid "$BUN" run src/index.ts </dev/null >>"$LOGS/mock-server.log" 2>&1 & echo $! >"$RUN/mock-server.pid")
    for port in 9001 9002 9003 9004 9005 9006; do
      for _ in $(seq 1 60); do listening "$port" && break; sleep 0.5; done
    done
    log "stock mock-server running (pid $(pid_of))"
    ;;
  status)
    if alive && is_runner; then echo "task runner (pid $(pid_of))"
    elif alive; then echo "stock mock-server (pid $(pid_of))"
    else echo "no mocks running"; exit 1; fi
    ;;
  *) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
