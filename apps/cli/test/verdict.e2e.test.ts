/**
 * One verdict from all the evidence: OpenSLO objectives with SLI data and scorecard waivers move
 * health, points, reasons and the summary, in every text format.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPt } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'pt-verdict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// checkout: one fleet SLO that is met, and no other evidence than what the OpenSLO files add.
const FLEET = file(
  'fleet.yaml',
  `apiVersion: pt/v1
kind: Fleet
services:
  - name: checkout
    team: shop
    slos:
      - { name: availability, target: 99, current: 99.5 }
  - name: search
    team: shop
`,
);

const slo = (name: string, service: string, target: number) => `---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: ${service}
  indicator:
    metadata:
      name: ${name}-ratio
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(increase(${name.replaceAll('-', '_')}_good[{{.window}}]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(increase(${name.replaceAll('-', '_')}_total[{{.window}}]))
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: ${target}
`;
const SLOS = file(
  'slos.yaml',
  slo('checkout-errors', 'checkout', 0.99) +
    slo('checkout-latency', 'checkout', 0.99) +
    slo('checkout-dark', 'checkout', 0.99) +
    slo('search-ok', 'search', 0.99),
);

const START = Date.parse('2026-11-27T00:00:00Z');
/** One day of minutes, 1,000 events each; `bad(i)` bad events in minute i. */
function csv(bad: (minute: number) => number): string {
  const lines = ['timestamp,bad,total'];
  for (let i = 0; i < 24 * 60; i++) lines.push(`${new Date(START + i * 60_000).toISOString()},${bad(i)},1000`);
  return `${lines.join('\n')}\n`;
}
// 5% bad all day against a 1% budget: exhausted. Last hour 20% bad (> 14.4 × 1%) after a clean day: pages, 0.83% spent overall.
const ERRORS = file(
  'checkout-errors.csv',
  csv(() => 50),
);
const LATENCY = file(
  'checkout-latency.csv',
  csv((i) => (i >= 23 * 60 ? 200 : 0)),
);
// search's only objective: a clean day.
const SEARCH = file(
  'search-ok.csv',
  csv(() => 0),
);
const DATA = `${ERRORS},${LATENCY},${SEARCH}`;

describe('OpenSLO objectives feed the verdict', () => {
  it('json: exhausted +2, paging +1, no data in neither count', async () => {
    const r = await runPt(['report', FLEET, '--slo', SLOS, '--slo-data', DATA, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      summary: Record<string, number>;
      services: {
        name: string;
        health: string;
        slosMet: number;
        slosTotal: number;
        reasons: { domain: string; points: number; message: string }[];
        sloDetails?: { slo: string; status: string; page: string }[];
      }[];
    };
    expect(report.summary).toMatchObject({ sloBreaches: 1, critical: 0, degraded: 1, healthy: 1, unknown: 0 });
    const [checkout, search] = report.services;
    // availability (met) + checkout-errors (exhausted) + checkout-latency (met, paging); checkout-dark has no data.
    expect(checkout).toMatchObject({ health: 'degraded', slosMet: 2, slosTotal: 3 });
    expect(checkout?.reasons.map((x) => [x.domain, x.points])).toEqual([
      ['slo', 2],
      ['slo', 1],
    ]);
    expect(checkout?.reasons[0]?.message).toMatch(
      new RegExp(
        `^SLO not met: checkout-errors \\(SLI 95% < 99% from ${ERRORS.replaceAll('.', '\\.')}, budget -400% left\\)$`,
      ),
    );
    expect(checkout?.reasons[1]?.message).toBe(
      `error budget burning 14.4× too fast: checkout-latency from ${LATENCY} (page alert firing)`,
    );
    expect(checkout?.sloDetails?.map((d) => [d.slo, d.status])).toEqual([
      ['checkout-errors', 'exhausted'],
      ['checkout-latency', 'ok'],
      ['checkout-dark', 'no_data'],
    ]);
    // search had no fleet section: its objective with data is evidence, so it is no longer unknown.
    expect(search).toMatchObject({ health: 'healthy', slosMet: 1, slosTotal: 1, reasons: [] });
  });

  it('table and markdown carry the same verdict, reasons and SLO budgets, and no -0', async () => {
    const table = await runPt(['report', FLEET, '--slo', SLOS, '--slo-data', DATA]);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('SLO breaches 1');
    expect(table.stdout).toMatch(/checkout\s+degraded\s+-\s+needs_review\s+0\.00\s+stable\s+2\/3/);
    expect(table.stdout).toMatch(/\+2 slo\s+SLO not met: checkout-errors/);
    expect(table.stdout).toMatch(/\+1 slo\s+error budget burning 14\.4× too fast/);
    expect(table.stdout).toMatch(/checkout-dark .* no data/);
    const md = await runPt(['report', FLEET, '--slo', SLOS, '--slo-data', DATA, '--format', 'markdown']);
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('| Service | SLO | Target | SLI | Budget left |');
    expect(md.stdout).toContain('### checkout: degraded, 3 points');
    expect(md.stdout).toContain('- **slo** (+1): error budget burning 14.4× too fast');
    for (const text of [table.stdout, md.stdout]) expect(text).not.toMatch(/(^|[\s(|])-0(?![.\d])/m);
  });
});

const WAIVED_FLEET = (expires: string) =>
  file(
    `waived-${expires}.yaml`,
    `apiVersion: pt/v1
kind: Fleet
services:
  - name: checkout
    team: shop
    governance: { runbook: true, monitoring: true, ownership: true, documentation: false, incidentResponse: true }
waivers:
  - { service: checkout, rule: documentation, expires: "${expires}", reason: docs site migration }
`,
  );

describe('waivers move the verdict', () => {
  it('an active waiver turns needs_review into compliant and removes the point', async () => {
    const r = await runPt(['report', WAIVED_FLEET('2026-12-31'), '--at', '2026-11-28', '--format', 'json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      summary: Record<string, number>;
      services: { health: string; governance: string; reasons: { points: number; message: string }[] }[];
    };
    expect(report.services[0]).toMatchObject({ health: 'healthy', governance: 'compliant' });
    expect(report.services[0]?.reasons).toEqual([
      { domain: 'governance', points: 0, message: 'waived: documentation' },
    ]);
    expect(report.summary.governanceCompliant).toBe(1);
  });

  it('an expired waiver counts as none and says so', async () => {
    const r = await runPt(['report', WAIVED_FLEET('2026-11-01'), '--at', '2026-11-28', '--format', 'json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      summary: Record<string, number>;
      services: { health: string; governance: string; reasons: { points: number; message: string }[] }[];
    };
    expect(report.services[0]).toMatchObject({ health: 'healthy', governance: 'needs_review' });
    expect(report.services[0]?.reasons).toEqual([
      {
        domain: 'governance',
        points: 1,
        message:
          '1 governance check failed: checkout lacks documentation; waiver for documentation expired 2026-11-01 (counted)',
      },
    ]);
    expect(report.summary.governanceCompliant).toBe(0);
  });

  it('table and markdown show the waiver in the reasons', async () => {
    const table = await runPt(['report', WAIVED_FLEET('2026-12-31'), '--at', '2026-11-28']);
    expect(table.stdout).toMatch(/\+0 governance\s+waived: documentation/);
    expect(table.stdout).toMatch(/checkout\s+healthy\s+-\s+compliant G100/);
    const md = await runPt(['report', WAIVED_FLEET('2026-12-31'), '--at', '2026-11-28', '--format', 'markdown']);
    expect(md.stdout).toContain('- **governance** (+0): waived: documentation');
  });
});

describe('pt diff and pt schema read the new reports', () => {
  it('an expiring waiver shows as a governance regression, and the report fits pt schema', async () => {
    const before = await runPt([
      'report',
      WAIVED_FLEET('2026-11-30'),
      '--at',
      '2026-11-28',
      '--format',
      'json',
      '--out',
      join(dir, 'before.json'),
    ]);
    const after = await runPt([
      'report',
      WAIVED_FLEET('2026-11-30'),
      '--at',
      '2026-12-01',
      '--format',
      'json',
      '--out',
      join(dir, 'after.json'),
    ]);
    expect([before.status, after.status]).toEqual([0, 0]);
    const diff = await runPt([
      'diff',
      join(dir, 'before.json'),
      join(dir, 'after.json'),
      '--fail-on-regression',
      '--format',
      'json',
    ]);
    expect(diff.status).toBe(1);
    expect(diff.stdout).toContain('"governance"');
    const schema = await runPt(['schema', 'report']);
    expect(schema.status).toBe(0);
    // A reason may be worth 0 points (a ticket alert, a waived rule); the objectives carry their source.
    expect(schema.stdout).toContain('0 for a reason that adds nothing');
    expect(schema.stdout).toContain('"pageBurnFactor"');
    expect(schema.stdout).toContain('"source"');
  });
});

describe('every text format shows the DORA figures behind an events-derived score', () => {
  it.each(['table', 'markdown'])('%s', async (format) => {
    const r = await runPt([
      'report',
      '../../examples/fleet.yaml',
      '--events',
      '../../examples/events/events.jsonl',
      '--at',
      '2026-11-28T00:00:00Z',
      '--format',
      format,
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/DORA \(from events\)/);
    expect(r.stdout).toMatch(
      format === 'table'
        ? /payments\s+8\s+37\.5%\s+-\s+0\s+100%\s+low/
        : /\| payments \| 8 \| 37\.5% \| - \| 0 \| 100% \| low \|/,
    );
  });
});
