#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster, then stops and deletes the cluster:
#   tools/pg-cluster.sh COMMAND [ARGS...]
# The command sees KARNE_DATABASE_URL=postgresql://karne@127.0.0.1:PORT/karne. The cluster lives
# in a temporary folder, listens on loopback only, trusts local connections (it holds test data
# and nothing else) and trades durability for speed (fsync off).
#
# Debian's PostgreSQL is installed with apt when it is missing and we may (root with apt-get);
# otherwise the script says so and exits 77, which `make test` reports as a skipped pass unless
# KARNE_REQUIRE_POSTGRES=1 (as in CI).
set -euo pipefail

find_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

bindir="$(find_bindir)"
if [ -z "$bindir" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "pg-cluster: installing Debian's postgresql" >&2
    apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    bindir="$(find_bindir)"
  fi
fi
if [ -z "$bindir" ]; then
  echo "pg-cluster: PostgreSQL is not installed (Debian: apt-get install postgresql)" >&2
  exit 77
fi

work="$(mktemp -d /tmp/karne-pg.XXXXXX)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$work"
  as_owner=(runuser -u postgres --)
fi

stop() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT

"${as_owner[@]}" "$bindir/initdb" -D "$work/data" -U karne -A trust -E UTF8 --locale=C.UTF-8 \
  --no-sync >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bindir/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 60 start -o \
  "-c listen_addresses=127.0.0.1 -p $port -k $work -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  >/dev/null || { cat "$work/server.log" >&2; exit 1; }
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U karne karne

export KARNE_DATABASE_URL="postgresql://karne@127.0.0.1:$port/karne"
echo "pg-cluster: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
status=0
"$@" || status=$?
exit "$status"
