// Runs ExecutionDifferentialDump's queries with graphql-js 16 over the same SDL and data:
//   GRAPHQL_CONFORMANCE_DIR=/tmp/conf dotnet test tests/GraphQL.Tests --filter ExecutionDifferentialDump
//   NODE_PATH=<scratch>/node_modules node tests/GraphQL.Tests/Conformance/check-exec.js /tmp/conf
const g = require('graphql');
const fs = require('fs');
const dir = process.argv[2];
const schema = g.buildSchema(fs.readFileSync(dir + '/exec-schema.graphql', 'utf8'));
const data = JSON.parse(fs.readFileSync(dir + '/exec-data.json', 'utf8'));
const all = (root) => [...root.cabinets, ...root.cabinets.flatMap(c => c.doors), ...root.sites];
const rootValue = {
  ...data,
  everything: () => all(data),
  nodes: () => all(data),
  echoInt: ({ value }) => value,
  echoList: ({ values }) => values,
  echoInput: ({ input }) => input ? input.city : null,
  broken: () => { throw new Error('boom'); },
};
let mismatches = 0;
for (const c of JSON.parse(fs.readFileSync(dir + '/exec-cases.json', 'utf8'))) {
  const r = g.graphqlSync({ schema, source: c.query, rootValue, variableValues: c.variables });
  const theirs = JSON.stringify({ data: r.data, ...(r.errors ? { errors: r.errors.map(e => e.toJSON()) } : {}) });
  // We add extensions.code (BAD_USER_INPUT, ...) where graphql-js adds none; compare the rest.
  const ours = JSON.stringify(c.result, (key, value) => (key === 'extensions' ? undefined : value));
  if (theirs !== ours) {
    mismatches++;
    console.log(c.query, '\n  ours  :', ours, '\n  theirs:', theirs);
  }
}
console.log(mismatches === 0 ? 'OK: all responses identical' : `${mismatches} responses differ`);
process.exit(mismatches === 0 ? 0 : 1);
