#!/usr/bin/env bash
# Make sure the system services the tests use are installed and running on loopback:
# Chromium (browser tests), PostgreSQL (storage tests against a real server), Redis (multi-node fan-out).
# As root on Debian it installs what is missing from apt; otherwise it says what is missing.
set -euo pipefail

missing=()
command -v "${CHROMIUM_PATH:-chromium}" >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# CJK and Arabic glyphs for screenshots of the zh and ar locales.
[ -d /usr/share/fonts/opentype/noto ] || [ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core fonts-noto-cjk)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "services: installing ${missing[*]} from apt"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "services: missing ${missing[*]}; install them (Debian: apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

# PostgreSQL: start the default cluster and make a frontdesk role and database for the tests.
if command -v pg_ctlcluster >/dev/null 2>&1; then
  cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1" "$2}')
  if [ -n "$cluster" ]; then
    # shellcheck disable=SC2086
    pg_ctlcluster $cluster start 2>/dev/null || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 0.5; done
    if [ "$(id -u)" = 0 ]; then
      su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='frontdesk'\"" | grep -q 1 ||
        su postgres -c "psql -qc \"CREATE ROLE frontdesk LOGIN PASSWORD 'frontdesk' CREATEDB\""
      su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='frontdesk'\"" | grep -q 1 ||
        su postgres -c "createdb -O frontdesk frontdesk"
    fi
  fi
fi

# Redis on loopback only.
if command -v redis-server >/dev/null 2>&1 && ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no >/dev/null
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.25; done
fi
echo "services: chromium, postgresql (postgres://frontdesk:frontdesk@127.0.0.1:5432/frontdesk), redis (127.0.0.1:6379) ready"
