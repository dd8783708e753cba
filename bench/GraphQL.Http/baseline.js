// The baseline: graphql-js through graphql-http on node:http, the same Query.freeDoorCount signature
// and the same SQL as FreeDoorQueries.CountAsync, over the same table. A bearer token must be
// present (ours also checks one; here it is not looked up). One process, as Node serves by default.
'use strict';
const http = require('node:http');
const { buildSchema } = require('graphql');
const { createHandler } = require('graphql-http/lib/use/http');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.PG_URL, max: Number(process.env.PG_POOL || 64) });
const schema = buildSchema(`
  enum DoorSize { LARGE MEDIUM SMALL }
  enum DoorAttribute { INSULATED VERTICAL }
  type Query {
    freeDoorCount(province: String, city: String, area: String, street: String, place: String,
                  size: DoorSize, attribute: DoorAttribute): Int!
  }`);
const sizeCodes = { LARGE: 'L', MEDIUM: 'M', SMALL: 'S' };
const sql = `select coalesce(sum(free), 0)::int as n from rm.free_door_counts
  where ($1 = '' or province = $1) and ($2 = '' or city = $2) and ($3 = '' or area = $3)
    and ($4 = '' or street = $4) and ($5 = '' or place = $5)
    and ($6 = '' or size = $6) and (not $7 or insulated) and (not $8 or vertical)`;

const rootValue = {
  async freeDoorCount(a) {
    const { rows } = await pool.query(sql, [a.province ?? '', a.city ?? '', a.area ?? '', a.street ?? '', a.place ?? '',
      a.size ? sizeCodes[a.size] : '', a.attribute === 'INSULATED', a.attribute === 'VERTICAL']);
    return rows[0].n;
  },
};

const handler = createHandler({ schema, rootValue });
http.createServer((req, res) => {
  if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) { res.writeHead(401).end(); return; }
  handler(req, res);
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`baseline on ${process.env.PORT}`));
