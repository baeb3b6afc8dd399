# A throwaway PostgreSQL 15 cluster on a free loopback port, for ./test.sh and bench/run.sh. Source this file, call
# start_postgres [-c setting=value ...] (it sets pg_port, pg_dir and $postgres, a connection string), and
# stop_postgres when done (it deletes the cluster). As root, the server runs as the postgres user.
pg_bin=/usr/lib/postgresql/15/bin
pg_dir=""
pg_port=""
postgres=""

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_postgres() {
  if [ -n "$pg_dir" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$pg_dir"
    pg_dir=""
  fi
}

start_postgres() {
  [ -x "$pg_bin/initdb" ] || return 1
  pg_port=""
  for candidate in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then pg_port=$candidate; break; fi
  done
  [ -n "$pg_port" ] || return 1
  pg_dir=$(mktemp -d /tmp/hearth-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then chown postgres "$pg_dir"; fi
  as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$pg_dir/initdb.log" 2>&1 || return 1
  as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=200 $*" start >/dev/null || return 1
  postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Timeout=15"
}
