// Our introspection, read by graphql-js as GraphiQL and codegen read it (ADR-0007): the client
// schema must be valid and print exactly as our own SDL printer prints the server's schema.
'use strict';
const fs = require('fs');
const { getIntrospectionQuery, buildClientSchema, assertValidSchema, printSchema } = require('graphql');
const { env, post } = require('./common');

(async () => {
  // Every option on: descriptions, specifiedByUrl, repeatable directives, deprecated input values, oneOf.
  const query = getIntrospectionQuery({
    descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true,
    schemaDescription: true, inputValueDeprecation: true, oneOf: true,
  });
  const { status, body } = await post({ query });
  if (status !== 200 || body.errors) {
    console.error(`introspection failed (${status}): ${JSON.stringify(body.errors)}`);
    process.exit(1);
  }
  const schema = buildClientSchema(body.data);
  assertValidSchema(schema);
  const theirs = printSchema(schema);
  const ours = fs.readFileSync(env('GRAPHQL_SDL'), 'utf8');
  if (theirs !== ours) {
    const a = theirs.split('\n'); const b = ours.split('\n');
    const line = a.findIndex((l, i) => l !== b[i]);
    console.error(`SDL differs at line ${line + 1}:\n  graphql-js: ${a[line]}\n  ours:       ${b[line]}`);
    process.exit(1);
  }
  console.log(`introspection: valid client schema, printSchema identical to our SDL (${ours.length} chars, ${Object.keys(schema.getTypeMap()).length} types)`);
})().catch((e) => { console.error(e); process.exit(3); });
