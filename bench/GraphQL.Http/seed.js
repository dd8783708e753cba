// Fills rm.free_door_counts (free_doors.sql) with BANKS banks, 3 door kinds each, spread over 34
// provinces; the benchmark's province then sums ~1/34 of the rows through the site index.
'use strict';
const { Client } = require('pg');

const provinces = ['广东省', '浙江省', '江苏省', '山东省', '河南省', '四川省', '湖北省', '湖南省', '河北省', '福建省',
  '安徽省', '辽宁省', '陕西省', '江西省', '广西壮族自治区', '云南省', '山西省', '贵州省', '重庆市', '北京市', '上海市',
  '天津市', '吉林省', '黑龙江省', '内蒙古自治区', '新疆维吾尔自治区', '甘肃省', '海南省', '宁夏回族自治区', '青海省',
  '西藏自治区', '香港特别行政区', '澳门特别行政区', '台湾省'];
const kinds = [['L', true, false], ['M', false, false], ['S', false, true]];

(async () => {
  const banks = Number(process.env.BANKS || 10000);
  const client = new Client({ connectionString: process.env.PG_URL });
  await client.connect();
  await client.query('delete from rm.free_door_counts');
  for (let start = 0; start < banks; start += 1000) {
    const rows = [];
    for (let b = start; b < Math.min(banks, start + 1000); b++) {
      const province = provinces[b % provinces.length];
      for (const [size, insulated, vertical] of kinds) {
        rows.push([`BENCH-${b}`, size, insulated, vertical, province, `${province}-市${b % 20}`, `区${b % 7}`, `街道${b % 5}`, `园${b}`, b % 9]);
      }
    }
    const values = rows.map((_, i) => `(${Array.from({ length: 10 }, (_, j) => `$${i * 10 + j + 1}`).join(',')})`).join(',');
    await client.query(`insert into rm.free_door_counts (serial_number, size, insulated, vertical, province, city, area, street, place, free) values ${values}`, rows.flat());
  }
  await client.query('analyze rm.free_door_counts');
  const { rows: [{ n }] } = await client.query('select count(*)::int n from rm.free_door_counts');
  console.log(`seeded ${n} free_door_counts rows (${banks} banks)`);
  await client.end();
})().catch((e) => { console.error(e); process.exit(1); });
