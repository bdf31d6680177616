/**
 * Error budget + burn rates of 1,000 SLOs, each over 30 days of per-minute SLI data (43,200
 * points), against a plain loop that only sums the same arrays. Prints throughput and the
 * ratio to that baseline, both measured in this run; never fails on a time.
 *
 *   npm run bench -w @pt/bench-slo [-- --slos 1000 --rounds 3]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { evaluateAlerts, evaluateBudget, indexSeries, parseDuration, type SliSeries } from '@pt/slo/openslo';

const { values } = parseArgs({
  options: { slos: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '3' } },
});
const SLOS = Number(values.slos);
const ROUNDS = Number(values.rounds);
const POINTS = 30 * 24 * 60;
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 1);
/** Distinct series, reused round-robin: 1,000 × 43,200 × 3 doubles would be 1 GB. */
const DISTINCT = 16;

function series(seed: number): SliSeries {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const timestamps = new Float64Array(POINTS);
  const good = new Float64Array(POINTS);
  const total = new Float64Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    timestamps[i] = T0 + i * MINUTE;
    const t = 500 + Math.floor(rnd() * 500);
    total[i] = t;
    good[i] = t - Math.floor(t * rnd() * 0.002);
  }
  return { timestamps, good, total };
}

const pool = Array.from({ length: DISTINCT }, (_, i) => series(i + 1));
const targets = [0.99, 0.995, 0.999, 0.9995, 0.9999];
const window = { kind: 'rolling', duration: parseDuration('30d') ?? { amount: 30, unit: 'd', text: '30d' } } as const;
const at = T0 + (POINTS - 1) * MINUTE;

let sink = 0;

/** Baseline: a plain loop summing good and total of the same arrays. */
function baseline(): void {
  for (let k = 0; k < SLOS; k++) {
    const s = pool[k % DISTINCT];
    if (s === undefined) continue;
    let g = 0;
    let t = 0;
    for (let i = 0; i < POINTS; i++) {
      g += s.good[i] ?? 0;
      t += s.total[i] ?? 0;
    }
    sink += g / t;
  }
}

/** The real work: prefix sums, budget over the window, burn rates over the 8 alert windows. */
function evaluate(): void {
  for (let k = 0; k < SLOS; k++) {
    const s = pool[k % DISTINCT];
    if (s === undefined) continue;
    const target = targets[k % targets.length] ?? 0.999;
    const index = indexSeries(s);
    const budget = evaluateBudget(s, { target, budgetingMethod: 'Occurrences', window }, at, { index });
    const alerts = evaluateAlerts(index, target, at);
    sink += budget.remainingPct + (alerts.alerts[0]?.long.burnRate ?? 0);
  }
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

// Warm up both, then take the best of ROUNDS.
time(baseline);
time(evaluate);
let base = Number.POSITIVE_INFINITY;
let ours = Number.POSITIVE_INFINITY;
for (let r = 0; r < ROUNDS; r++) {
  base = Math.min(base, time(baseline));
  ours = Math.min(ours, time(evaluate));
}
const points = SLOS * POINTS;
const line = (name: string, ms: number) =>
  `${name.padEnd(38)} ${ms.toFixed(1).padStart(9)} ms  ${(points / ms / 1000).toFixed(1).padStart(8)} M points/s  ${(SLOS / (ms / 1000)).toFixed(0).padStart(7)} SLOs/s`;
process.stdout.write(
  [
    `SLO budget + burn rates: ${SLOS} SLOs × ${POINTS} per-minute points (30 days), best of ${ROUNDS}`,
    line('baseline: plain loop summing arrays', base),
    line('indexSeries + evaluateBudget + alerts', ours),
    `ratio to baseline: ${(ours / base).toFixed(2)}x`,
    `(checksum ${sink.toFixed(3)})`,
    '',
  ].join('\n'),
);
