/**
 * Writes a synthetic FOCUS 1.2-style CSV: `rows` rows (default 1,000,000, ~300 MB), 20 columns,
 * realistic tags (service/team/env/cost_center, some shared, some NULL), hourly
 * charge periods over September 2024, credits, two currencies. Deterministic (seeded PRNG).
 */
import { createWriteStream } from 'node:fs';

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADER = [
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'BillingCurrency',
  'BillingPeriodStart',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ServiceName',
  'ServiceCategory',
  'ProviderName',
  'SubAccountId',
  'ResourceId',
  'ResourceName',
  'RegionId',
  'PricingUnit',
  'ConsumedQuantity',
  'Tags',
];

const SERVICES = [
  ['Amazon Elastic Compute Cloud', 'Compute'],
  ['Amazon Simple Storage Service', 'Storage'],
  ['Amazon Relational Database Service', 'Databases'],
  ['AWS Lambda', 'Compute'],
  ['Amazon CloudFront', 'Networking'],
  ['Elastic Load Balancing', 'Networking'],
  ['AmazonCloudWatch', 'Management and Governance'],
  ['Amazon DynamoDB', 'Databases'],
];

/** Writes the file; resolves with its size in bytes. */
export async function generateFocus(path, rows = 1_000_000, seed = 42) {
  const rand = mulberry32(seed);
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  const push = async (text) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve));
  };
  await push(`${HEADER.join(',')}\n`);
  let batch = '';
  for (let i = 0; i < rows; i++) {
    const svc = Math.floor(rand() * 60);
    const team = svc % 9;
    const [serviceName, category] = SERVICES[Math.floor(rand() * SERVICES.length)];
    const hour = Math.floor(rand() * 720);
    const day = String(1 + Math.floor(hour / 24)).padStart(2, '0');
    const hh = String(hour % 24).padStart(2, '0');
    const credit = rand() < 0.01;
    const cost = ((credit ? -1 : 1) * rand() * 12).toFixed(10);
    const currency = rand() < 0.05 ? 'EUR' : 'USD';
    const r = rand();
    const tags =
      r < 0.08
        ? 'NULL'
        : r < 0.14
          ? `"{""shared"": ""true"", ""team"": ""platform"", ""env"": ""prod""}"`
          : `"{""service"": ""svc-${svc}"", ""team"": ""team-${team}"", ""env"": ""${r < 0.6 ? 'prod' : 'dev'}"", ""cost_center"": ""CC-${1000 + team}""}"`;
    const account = 100000000000 + (svc % 17);
    batch +=
      `${cost},${cost},${(Number(cost) * 1.1).toFixed(10)},${currency},2024-09-01T00:00:00Z,` +
      `2024-09-${day}T${hh}:00:00Z,2024-09-${day}T${hh}:59:59Z,${credit ? 'Credit' : 'Usage'},NULL,` +
      `"${category}, hourly",${serviceName},${category},AWS,${account},` +
      `i-${((i * 2654435761) >>> 0).toString(16).padStart(8, '0')},` +
      `svc-${svc}-node-${i % 97},us-east-1,Hours,${(rand() * 24).toFixed(4)},${tags}\n`;
    if (batch.length > 1 << 20) {
      await push(batch);
      batch = '';
    }
  }
  await push(batch);
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  return bytes;
}
