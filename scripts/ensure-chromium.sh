#!/bin/sh
# Makes sure Debian's Chromium (and a CJK + emoji font, so screenshots of the zh-CN UI are legible)
# is installed for the browser tests. The project's own install step: apt-get, with sudo when not root.
set -e
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
fc-list :lang=zh 2>/dev/null | grep -q . || missing="$missing fonts-wqy-microhei"
[ -n "$missing" ] || exit 0
if [ "$(id -u)" = "0" ]; then run=""; else run="sudo"; fi
$run apt-get install -y $missing || { $run apt-get update && $run apt-get install -y $missing; }
