// Compares our parser with graphql-js 16 on the documents ParserDifferentialDump wrote:
//   GRAPHQL_CONFORMANCE_DIR=/tmp/conf dotnet test tests/GraphQL.Tests --filter ParserDifferentialDump
//   NODE_PATH=<scratch>/node_modules node tests/GraphQL.Tests/Conformance/check-parse.js /tmp/conf
const g = require('graphql');
const fs = require('fs');
const cases = JSON.parse(fs.readFileSync(process.argv[2] + '/parse-cases.json', 'utf8'));
let mismatches = 0;
for (const c of cases) {
  let theirs;
  try { g.parse(c.source); theirs = { ok: true }; }
  catch (e) { theirs = { ok: false, message: e.message, line: e.locations[0].line, column: e.locations[0].column }; }
  const same = theirs.ok === c.ok && (c.ok || (theirs.message === c.message && theirs.line === c.line && theirs.column === c.column));
  if (!same) {
    if (mismatches++ < 15) console.log(JSON.stringify(c.source), '\n  ours  :', JSON.stringify(c), '\n  theirs:', JSON.stringify(theirs));
  }
}
console.log(`${cases.length - mismatches}/${cases.length} identical`);
process.exit(mismatches === 0 ? 0 : 1);
