#!/usr/bin/env bash
# Brings up what the tests need on a machine that starts no service (CI's and a developer's fresh machine):
# PostgreSQL from Debian's packages, listening on 127.0.0.1:5432 with trust auth for local TCP connections,
# and Debian's Chromium for the browser tests. Run as root (it uses apt-get and pg_ctlcluster); it changes
# nothing when both are already there.
set -euo pipefail

say() { echo "services: $*" >&2; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- PostgreSQL -----------------------------------------------------------------------------------------
psql_ok() { psql -h 127.0.0.1 -U postgres -d postgres -w -qtAc 'select 1' >/dev/null 2>&1; }
if listening 5432 && psql_ok; then
  say "PostgreSQL answers on 127.0.0.1:5432"
else
  if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    say "installing PostgreSQL from Debian's packages"
    apt_install postgresql
  fi
  read -r version cluster _ < <(pg_lsclusters -h | head -n1)
  hba="/etc/postgresql/$version/$cluster/pg_hba.conf"
  # The tests connect as postgres over TCP without a password (each test file makes its own database).
  if ! grep -q '^# jmeg tests: trust' "$hba"; then
    {
      echo '# jmeg tests: trust local TCP connections'
      echo 'host    all             all             127.0.0.1/32            trust'
      echo 'host    all             all             ::1/128                 trust'
      cat "$hba"
    } >"$hba.new" && mv "$hba.new" "$hba"
    chown postgres:postgres "$hba"
  fi
  if listening 5432; then
    say "reloading PostgreSQL $version/$cluster with trust for local TCP"
    pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" reload
  else
    say "starting PostgreSQL $version/$cluster"
    pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start
  fi
  for _ in $(seq 1 60); do psql_ok && break; sleep 0.5; done
  psql_ok || { say "cannot connect to 127.0.0.1:5432 as postgres without a password (see $hba)"; exit 1; }
fi

# The tests' admin connection opens the database `test` (test/support/pg.ts), then makes one database per file.
if [ "$(psql -h 127.0.0.1 -U postgres -d postgres -qtAc "select 1 from pg_database where datname = 'test'")" != 1 ]; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc 'create database test'
  say "created the database test"
fi

# --- Chromium -------------------------------------------------------------------------------------------
if ! command -v chromium >/dev/null 2>&1; then
  say "installing Chromium from Debian's packages"
  apt_install chromium
fi
