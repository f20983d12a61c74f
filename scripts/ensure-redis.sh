#!/usr/bin/env bash
# Installs Debian's redis-server when it is missing (needs root and apt). Tests of state shared
# between instances (the spend ledger, the pricing cache) start their own server on a free port.
set -euo pipefail
if [[ -x /usr/bin/redis-server ]]; then
  exit 0
fi
if [[ "$(id -u)" -ne 0 ]]; then
  echo "redis-server is missing: run 'sudo apt-get install -y redis-server' (tests start /usr/bin/redis-server)." >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server
# The package may start a system-wide server; the tests never use it, so leave it as the package set it up.
