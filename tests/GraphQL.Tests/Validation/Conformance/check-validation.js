// Differential check of our validation against graphql-js 16 (npm i graphql@16 in a scratch folder, then):
//   GRAPHQL_CONFORMANCE_DIR=/tmp/vconf dotnet test tests/GraphQL.Tests --filter ValidationConformanceDump
//   NODE_PATH=<scratch>/node_modules node tests/GraphQL.Tests/Validation/Conformance/check-validation.js /tmp/vconf
// For every corpus document, graphql-js validate() over our schema's SDL must give the same
// errors (message and locations, in order) as our Validator with SpecifiedRules.All.
const g = require('graphql');
const fs = require('fs');
const dir = process.argv[2];
const schema = g.buildSchema(fs.readFileSync(dir + '/schema.graphql', 'utf8'));
const cases = JSON.parse(fs.readFileSync(dir + '/ours.json', 'utf8'));
let failed = 0;
let skipped = 0;
for (const { query, errors } of cases) {
  // Documents marked "# spec-2025" exercise September 2025 rules graphql-js 16 does not have.
  if (query.startsWith('# spec-2025')) {
    skipped++;
    continue;
  }
  const theirs = g.validate(schema, g.parse(query)).map((e) =>
    [e.message, ...(e.locations || []).map((l) => `${l.line}:${l.column}`)].join(' '));
  if (JSON.stringify(theirs) !== JSON.stringify(errors)) {
    failed++;
    console.log('--- ' + query.trim().replace(/\s+/g, ' ').slice(0, 300));
    console.log('  graphql-js: ' + JSON.stringify(theirs, null, 1));
    console.log('  ours:       ' + JSON.stringify(errors, null, 1));
  }
}
console.log(`${cases.length - failed - skipped} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
