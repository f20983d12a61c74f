# Sourced by the root scripts: puts pnpm 10 on PATH on a fresh Node 20 machine (no global pnpm,
# no corepack) by installing it once into a local tools folder from the npm registry.
if ! command -v pnpm >/dev/null 2>&1 || ! pnpm --version 2>/dev/null | grep -q '^10\.'; then
  tools="${FLOWGLAD_TRPC_TOOLS:-$HOME/.cache/flowglad-trpc-tools}"
  if [ ! -x "$tools/node_modules/.bin/pnpm" ]; then
    echo "› installing pnpm 10 into $tools"
    npm install --silent --no-audit --no-fund --prefix "$tools" pnpm@10 >/dev/null
  fi
  export PATH="$tools/node_modules/.bin:$PATH"
fi
