#!/usr/bin/env bash
# Every graphql-js 16 conformance check of the engine, in one go (not part of `dotnet test`: it
# needs npm). Installs graphql@16 into a scratch folder once, writes our outputs, compares.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tests=$(cd "$here/.." && pwd)
scratch=${GRAPHQL_JS_DIR:-/tmp/graphql-js-16}
out=${GRAPHQL_CONFORMANCE_OUT:-/tmp/graphql-conformance}
if [ ! -d "$scratch/node_modules/graphql" ]; then
  mkdir -p "$scratch" && (cd "$scratch" && npm init -y >/dev/null && npm install --no-audit --no-fund graphql@16 >/dev/null)
fi
rm -rf "$out" && mkdir -p "$out/engine" "$out/validation"
GRAPHQL_CONFORMANCE_DIR="$out/engine" dotnet test "$tests" \
  --filter "FullyQualifiedName~Tests.Introspection.ConformanceDump|FullyQualifiedName~ParserDifferentialDump|FullyQualifiedName~ExecutionDifferentialDump" >/dev/null
GRAPHQL_CONFORMANCE_DIR="$out/validation" dotnet test "$tests" --filter "FullyQualifiedName~ValidationConformanceDump" >/dev/null
export NODE_PATH="$scratch/node_modules"
node "$here/check-sdl.js" "$out/engine"
node "$here/check-parse.js" "$out/engine"
node "$here/check-exec.js" "$out/engine"
node "$tests/Validation/Conformance/check-validation.js" "$out/validation"
