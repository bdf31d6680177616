/**
 * `pt slo status --prometheus`: against a real Prometheus loaded with generated counters
 * (`promtool tsdb create-blocks-from openmetrics`), and against a local HTTP server that fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { missingTool, skipWithout, toolRuns } from '../../../test-env.js';
import { expectInputError, makeTempDir, runPt, type TempDir } from './run-cli.js';

const M = 60_000;
const DAY = 86_400_000;
/** The evaluation instant: fixed, so that the figures do not depend on the clock. */
const AT = Date.UTC(2026, 10, 20, 12, 0, 0);
const START = AT - 2 * DAY;
/** Requests per minute; in the outage half of them fail. */
const RATE = 100;
const OUTAGE = { from: AT - 5 * 3_600_000, minutes: 20 };
/** Both counters restart (drop to that minute's count) here: the reset must not lose events. */
const RESET = AT - 10 * 3_600_000;
const TARGET = 0.99;

/** Good and total requests of the minute that starts at `t`. */
function minute(t: number): { good: number; total: number } {
  const inOutage = t >= OUTAGE.from && t < OUTAGE.from + OUTAGE.minutes * M;
  return { good: inOutage ? RATE / 2 : RATE, total: RATE };
}

/** OpenMetrics text: one sample a minute from START to AT of each counter. */
function openMetrics(): string {
  const good: string[] = [];
  const total: string[] = [];
  let g = 0;
  let n = 0;
  for (let t = START; t <= AT; t += M) {
    good.push(`pt_good_requests_total ${g} ${t / 1000}`);
    total.push(`pt_requests_total ${n} ${t / 1000}`);
    const m = minute(t);
    // The counter's value at t + 1m counts the minute [t, t + 1m); a restart at RESET starts from 0.
    if (t + M === RESET) {
      g = 0;
      n = 0;
    }
    g += m.good;
    n += m.total;
  }
  return ['# TYPE pt_good_requests counter', ...good, '# TYPE pt_requests counter', ...total, '# EOF', ''].join('\n');
}

/** The figures computed directly from the generated minutes: the 1-day window [AT - 1d, AT). */
function expected() {
  let good = 0;
  let total = 0;
  for (let t = AT - DAY; t < AT; t += M) {
    good += minute(t).good;
    total += minute(t).total;
  }
  const bad = total - good;
  const allowed = (1 - TARGET) * total;
  return { bad, total, remainingPct: 100 * (1 - bad / allowed), burnRate: bad / total / (1 - TARGET) };
}

const SLO_YAML = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
spec:
  service: checkout
  indicator:
    metadata:
      name: checkout-good
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(pt_good_requests_total)
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(pt_requests_total)
  timeWindow:
    - duration: 1d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: ${TARGET}
`;

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const INSTALL = 'apt-get install prometheus: it has both';
const tools = toolRuns('prometheus') && toolRuns('promtool');
// CI installs both (.ci/run): there, a missing one fails each test below, by name, not a skip.
const skipReal = skipWithout('prometheus and promtool', tools, INSTALL);

describe.skipIf(skipReal)('pt slo status against a real Prometheus', () => {
  let dir: TempDir;
  let server: ChildProcess | undefined;
  let url = '';

  beforeEach(() => {
    if (!tools) throw missingTool('prometheus or promtool', INSTALL);
  });

  beforeAll(async () => {
    if (!tools) return; // each test fails in beforeEach
    dir = makeTempDir();
    dir.file('counters.om', openMetrics());
    dir.file('slo.yaml', SLO_YAML);
    dir.file('prometheus.yml', 'global:\n  scrape_interval: 1m\n');
    const data = join(dir.path, 'data');
    const created = spawnSync(
      'promtool',
      ['tsdb', 'create-blocks-from', 'openmetrics', join(dir.path, 'counters.om'), data],
      {
        encoding: 'utf8',
      },
    );
    if (created.status !== 0) throw new Error(`promtool failed: ${created.stderr}`);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawn(
      'prometheus',
      [
        `--config.file=${join(dir.path, 'prometheus.yml')}`,
        `--storage.tsdb.path=${data}`,
        // The generated samples are days old: keep them.
        '--storage.tsdb.retention.time=100y',
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    const deadline = performance.now() + 30_000;
    for (;;) {
      try {
        if ((await fetch(`${url}/-/ready`)).ok) break;
      } catch {
        // not listening yet
      }
      if (performance.now() > deadline) throw new Error('prometheus was not ready within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 180_000);

  afterAll(async () => {
    if (server !== undefined && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    if (tools) dir.cleanup();
  });

  it('prints the budget left and the burn rate computed from the counters', async () => {
    const r = await runPt([
      'slo',
      'status',
      join(dir.path, 'slo.yaml'),
      '--prometheus',
      url,
      '--at',
      new Date(AT).toISOString(),
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [slo] = JSON.parse(r.stdout) as {
      slo: string;
      budget: { remainingPct: number; burnRate: number; events: { bad: number; total: number } };
    }[];
    const want = expected();
    expect(slo?.slo).toBe('checkout-availability');
    // The outage (1,000 bad requests) lies well inside the window, and the reset loses nothing.
    expect(slo?.budget.events.bad).toBe(want.bad);
    // Whether the minute at the window's start edge counts may differ by one step (100 events
    // of 144,000), which moves the budget left by under 0.1 point and the burn rate by under 0.001.
    expect(Math.abs((slo?.budget.events.total ?? 0) - want.total)).toBeLessThanOrEqual(RATE);
    expect(Math.abs((slo?.budget.remainingPct ?? Number.NaN) - want.remainingPct)).toBeLessThan(0.1);
    expect(Math.abs((slo?.budget.burnRate ?? Number.NaN) - want.burnRate)).toBeLessThan(0.001);
  });

  it('the table has the same figures as pt slo budget prints', async () => {
    const r = await runPt([
      'slo',
      'status',
      join(dir.path, 'slo.yaml'),
      '--prometheus',
      url,
      '--at',
      new Date(AT).toISOString(),
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('checkout-availability (service checkout)\n');
    expect(r.stdout).toContain(' 1,000 bad, ');
    expect(r.stdout).toMatch(/% left\n/);
  });

  it('pt report --slo --prometheus fills the service’s sloDetails', async () => {
    const r = await runPt([
      'report',
      '../../examples/fleet.yaml',
      '--slo',
      join(dir.path, 'slo.yaml'),
      '--prometheus',
      url,
      '--at',
      new Date(AT).toISOString(),
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      services: { name: string; sloDetails?: { slo: string; budgetRemainingPct: number; burnRate: number }[] }[];
    };
    const [detail] = report.services.find((s) => s.name === 'checkout')?.sloDetails ?? [];
    const want = expected();
    expect(detail?.slo).toBe('checkout-availability');
    // Rounded to 0.1 point and 0.01 by the report, plus the one-step edge (see above).
    expect(Math.abs((detail?.budgetRemainingPct ?? Number.NaN) - want.remainingPct)).toBeLessThanOrEqual(0.15);
    expect(Math.abs((detail?.burnRate ?? Number.NaN) - want.burnRate)).toBeLessThanOrEqual(0.006);
  });

  it('pt slo alerts --prometheus evaluates the alerts and their timeline from the counters', async () => {
    const at = new Date(AT).toISOString();
    const r = await runPt(['slo', 'alerts', join(dir.path, 'slo.yaml'), '--prometheus', url, '--at', at, '-f', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [slo] = JSON.parse(r.stdout) as {
      at: string;
      page: string;
      ticket: string;
      alerts: { state: string; longEvents: number }[];
      fired: { severity: string; start: string; end: string | null }[];
    }[];
    expect(slo?.at).toBe(at);
    // Read from Prometheus: every window has its events, none is short of data.
    expect(slo?.alerts.every((a) => a.state !== 'insufficient_data' && a.longEvents > 0)).toBe(true);
    // The outage (half the requests failing for 20 minutes, 5 hours ago) burns 50× a 1% budget:
    // the fast page fired during it and has reset since; nothing fires now.
    expect(slo?.page).toBe('ok');
    const pages = slo?.fired.filter((f) => f.severity === 'page') ?? [];
    expect(pages.length).toBeGreaterThan(0);
    for (const span of pages) {
      const start = Date.parse(span.start);
      expect(start).toBeGreaterThanOrEqual(OUTAGE.from);
      expect(start).toBeLessThanOrEqual(OUTAGE.from + OUTAGE.minutes * M);
      expect(span.end).not.toBeNull();
    }
  });

  it('pt report --prometheus: an exhausted objective +2, a paging one +1, one without data neither', async () => {
    // At the end of the outage: the last hour is 1/6 bad (> 0.48 × 1% for a 1d window: page), and
    // the day so far spent 0.69% of requests: within a 99% objective, far over a 99.9% one.
    const atOutageEnd = OUTAGE.from + OUTAGE.minutes * M;
    const exhausted = SLO_YAML.replace('name: checkout-availability', 'name: checkout-strict').replace(
      `target: ${TARGET}`,
      'target: 0.999',
    );
    const dark = SLO_YAML.replace('name: checkout-availability', 'name: checkout-dark').replaceAll(
      'pt_requests_total',
      'pt_missing_total',
    );
    const d = makeTempDir();
    try {
      d.file('slos.yaml', [SLO_YAML, exhausted, dark].join('---\n'));
      d.file('fleet.yaml', 'apiVersion: pt/v1\nkind: Fleet\nservices:\n  - { name: checkout, team: shop }\n');
      const args = ['report', join(d.path, 'fleet.yaml'), '--slo', join(d.path, 'slos.yaml'), '--prometheus', url];
      const r = await runPt([...args, '--at', new Date(atOutageEnd).toISOString(), '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const report = JSON.parse(r.stdout) as {
        summary: { sloBreaches: number; degraded: number };
        services: {
          health: string;
          slosMet: number;
          slosTotal: number;
          reasons: { domain: string; points: number; message: string }[];
          sloDetails: { slo: string; status: string; page: string; source?: string }[];
        }[];
      };
      const [checkout] = report.services;
      expect(report.summary).toMatchObject({ sloBreaches: 1, degraded: 1 });
      expect(checkout).toMatchObject({ health: 'degraded', slosMet: 1, slosTotal: 2 });
      expect(checkout?.sloDetails.map((x) => [x.slo, x.status, x.page, x.source])).toEqual([
        ['checkout-availability', 'ok', 'firing', 'Prometheus'],
        // 500 requests in 5 minutes are too few to judge a 0.1% objective's fast window: no page verdict.
        ['checkout-strict', 'exhausted', 'insufficient_data', 'Prometheus'],
        ['checkout-dark', 'no_data', 'insufficient_data', undefined],
      ]);
      expect(checkout?.reasons.map((x) => [x.domain, x.points])).toEqual([
        ['slo', 2],
        ['slo', 1],
      ]);
      expect(checkout?.reasons[0]?.message).toMatch(
        /^SLO not met: checkout-strict \(SLI [\d.]+% < 99\.9% from Prometheus, budget -\d/,
      );
      expect(checkout?.reasons[1]?.message).toBe(
        'error budget burning 0.48× too fast: checkout-availability from Prometheus (page alert firing)',
      );
      for (const format of ['table', 'markdown']) {
        const t = await runPt([...args, '--at', new Date(atOutageEnd).toISOString(), '--format', format]);
        expect(t.status).toBe(0);
        // The table wraps reasons at 80 columns.
        expect(t.stdout).toMatch(/error budget burning 0\.48× too fast:\s+checkout-availability\s+from\s+Prometheus/);
        expect(t.stdout).toMatch(/SLO not met:\s+checkout-strict/);
        expect(t.stdout).toMatch(/checkout-dark.*no data/);
      }
    } finally {
      d.cleanup();
    }
  });

  it('a PromQL error is reported with Prometheus’s message, exit 2', async () => {
    const bad = SLO_YAML.replace('sum(pt_requests_total)', 'sum(pt_requests_total');
    const d = makeTempDir();
    try {
      d.file('slo.yaml', bad);
      const r = await runPt([
        'slo',
        'status',
        join(d.path, 'slo.yaml'),
        '--prometheus',
        url,
        '--at',
        new Date(AT).toISOString(),
      ]);
      expectInputError(
        r,
        new RegExp(`^pt: Prometheus at ${url.replace(/\./g, '\\.')}: HTTP 400 Bad Request: .*parse error`),
      );
    } finally {
      d.cleanup();
    }
  });
});

describe.concurrent('pt slo status when Prometheus fails', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  async function fake(answer: (n: number, res: ServerResponse) => void): Promise<string> {
    let n = 0;
    const server = createServer((_req, res) => answer(n++, res));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const matrix = (values: [number, string][]) =>
    JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } });

  async function status(url: string, extra: string[] = []) {
    const d = makeTempDir();
    try {
      d.file('slo.yaml', SLO_YAML);
      return await runPt([
        'slo',
        'status',
        join(d.path, 'slo.yaml'),
        '--prometheus',
        url,
        '--at',
        new Date(AT).toISOString(),
        '-f',
        'json',
        ...extra,
      ]);
    } finally {
      d.cleanup();
    }
  }

  it('server down: connection refused, exit 2, nothing on stdout', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    expectInputError(await status(url), `Prometheus at ${url}: cannot connect (connection refused) (after 4 attempts)`);
  });

  it('HTTP 500 then success: retried, exit 0', async () => {
    const url = await fake((n, res) => {
      if (n === 0) {
        res.writeHead(500);
        res.end('oops');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        matrix([
          [(AT - 2 * M) / 1000, '0'],
          [(AT - M) / 1000, '100'],
          [AT / 1000, '200'],
        ]),
      );
    });
    const r = await status(url);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [slo] = JSON.parse(r.stdout) as { budget: { events: { good: number; total: number } } }[];
    expect(slo?.budget.events).toMatchObject({ good: 200, total: 200 });
  });

  it('garbage JSON: a clear error, exit 2, nothing on stdout', async () => {
    const url = await fake((_n, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>sign in</html>');
    });
    expectInputError(
      await status(url),
      `Prometheus at ${url}: the answer is not JSON (is this the Prometheus HTTP API?)`,
    );
  });

  it('HTTP 401: names the credentials variables', async () => {
    const url = await fake((_n, res) => {
      res.writeHead(401);
      res.end('');
    });
    expectInputError(
      await status(url),
      `Prometheus at ${url}: HTTP 401 Unauthorized (check PT_PROMETHEUS_TOKEN or PT_PROMETHEUS_USER/PT_PROMETHEUS_PASSWORD)`,
    );
  });

  it('a slow answer times out after --timeout', async () => {
    const url = await fake((_n, res) => {
      setTimeout(() => {
        res.writeHead(200);
        res.end(matrix([]));
      }, 3000);
    });
    expectInputError(
      await status(url, ['--timeout', '0.5']),
      `Prometheus at ${url}: no answer within 0.5s (--timeout)`,
    );
  });

  it('without --prometheus: a usage error', async () => {
    const r = await runPt(['slo', 'status', '../../examples/slo/api-gateway.yaml']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("pt: pt slo status needs --prometheus <url>\nRun 'pt slo --help' for usage.\n");
  });
});
