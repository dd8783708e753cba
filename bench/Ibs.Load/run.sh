#!/usr/bin/env bash
# IBS end-to-end load benchmark, run by hand (numbers go in the closing note):
#   1. insert_single_status frames through POST /ibs from wrk with 64 connections (target >= 5,000 frames/s),
#      after a 30 s warm-up, against GET /health/live on the same server as the HTTP-stack baseline;
#      every frame flips its door, so every frame appends an event;
#      and against one raw Npgsql INSERT + COMMIT per request (POST /bench/raw-insert, Bench__RawInsert=true);
#   2. the 02:00 burst: BANKS banks of 60 doors each send their full snapshot; time to absorb.
# Usage: bench/Ibs.Load/run.sh [banks-for-burst=10000] [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
BURST_BANKS=${1:-10000}
SECONDS_RUN=${2:-20}
PORT=5099
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
DATA=$(mktemp -d /tmp/ibs-bench-XXXX)
chmod 755 "$DATA" # the embedded PostgreSQL runs as user postgres when we are root
for p in src/Api bench/Ibs.Load; do dotnet build -c Release "$p" -v q -nologo >/dev/null; done
Ibs__AutoProvision=true Bench__RawInsert=true EmbeddedPostgres__DataDirectory="$DATA/pg" Logging__LogLevel__Default=Warning \
  dotnet src/Api/bin/Release/net10.0/Cabinets.Api.dll --urls "http://127.0.0.1:$PORT" >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
until curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null; do
  kill -0 $SERVER 2>/dev/null || { echo "server failed to start:"; tail -20 "$DATA/server.log"; exit 1; }
  sleep 0.5
done

LOAD="dotnet bench/Ibs.Load/bin/Release/net10.0/Cabinets.Ibs.Load.dll"
$LOAD prepare "http://127.0.0.1:$PORT" 500 60 "$DATA/frames.txt"
echo "== baseline: GET /health/live, 64 connections, ${SECONDS_RUN}s"
wrk -t2 -c64 -d"${SECONDS_RUN}s" --latency "http://127.0.0.1:$PORT/health/live" | tee "$DATA/base.txt" | grep -E "Requests/sec|99%"
echo "== baseline: one raw Npgsql INSERT + COMMIT per request through the same server, 64 connections, ${SECONDS_RUN}s"
wrk -t2 -c64 -d"${SECONDS_RUN}s" --latency -s bench/Ibs.Load/raw.lua "http://127.0.0.1:$PORT" | tee "$DATA/raw.txt" | grep -E "Requests/sec|99%|Non-2xx"
# Tiered JIT and the caches take about half a minute to settle; the warm-up is shown, not counted.
# It sends other banks' frames, so the measured run starts with every door where its file starts.
echo "== warm-up: insert_single_status through /ibs, 64 connections, 30s (not counted)"
FRAMES="$DATA/frames.txt.warmup" wrk -t2 -c64 -d30s -s bench/Ibs.Load/frames.lua "http://127.0.0.1:$PORT" | grep -E "Requests/sec"
# Answers are encrypted frames, so success is checked in the store: one door event per frame.
PSQL=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -1)
door_events() {
  "$PSQL" -h 127.0.0.1 -p "$(sed -n 4p "$DATA/pg/postmaster.pid")" -U postgres -d cabinets -Atc \
    "select count(*) from mt_events where type in ('lockers.door_occupied.v1', 'lockers.door_released.v1')"
}
before=$(door_events)
echo "== insert_single_status through /ibs, 64 connections, ${SECONDS_RUN}s"
FRAMES="$DATA/frames.txt" wrk -t2 -c64 -d"${SECONDS_RUN}s" --latency -s bench/Ibs.Load/frames.lua "http://127.0.0.1:$PORT" \
  | tee "$DATA/ibs.txt" | grep -E "requests in|Requests/sec|99%|Non-2xx"
echo "door events appended during the run: $(( $(door_events) - before ))"
base=$(awk '/Requests\/sec/ {print $2}' "$DATA/base.txt"); ibs=$(awk '/Requests\/sec/ {print $2}' "$DATA/ibs.txt")
raw=$(awk '/Requests\/sec/ {print $2}' "$DATA/raw.txt")
echo "ratio ibs/health-live: $(awk -v a="$ibs" -v b="$base" 'BEGIN { printf "%.2f", a / b }')"
echo "ratio ibs/raw-insert: $(awk -v a="$ibs" -v b="$raw" 'BEGIN { printf "%.2f", a / b }')"
echo "== 02:00 burst"
$LOAD burst "http://127.0.0.1:$PORT" "$BURST_BANKS" 60
