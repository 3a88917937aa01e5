#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster: created in a temporary folder,
# started on a free local port, removed afterwards. DATABASE_URL points at it.
set -euo pipefail

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  echo "PostgreSQL server binaries not found (apt-get install postgresql)." >&2
  exit 1
fi
if [ "$(id -u)" = 0 ]; then
  as_pg=(runuser -u postgres --)   # initdb refuses to run as root
else
  as_pg=()
fi
dir=$(mktemp -d /tmp/holdfast-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres: "$dir"
chmod 700 "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

cleanup() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

"${as_pg[@]}" "$pgbin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway cluster in $dir)"

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/holdfast"
set +e
"$@"
status=$?
set -e
exit $status
