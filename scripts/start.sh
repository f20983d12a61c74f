#!/usr/bin/env bash
# `npm start`: from a fresh clone to the example app running on the local Flowglad emulator.
# Installs dependencies when needed, builds what changed (library packages, then the app as a
# production build: the first page load is fast and nothing compiles on request), then serves it.
# Nothing here compiles native code: the app's database is PGlite (Postgres built to WASM).
#
# A restart with nothing changed skips every build: each build output has a stamp, the hash of
# the sources it was built from (scripts/sourceHash.sh), and is rebuilt only when that differs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sourceHash.sh

started=$SECONDS
log_dir=node_modules/.cache/start
elapsed() { printf '%d s' $((SECONDS - $1)); }

# Runs a step quietly with one progress line, a heartbeat every 15 s, and its output on failure.
run_step() {
  local label=$1
  shift
  local log step_started=$SECONDS
  mkdir -p "$log_dir"
  log="$log_dir/$(printf '%s' "$label" | tr -c 'a-zA-Z0-9' '-').log"
  echo "› $label"
  "$@" >"$log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break 2
      sleep 0.5
    done
    echo "  … still ${label,} ($(elapsed "$step_started"))"
  done
  if ! wait "$pid"; then
    cat "$log" >&2
    echo "✗ ${label} failed after $(elapsed "$step_started") (log above, also in $log)" >&2
    exit 1
  fi
  echo "  done in $(elapsed "$step_started")"
}

source scripts/ensure-pnpm.sh >/dev/null

# Install when node_modules is missing or older than the lockfile.
if [[ ! -f node_modules/.modules.yaml || pnpm-lock.yaml -nt node_modules/.modules.yaml ]]; then
  run_step "Installing dependencies (pnpm install)" pnpm install --frozen-lockfile
fi

# A build output is current when the stamp written after building it names these sources and no
# other build (`pnpm build`, the e2e's `next build`) has rewritten the output since. Stamps live
# outside the outputs, so a packed package carries none.
stamp_dir=$log_dir
mkdir -p "$stamp_dir"
is_current() { # stamp hash output
  [[ -e "$3" && -f "$1" && "$(cat "$1")" == "$2" && ! "$3" -nt "$1" ]]
}

# Library packages, in dependency order (flowglad-trpc depends on flowglad-emulator).
package_hashes=()
for package in flowglad-emulator flowglad-trpc; do
  dir=packages/$package
  hash=$(source_hash "$dir/src" "$dir/package.json" "$dir/tsup.config.ts" "$dir"/tsconfig*.json \
    tsconfig.base.json pnpm-lock.yaml)
  package_hashes+=("$hash")
  if ! is_current "$stamp_dir/$package.source-hash" "$hash" "$dir/dist"; then
    run_step "Building $package" pnpm --filter "$package" build
    echo "$hash" >"$stamp_dir/$package.source-hash"
  fi
done

# The app: its own sources (not its tests), the packages it bundles, and its local settings.
app_hash=$(
  {
    source_hash apps/web ':!apps/web/e2e' ':!apps/web/test' ':!apps/web/*.md' ':!apps/web/vitest.config.ts'
    printf '%s\n' "${package_hashes[@]}"
    cat apps/web/.env.local 2>/dev/null || true
  } | git hash-object --stdin
)
if ! is_current "$stamp_dir/web.source-hash" "$app_hash" apps/web/.next/BUILD_ID; then
  run_step "Building the app (next build)" \
    env APP_BUILD_SKIP_TYPECHECK=1 bash -c 'cd apps/web && node_modules/.bin/next build'
  echo "$app_hash" >"$stamp_dir/web.source-hash"
fi

# Everything else (emulator port, data dir, Flowglad key) comes from the environment or
# apps/web/.env.local, with working defaults: see apps/web/.env.example.
PORT="${PORT:-3000}"
export PORT

echo "› Starting the app (database, emulator)"
cd apps/web
# Next.js prints its own "Ready in …" before the app can answer; ours below is the one that counts.
node_modules/.bin/next start --port "$PORT" > >(grep --line-buffered -v 'Ready in') 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' INT TERM EXIT

for _ in $(seq 1 240); do
  if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "http://localhost:${PORT}/pricing"; then
    printf '\n  ✓ Ready in %s: open http://localhost:%s\n    (billing: see the [startup] line above; Ctrl+C to stop)\n\n' \
      "$(elapsed "$started")" "$PORT"
    break
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "The app exited during startup; see the log above." >&2
    exit 1
  fi
  sleep 0.5
done
wait "$server"
