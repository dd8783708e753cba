#!/usr/bin/env bash
# GraphQL over HTTP benchmark, run by hand (figures go in ADR-0009): POST /graphql
# { freeDoorCount(province: "广东省") } from autocannon with 64 connections against our server (Release,
# embedded PostgreSQL) and, in the same run on the same machine, against a minimal graphql-js server
# (graphql-http + pg) running the same SQL over the same seeded rm.free_door_counts table.
# Usage: bench/GraphQL.Http/run.sh [seconds=20] [connections=64] [banks=10000]; ROUNDS=2 alternates the order
set -euo pipefail
cd "$(dirname "$0")/../.."
export DURATION=${1:-20} CONNECTIONS=${2:-64} BANKS=${3:-10000}
OURS=5097 BASELINE=5098 PG_PORT=${PG_PORT:-55097}
export PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/cabinets"
DATA=$(mktemp -d /tmp/graphql-bench-XXXX)
chmod 755 "$DATA" # the embedded PostgreSQL runs as user postgres when we are root
PASSWORD="bench-$RANDOM$RANDOM"

(cd bench/GraphQL.Http && npm ci --no-audit --no-fund --prefer-offline --loglevel=error)
dotnet build -c Release src/Api -v q -nologo >/dev/null # what `dotnet run -c Release` runs, without its extra process
Admin__BootstrapPassword="$PASSWORD" EmbeddedPostgres__DataDirectory="$DATA/pg" EmbeddedPostgres__Port=$PG_PORT \
  Logging__LogLevel__Default=Warning \
  dotnet src/Api/bin/Release/net10.0/Cabinets.Api.dll --urls "http://127.0.0.1:$OURS" >"$DATA/server.log" 2>&1 &
SERVER=$!
NODE_PID=
cleanup() {
  [ -n "$NODE_PID" ] && kill "$NODE_PID" 2>/dev/null
  kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null # stops the embedded PostgreSQL too
  rm -rf "$DATA"
}
trap cleanup EXIT
until curl -sf "http://127.0.0.1:$OURS/health/ready" >/dev/null; do
  kill -0 "$SERVER" 2>/dev/null || { echo "server failed to start:"; tail -20 "$DATA/server.log"; exit 1; }
  sleep 0.5
done

node bench/GraphQL.Http/seed.js
TOKEN=$(curl -sf -H 'content-type: application/json' -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" \
  "http://127.0.0.1:$OURS/api/auth/login" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')
export TOKEN

PORT=$BASELINE node bench/GraphQL.Http/baseline.js >"$DATA/baseline.log" 2>&1 &
NODE_PID=$!
until curl -s -o /dev/null "http://127.0.0.1:$BASELINE/"; do
  kill -0 "$NODE_PID" 2>/dev/null || { echo "baseline failed to start:"; cat "$DATA/baseline.log"; exit 1; }
  sleep 0.2
done

echo "$(nproc) cores; $(node --version); $(dotnet --version)"
node bench/GraphQL.Http/load.js "ours=http://127.0.0.1:$OURS/graphql" "graphql-js=http://127.0.0.1:$BASELINE/graphql"
