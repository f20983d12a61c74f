#!/usr/bin/env bash
# tRPC version matrix: type-checks and tests flowglad-trpc against the oldest tRPC 11 it declares
# (its peerDependencies' minimum) and the newest published (@trpc/server and client 11.25,
# @trpc/tanstack-react-query 11.22, classic @trpc/react-query 11.19, its last release).
# The workspace itself runs on the devDependencies' versions; this installs each other set into a
# copy of the package in a temp folder (from the registry, outside the workspace) and runs
# `tsc` (sources, tests and type tests) and the vitest suite there.
#
#   bash scripts/check-trpc-versions.sh            # every entry
#   bash scripts/check-trpc-versions.sh min        # one entry
#   TRPC_MATRIX_TSC_ONLY=1 ...                     # types only (fast; used to probe versions)
#   TRPC_MATRIX_MIN=11.3.1 ... min                 # try another minimum
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-pnpm.sh
root=$PWD

# name  @trpc/server  @trpc/client  @trpc/react-query  @trpc/tanstack-react-query
# Each tRPC package pins the others' versions as peers; the newest classic client (11.19) is tested
# over the newest server anyway, as pnpm links it (a peer warning, not an error).
min=${TRPC_MATRIX_MIN:-11.7.0} # TRPC_MATRIX_MIN=11.4.4 probes an older minimum (types pass from 11.4.4; tests need 11.7)
matrix=(
  "min     $min $min $min $min"
  "newest  11.25.2 11.25.2 11.19.0 11.22.1"
)

work=$(mktemp -d -t flowglad-trpc-versions.XXXXXX)
trap 'rm -rf "$work"' EXIT

[ -f packages/flowglad-emulator/dist/index.js ] || { echo "build the packages first: pnpm build" >&2; exit 1; }
mkdir -p "$work/packs"
(cd packages/flowglad-emulator && pnpm pack --pack-destination "$work/packs" >/dev/null)
mv "$work/packs"/flowglad-emulator-[0-9]*.tgz "$work/packs/flowglad-emulator.tgz"

status=0
for entry in "${matrix[@]}"; do
  read -r name server client reactQuery tanstack <<<"$entry"
  if [ "$#" -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  printf '\n\033[1m› tRPC %s: server %s, client %s, react-query %s, tanstack-react-query %s\033[0m\n' \
    "$name" "$server" "$client" "$reactQuery" "$tanstack"
  dir="$work/$name/packages/flowglad-trpc"
  mkdir -p "$dir"
  cp tsconfig.base.json "$work/$name/"
  # test/docs reads the repo's READMEs and the emulator's test support: repo-bound, left out below too.
  tar -C packages/flowglad-trpc --exclude=node_modules --exclude=dist --exclude=./test/docs -cf - . |
    tar -C "$dir" -xf -
  # The package's own manifest, with the tRPC versions of this entry and the emulator from its tarball.
  node - "$dir/package.json" "$root/package.json" "$work/packs/flowglad-emulator.tgz" \
    "$server" "$client" "$reactQuery" "$tanstack" <<'EOF'
const fs = require('node:fs')
const [file, rootFile, emulator, server, client, reactQuery, tanstack] = process.argv.slice(2)
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'))
const rootPkg = JSON.parse(fs.readFileSync(rootFile, 'utf8'))
delete pkg.peerDependencies['flowglad-emulator'] // workspace: protocol; the dev dependency below serves
Object.assign(pkg.devDependencies, {
  ...rootPkg.devDependencies, // vitest, typescript, @types/node
  'flowglad-emulator': `file:${emulator}`,
  '@trpc/server': server,
  '@trpc/client': client,
  '@trpc/react-query': reactQuery,
  '@trpc/tanstack-react-query': tanstack,
})
delete pkg.devDependencies['@biomejs/biome']
pkg.pnpm = { onlyBuiltDependencies: ['esbuild'] }
fs.writeFileSync(file, JSON.stringify(pkg, null, 2))
EOF
  if ! (cd "$dir" && pnpm install --ignore-workspace --no-frozen-lockfile --config.strict-peer-dependencies=false \
    --reporter=append-only 2>&1 | grep -v '^Progress' | tail -n 8); then
    echo "FAIL tRPC $name: install" >&2
    status=1
    continue
  fi
  (cd "$dir" && node -e 'for (const p of ["server", "client", "react-query", "tanstack-react-query"]) console.log(`  @trpc/${p} ${JSON.parse(require("node:fs").readFileSync(`node_modules/@trpc/${p}/package.json`, "utf8")).version}`)')
  if ! (cd "$dir" && pnpm exec tsc -p tsconfig.json); then
    echo "FAIL tRPC $name: types (tsc -p packages/flowglad-trpc/tsconfig.json)" >&2
    status=1
    continue
  fi
  echo "ok tRPC $name: types"
  [ -n "${TRPC_MATRIX_TSC_ONLY:-}" ] && continue
  if ! (cd "$dir" && pnpm exec vitest run --reporter=dot \
    --exclude 'test/docs/**' --exclude 'test/cli/**' --exclude 'test/types/**' --exclude 'test/react/typedSlugs.test.ts'); then
    echo "FAIL tRPC $name: tests" >&2
    status=1
    continue
  fi
  # Left out, as unrelated to tRPC's version: test/docs (reads the repo's READMEs), test/cli and
  # test/types (codegen against the repo's files, and the built declarations).
  echo "ok tRPC $name: types and tests"
done
exit "$status"
