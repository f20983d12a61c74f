#!/usr/bin/env bash
# Adoption check: packs flowglad-trpc and flowglad-emulator (`pnpm pack`), installs the tarballs into
# every app under fixtures/ from the registry, outside the workspace (as a user's app would), builds
# each for production with NO Flowglad key, then starts it against an out-of-process emulator and
# asserts the server-rendered HTML carries pricing and billing data (fixtures/README.md lists the
# markers). Needs the packages built (`pnpm build`). Works on copies in a temp folder: the repo's
# fixtures/ stay untouched.
#
#   bash scripts/check-fixtures.sh                  # every fixture
#   bash scripts/check-fixtures.sh t3-classic-zod3  # some fixtures, by folder name
#   FIXTURES_KEEP=1 ...                             # keep the temp folder (printed) for inspection
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-pnpm.sh
root=$PWD

step() { printf '\n\033[1m› fixtures: %s\033[0m\n' "$*"; }
fail() {
  printf '\033[31mFAIL\033[0m fixtures/%s: %s\n' "$1" "$2" >&2
  exit 1
}

work=$(mktemp -d -t flowglad-fixtures.XXXXXX)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "${FIXTURES_KEEP:-}" ]; then echo "fixtures: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

free_port() {
  node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close() })'
}

# Polls until `$1` appears in file `$2` (a server's log), or fails after `$3` seconds.
wait_for_log() {
  local pattern=$1 file=$2 seconds=$3 name=$4 i
  for ((i = 0; i < seconds * 4; i++)); do
    grep -q "$pattern" "$file" 2>/dev/null && return 0
    sleep 0.25
  done
  cat "$file" >&2
  fail "$name" "timed out after ${seconds}s waiting for '$pattern' in $(basename "$file")"
}

if [ "$#" -gt 0 ]; then fixtures=("$@"); else
  fixtures=()
  for dir in fixtures/*/; do [ -f "$dir/package.json" ] && fixtures+=("$(basename "$dir")"); done
fi
[ "${#fixtures[@]}" -gt 0 ] || { echo "no fixtures found under fixtures/" >&2; exit 1; }

step "pack flowglad-trpc and flowglad-emulator"
[ -f packages/flowglad-trpc/dist/server/index.js ] || { echo "build the packages first: pnpm build" >&2; exit 1; }
mkdir -p "$work/packs"
for pkg in flowglad-trpc flowglad-emulator; do
  (cd "packages/$pkg" && pnpm pack --pack-destination "$work/packs" >/dev/null)
  # The fixtures depend on "file:../packs/<name>.tgz": a stable name whatever the version.
  mv "$work/packs/$pkg"-[0-9]*.tgz "$work/packs/$pkg.tgz"
done
ls -l "$work/packs"

for name in "${fixtures[@]}"; do
  src="fixtures/$name"
  [ -f "$src/package.json" ] || fail "$name" "no package.json"
  app="$work/$name"
  started=$SECONDS

  step "$name: install from the registry (--ignore-workspace)"
  mkdir -p "$app"
  tar -C "$src" --exclude=node_modules --exclude=.next -cf - . | tar -C "$app" -xf -
  (cd "$app" && pnpm install --ignore-workspace --no-frozen-lockfile --reporter=append-only 2>&1 | tail -n 25) ||
    fail "$name" "install failed"

  # A fixture that uses typed slugs generates them as its docs say (`pnpm run codegen`).
  if node -e 'process.exit(require(process.argv[1]).scripts?.codegen ? 0 : 1)' "$app/package.json"; then
    step "$name: codegen (typed slugs from the emulator's pricing file)"
    (cd "$app" && pnpm run codegen) || fail "$name" "codegen failed"
  fi

  step "$name: next build with no Flowglad key"
  (cd "$app" && env -u FLOWGLAD_SECRET_KEY -u FLOWGLAD_BASE_URL NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 pnpm exec next build) || fail "$name" "next build (run with no Flowglad key) failed: see its output above"

  step "$name: start against the emulator and render"
  (cd "$app" && exec node node_modules/flowglad-emulator/dist/cli.js --port 0 >"$app/emulator.log" 2>&1) &
  pids+=("$!")
  wait_for_log 'FLOWGLAD_SECRET_KEY=' "$app/emulator.log" 30 "$name"
  base_url=$(sed -n 's/^ *FLOWGLAD_BASE_URL=//p' "$app/emulator.log")
  api_key=$(sed -n 's/^ *FLOWGLAD_SECRET_KEY=//p' "$app/emulator.log")
  port=$(free_port)
  # Its own Redis, as the docs' store snippet expects (fixtures without a store ignore REDIS_URL).
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$app/redis.log" 2>&1 &
  pids+=("$!")
  (cd "$app" && FLOWGLAD_SECRET_KEY=$api_key FLOWGLAD_BASE_URL=$base_url PORT=$port \
    APP_URL="http://127.0.0.1:$port" REDIS_URL="redis://127.0.0.1:$redis_port" \
    NEXT_TELEMETRY_DISABLED=1 exec pnpm exec next start --port "$port" >"$app/next.log" 2>&1) &
  pids+=("$!")
  wait_for_log 'Ready in\|started server on' "$app/next.log" 60 "$name"
  check=$(node -e 'console.log(require(process.argv[1]).fixture?.check ?? "markers")' "$app/package.json")
  if [ "$check" = journey ]; then
    # The guide as a user lives it, in Chromium: sign in, hydrated dashboard, metered and gated
    # procedures, checkout on the emulator's hosted page and back (scripts/fixture-journey.mjs, or
    # the script the fixture names in `"fixture": { "journey": ... }`).
    journey=$(node -e 'console.log(require(process.argv[1]).fixture?.journey ?? "scripts/fixture-journey.mjs")' "$app/package.json")
    node "$journey" "http://127.0.0.1:$port" || {
      tail -n 60 "$app/next.log" >&2
      fail "$name" "the browser journey failed (see above)"
    }
  else
    html=$(curl -fsS --max-time 60 "http://127.0.0.1:$port/") || {
      cat "$app/next.log" >&2
      fail "$name" "GET / failed"
    }
    # The markers every marker fixture's home page renders (fixtures/README.md): pricing from the public
    # model, the account's plan through the server caller, its balance through the hydrated client hook.
    for marker in 'data-product="pro"' 'data-current-plan="free"' 'data-client-balance="100"'; do
      grep -qF "$marker" <<<"$html" || {
        echo "$html" | head -c 4000 >&2
        cat "$app/next.log" >&2
        fail "$name" "server-rendered HTML lacks $marker"
      }
    done
  fi
  # ...and it came from the emulator over HTTP: billing was read there.
  calls=$(curl -fsS -H "Authorization: Bearer $api_key" "$base_url/_emulator/requests" | node -e '
    let s = ""
    process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const requests = JSON.parse(s)
      const billing = requests.filter((r) => r.method === "GET" && r.path.endsWith("/billing") && r.status === 200)
      console.log(billing.length ? requests.length : 0)
    })')
  [ "$calls" -gt 0 ] || fail "$name" "the emulator served no billing read"
  # A page that works but logs errors (e.g. Next's "unstable value while prerendering") is a guide
  # that teaches an error: the server log must be clean.
  if grep -nE '^(Error|TypeError|⨯)|encountered the unstable value|Unhandled' "$app/next.log" >&2; then
    fail "$name" "the Next.js server logged errors (above)"
  fi

  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  pids=()
  echo "ok fixtures/$name: built with no key, rendered pricing and billing ($calls emulator requests, $((SECONDS - started))s)"
done
