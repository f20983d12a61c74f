#!/usr/bin/env bash
# Installs Debian's Chromium for the end-to-end test when it is missing (needs root and apt).
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
if [[ "$(id -u)" -ne 0 ]]; then
  echo "Chromium is missing: run 'sudo apt-get install -y chromium' (the e2e test drives /usr/bin/chromium)." >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
