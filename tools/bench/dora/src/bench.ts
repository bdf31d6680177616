/**
 * DORA benchmark: 1,000,000 events (40% changes, 40% deployments, 20% incidents) over 500
 * services, as JSON Lines. Times, in one run: the baseline (`JSON.parse` of every line, the
 * floor for reading JSON Lines), `parseEvents` (parse + validate), `doraByGroup` by service, and
 * `deriveReliability` for every service. Prints events/s and ratios to the baseline; never fails
 * on a time.
 */
import { DAY_MS, deriveReliability, doraByGroup, parseEvents, type DeliveryEvent } from '@pt/reliability';

const EVENTS = Number(process.argv[2] ?? 1_000_000);
const SERVICES = 500;
const END = Date.UTC(2026, 10, 28);
const WINDOW = { start: END - 90 * DAY_MS, end: END };

/** A small deterministic generator (LCG), so every run measures the same input. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function generate(count: number): string {
  const next = random(6);
  const lines: string[] = [];
  let changes = 0;
  for (let i = 0; i < count; i++) {
    const service = `svc-${i % SERVICES}`;
    const time = END - Math.floor(next() * 100 * DAY_MS);
    const kind = next();
    if (kind < 0.4) {
      lines.push(JSON.stringify({ type: 'change', id: `c${changes++}`, service, time: iso(time) }));
    } else if (kind < 0.8) {
      const status = next() < 0.1 ? 'failed' : 'success';
      const shipped = changes > 0 ? [`c${changes - 1}`] : [];
      lines.push(
        JSON.stringify({
          type: 'deployment',
          id: `d${i}`,
          service,
          time: iso(time + 3_600_000),
          status,
          changes: shipped,
        }),
      );
    } else {
      const resolved = time + Math.floor(next() * 6 * 3_600_000);
      lines.push(
        JSON.stringify({
          type: 'incident',
          id: `i${i}`,
          service,
          start: iso(time),
          resolved: iso(resolved),
          severity: 'sev2',
        }),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function time<T>(label: string, fn: () => T): { label: string; ms: number; value: T } {
  const started = performance.now();
  const value = fn();
  return { label, ms: performance.now() - started, value };
}

const text = generate(EVENTS);
const baseline = time('baseline: JSON.parse per line', () => {
  let n = 0;
  for (const line of text.split('\n')) if (line !== '') n += JSON.parse(line) === null ? 0 : 1;
  return n;
});
const parsed = time('parseEvents (JSON Lines, validated)', () => parseEvents(text, { format: 'jsonl' }));
if (!parsed.value.ok) throw new Error('generated events do not validate');
const events: DeliveryEvent[] = parsed.value.events;
const dora = time('doraByGroup by service', () => doraByGroup(events, WINDOW));
const derived = time('deriveReliability, every service', () => {
  const byService = new Map<string, DeliveryEvent[]>();
  for (const e of events) {
    const list = byService.get(e.service);
    if (list === undefined) byService.set(e.service, [e]);
    else list.push(e);
  }
  let n = 0;
  for (const list of byService.values()) if (deriveReliability(list, WINDOW) !== null) n++;
  return n;
});

const rows = [baseline, parsed, dora, derived];
const perSecond = (ms: number) => Math.round(EVENTS / (ms / 1000)).toLocaleString('en-US');
process.stdout.write(
  `${EVENTS.toLocaleString('en-US')} events, ${SERVICES} services, ${(text.length / 1e6).toFixed(0)} MB of JSON Lines, ` +
    `${dora.value.groups.length} groups, ${derived.value} services with derived reliability\n\n`,
);
for (const row of rows) {
  process.stdout.write(
    `${row.label.padEnd(40)} ${row.ms.toFixed(0).padStart(7)} ms  ${perSecond(row.ms).padStart(12)} events/s  ` +
      `${(row.ms / baseline.ms).toFixed(2)}x baseline\n`,
  );
}
const total = parsed.ms + dora.ms;
process.stdout.write(`\nparse + DORA metrics: ${total.toFixed(0)} ms, ${perSecond(total)} events/s\n`);
