#!/usr/bin/env bash
# The docker-compose topology as plain processes on this machine: PostgreSQL (a throw-away server, or $SWEEPS_DB),
# one coordinator, a warm standby coordinator, and N workers. Logs go to $DIR/*.log; Ctrl-C stops everything.
#
#   deploy/local-cluster.sh [WORKERS] [SLOTS]          then, from another shell:
#   dotnet out/sweeps.dll submit config/sweeps/curse-of-dimensionality.yaml --server http://127.0.0.1:4080 --server http://127.0.0.1:4081 --wait
set -euo pipefail
cd "$(dirname "$0")/.."
workers=${1:-2}
slots=${2:-1}
port=${SWEEPS_PORT:-4053}
dir=${DIR:-$(mktemp -d /tmp/sweeps-cluster.XXXXXX)}
mkdir -p "$dir"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; [ -n "${pg_data:-}" ] && run_pg "'$pg_bin/pg_ctl' -D '$pg_data' -m fast -w stop" >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM

dotnet publish src/Sweeps.Cli -c Release -o out >/dev/null
sweeps() { dotnet out/sweeps.dll "$@"; }

if [ -z "${SWEEPS_DB:-}" ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$pg_bin/initdb" ] || { echo "no PostgreSQL here: install it (apt-get install postgresql) or set SWEEPS_DB"; exit 1; }
  run_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
  chmod 0755 "$dir"; pg_data="$dir/pg"
  if [ "$(id -u)" = 0 ]; then install -d -o postgres -g postgres "$pg_data"; else mkdir -p "$pg_data"; fi
  run_pg "'$pg_bin/initdb' -D '$pg_data' -U postgres -A trust -E UTF8" >"$dir/initdb.log"
  run_pg "'$pg_bin/pg_ctl' -D '$pg_data' -l '$pg_data/postgres.log' -o \"-p 55499 -k '$pg_data' -c listen_addresses=127.0.0.1\" -w start" >/dev/null
  export SWEEPS_DB="Host=127.0.0.1;Port=55499;Username=postgres;Database=postgres"
fi

sweeps coordinator --port "$port" >"$dir/coordinator.log" 2>&1 & pids+=($!)
sleep 3
sweeps coordinator --port $((port + 1)) --http-port 4081 --seed "127.0.0.1:$port" >"$dir/standby.log" 2>&1 & pids+=($!)
for i in $(seq 1 "$workers"); do
  sweeps worker --seed "127.0.0.1:$port" --slots "$slots" --name "worker-$i" >"$dir/worker-$i.log" 2>&1 & pids+=($!)
done
echo "coordinator 127.0.0.1:$port (standby :$((port + 1))), $workers workers x $slots slots, store: $SWEEPS_DB"
echo "logs: $dir; submit with: dotnet out/sweeps.dll submit SPEC --server http://127.0.0.1:4080 --server http://127.0.0.1:4081 --wait"
wait
