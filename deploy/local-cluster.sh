#!/usr/bin/env bash
# The docker-compose topology as plain processes on this machine: PostgreSQL (a throw-away server, or $SWEEPS_DB),
# one coordinator, a warm standby coordinator, and N workers, every node seeded with both coordinators. Logs go to
# $DIR/*.log. Ctrl-C, SIGTERM or any exit stops every process it started, and its PostgreSQL, before it returns.
#
#   deploy/local-cluster.sh [WORKERS] [SLOTS]      then, from another shell, submit through the coordinators' HTTP API:
#   out/sweeps submit config/sweeps/smoke.yaml --server http://127.0.0.1:4080 --server http://127.0.0.1:4081 --wait
#
# Environment: SWEEPS_BIN (a built sweeps executable; default: publish to out/), SWEEPS_PORT (4053, the standby +1),
# SWEEPS_HTTP_PORT (4080, the standby +1), SWEEPS_PG_PORT (55499), SWEEPS_DB (an existing store), DIR (logs).
set -euo pipefail
cd "$(dirname "$0")/.."
workers=${1:-2}
slots=${2:-1}
port=${SWEEPS_PORT:-4053}
http=${SWEEPS_HTTP_PORT:-4080}
pg_port=${SWEEPS_PG_PORT:-55499}
dir=${DIR:-$(mktemp -d /tmp/sweeps-cluster.XXXXXX)}
mkdir -p "$dir"
pids=()
pg_data=""

stop_all() {
  trap - EXIT INT TERM
  if [ ${#pids[@]} -gt 0 ]; then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    # A node shuts down cleanly on SIGTERM (it leaves the cluster, hands its trials back); one that hangs is killed.
    for _ in $(seq 1 100); do
      alive=0; for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      [ "$alive" = 0 ] && break
      sleep 0.1
    done
    kill -KILL "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
  if [ -n "$pg_data" ] && [ -f "$pg_data/postmaster.pid" ]; then
    run_pg "'$pg_bin/pg_ctl' -D '$pg_data' -m fast -w stop" >/dev/null 2>&1 || true
  fi
  echo "stopped"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -n "${SWEEPS_BIN:-}" ]; then
  sweeps=("$SWEEPS_BIN")
else
  dotnet publish src/Sweeps.Cli -c Release -o out >"$dir/publish.log"
  sweeps=(out/sweeps)
fi

if [ -z "${SWEEPS_DB:-}" ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$pg_bin/initdb" ] || { echo "no PostgreSQL here: install it (apt-get install postgresql) or set SWEEPS_DB"; exit 1; }
  run_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
  chmod 0755 "$dir"
  if [ "$(id -u)" = 0 ]; then install -d -o postgres -g postgres "$dir/pg"; else mkdir -p "$dir/pg"; fi
  run_pg "'$pg_bin/initdb' -D '$dir/pg' -U postgres -A trust -E UTF8" >"$dir/initdb.log"
  pg_data="$dir/pg"
  run_pg "'$pg_bin/pg_ctl' -D '$pg_data' -l '$pg_data/postgres.log' -o \"-p $pg_port -k '$pg_data' -c listen_addresses=127.0.0.1\" -w start" >/dev/null
  export SWEEPS_DB="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
fi

# Every coordinator is a seed of every node, so any node (re)joins through whichever coordinator is alive.
seeds=(--seed "127.0.0.1:$port" --seed "127.0.0.1:$((port + 1))")
# Started directly (not through a function or subshell) so that each recorded pid is the node itself.
"${sweeps[@]}" coordinator --port "$port" --http-port "$http" "${seeds[@]}" >"$dir/coordinator.log" 2>&1 & pids+=($!)
"${sweeps[@]}" coordinator --port $((port + 1)) --http-port $((http + 1)) "${seeds[@]}" >"$dir/standby.log" 2>&1 & pids+=($!)
for i in $(seq 1 "$workers"); do
  "${sweeps[@]}" worker "${seeds[@]}" --slots "$slots" --name "worker-$i" >"$dir/worker-$i.log" 2>&1 & pids+=($!)
done
echo "pids: ${pids[*]}${pg_data:+ postgres $(head -n 1 "$pg_data/postmaster.pid")}"

# Ready when the coordinator's API answers that a coordinator is running (GET /api/v1/health is 200).
until curl -fsS --max-time 5 -o /dev/null "http://127.0.0.1:$http/api/v1/health" 2>/dev/null; do
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "a node exited early (pid $pid); see the logs in $dir"; exit 1; }; done
  sleep 0.2
done
echo "ready: coordinator 127.0.0.1:$port (standby :$((port + 1))), $workers workers x $slots slots, store: $SWEEPS_DB"
echo "logs: $dir"
echo "submit with: ${sweeps[*]} submit SPEC --server http://127.0.0.1:$http --server http://127.0.0.1:$((http + 1)) --wait"
wait
