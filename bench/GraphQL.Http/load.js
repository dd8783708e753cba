// Runs autocannon against each target in turn (a short warm-up, then the measured run) and prints
// requests/s, p99 latency and the ratio ours/baseline. Targets: "name=url" arguments.
'use strict';
const os = require('node:os');
const autocannon = require('autocannon');

const connections = Number(process.env.CONNECTIONS || 64);
const duration = Number(process.env.DURATION || 20);
const province = process.env.PROVINCE || '广东省';
const body = JSON.stringify({ query: `{ freeDoorCount(province: "${province}") }` });
const headers = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json',
  authorization: `Bearer ${process.env.TOKEN}`,
};

const run = (url, seconds) => autocannon({ url, method: 'POST', headers, body, connections, duration: seconds });

// ROUNDS > 1 alternates the order (A B, B A, ...) so a machine that gets busier or quieter over the
// run does not favour one side; the table shows each run and the mean per target.
(async () => {
  const targets = process.argv.slice(2).map((a) => a.split('='));
  for (const [name, url] of targets) {
    const probe = await fetch(url, { method: 'POST', headers, body });
    console.log(`${name}: ${probe.status} ${await probe.text()}`);
    if (probe.status !== 200) process.exit(1);
    await run(url, 5);
  }
  const results = [];
  const rounds = Number(process.env.ROUNDS || 1);
  console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (let round = 0; round < rounds; round++) {
    for (const [name, url] of round % 2 ? [...targets].reverse() : targets) {
      const r = await run(url, duration);
      const failed = r.non2xx + r.errors + r.timeouts;
      results.push({ name, round, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, failed });
      console.log(`${name}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${failed} failed`);
    }
  }
  console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`\n${connections} connections, ${duration} s each, POST /graphql { freeDoorCount(province: "${province}") }`);
  console.table(results);
  const mean = (name, key) => { const xs = results.filter((r) => r.name === name).map((r) => r[key]); return xs.reduce((a, b) => a + b, 0) / xs.length; };
  if (targets.length === 2) {
    const [[a], [b]] = targets;
    console.log(`mean ${a}: ${mean(a, 'rps').toFixed(0)} req/s, p99 ${mean(a, 'p99').toFixed(0)} ms; `
      + `mean ${b}: ${mean(b, 'rps').toFixed(0)} req/s, p99 ${mean(b, 'p99').toFixed(0)} ms`);
    console.log(`ratio ${a}/${b}: ${(mean(a, 'rps') / mean(b, 'rps')).toFixed(2)}x requests/s, p99 ${(mean(a, 'p99') / mean(b, 'p99')).toFixed(2)}x`);
  }
})().catch((e) => { console.error(e); process.exit(1); });
