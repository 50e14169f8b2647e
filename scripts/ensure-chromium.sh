#!/usr/bin/env bash
# Installs Debian's Chromium for the real-browser tests when it is missing (playwright-core drives
# /usr/bin/chromium; `npx playwright install` cannot download browsers on our machines).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
