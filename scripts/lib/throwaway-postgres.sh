# Shared by scripts/test.sh and scripts/soak.sh (source it; define `say` first): a throwaway PostgreSQL cluster,
# loopback only, on a free port, in a temporary folder that stop_postgres removes.
#   start_postgres  sets pg_dir, pg_bin and exports RUNNERTOKENS_TEST_POSTGRES (admin connection string); without
#                   server binaries (and not root to install them) it says why and returns 0 with the variable unset
#   stop_postgres   stops the cluster and removes its folder (safe to call twice)
# Variables: pg_log (where apt-get's output goes, default /dev/null), pg_without (what a missing cluster means).
pg_dir=""
pg_bin=""
pg_port=""

as_postgres() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop_postgres() {
  if [[ -n $pg_dir ]]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
    pg_dir=""
  fi
}

find_postgres() {
  local dir
  for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -V -r); do
    if [[ -x $dir/initdb && -x $dir/pg_ctl ]]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

start_postgres() {
  if ! pg_bin=$(find_postgres); then
    if [[ $EUID -ne 0 ]]; then
      say "no PostgreSQL server binaries and not root to install them: ${pg_without:-PostgreSQL tests will be ignored}"
      return 0
    fi
    say "installing PostgreSQL server binaries (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq && { apt-get install -y -qq postgresql-15 || apt-get install -y -qq postgresql; }; } >"${pg_log:-/dev/null}" 2>&1; then
      [[ -n ${pg_log:-} ]] && tail -n 20 "$pg_log"
      say "could not install PostgreSQL: ${pg_without:-PostgreSQL tests will be ignored}"
      return 0
    fi
    pg_bin=$(find_postgres) || { say "PostgreSQL installed but initdb not found: ${pg_without:-PostgreSQL tests will be ignored}"; return 0; }
  fi

  if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi

  # /tmp, not $TMPDIR: the postgres user must be able to reach the folder.
  pg_dir=$(mktemp -d /tmp/runnertokens-pg.XXXXXX)
  chmod 700 "$pg_dir"
  [[ $EUID -eq 0 ]] && chown postgres: "$pg_dir"

  if ! as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$pg_dir/initdb.log" 2>&1; then
    tail -n 20 "$pg_dir/initdb.log"
    say "initdb failed: ${pg_without:-PostgreSQL tests will be ignored}"
    stop_postgres
    return 0
  fi

  local port attempt
  for attempt in 1 2 3 4 5; do
    port=$(free_port) || break
    # Loopback only, trust auth (initdb -A trust), no fsync: a disposable server for tests, never for data.
    if as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $pg_dir -F -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1; then
      pg_port=$port
      export RUNNERTOKENS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Include Error Detail=true"
      say "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway cluster in $pg_dir)"
      return 0
    fi
  done
  tail -n 20 "$pg_dir/server.log" 2>/dev/null
  say "PostgreSQL did not start: ${pg_without:-PostgreSQL tests will be ignored}"
  stop_postgres
}

