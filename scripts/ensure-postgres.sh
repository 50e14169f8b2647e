#!/bin/sh
# Makes sure Debian's PostgreSQL server binaries (initdb, pg_ctl, postgres) are installed for the
# tests that run against a real, throw-away PostgreSQL cluster (test/helpers/postgres.ts). The
# project's own install step, like ensure-chromium.sh: apt-get, with sudo when not root. Prints the
# bin directory it found on the last line.
set -e
find_bin() {
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}
if ! bin=$(find_bin); then
  if [ "$(id -u)" = "0" ]; then run=""; else run="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $run apt-get install -y --no-install-recommends postgresql || { $run apt-get update && $run apt-get install -y --no-install-recommends postgresql; }
  bin=$(find_bin)
fi
echo "$bin"
