// Conformance check against graphql-js 16 (npm i graphql@16 in a scratch folder, then):
//   GRAPHQL_CONFORMANCE_DIR=/tmp/conf dotnet test tests/GraphQL.Tests --filter ConformanceDump
//   NODE_PATH=<scratch>/node_modules node tests/GraphQL.Tests/Conformance/check-sdl.js /tmp/conf
// buildClientSchema + assertValidSchema must accept our introspection, and printSchema must equal our SDL.
const g = require('graphql');
const fs = require('fs');
const dir = process.argv[2];
const result = JSON.parse(fs.readFileSync(dir + '/introspection.json', 'utf8'));
if (result.errors) { console.error(JSON.stringify(result.errors)); process.exit(1); }
const schema = g.buildClientSchema(result.data);
g.assertValidSchema(schema);
const theirs = g.printSchema(schema);
const ours = fs.readFileSync(dir + '/schema.graphql', 'utf8');
if (theirs !== ours) {
  fs.writeFileSync(dir + '/theirs.graphql', theirs);
  console.error('SDL differs'); process.exit(2);
}
console.log('OK: SDL identical,', theirs.length, 'chars');
