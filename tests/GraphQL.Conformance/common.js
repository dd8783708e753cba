// Settings the xUnit test (tests/Api.Tests/Conformance) hands over through the environment.
'use strict';

function env(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set; these scripts are run by tests/Api.Tests/Conformance (see README.md).`);
    process.exit(2);
  }
  return value;
}

const url = () => env('GRAPHQL_URL');
const token = () => env('GRAPHQL_TOKEN');

/** A fetch that signs every request in as the admin, so authorization is not what is audited. */
function signedFetch(input, init = {}) {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token()}`);
  return fetch(input, { ...init, headers });
}

/** POSTs one GraphQL request to our server and answers with { status, contentType, body }. */
async function post(body) {
  const res = await signedFetch(url(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, contentType: res.headers.get('content-type'), body: await res.json() };
}

module.exports = { env, url, token, signedFetch, post };
