#!/usr/bin/env node
// Runs every command the README shows (and the bad-input cases beside them) against a built `pt`,
// recording stdout, stderr and exit code of each, so that two builds can be compared byte for byte.
//
//   node tools/checks/cli-golden.mjs record <pt.js> <dir>    write one JSON file per case into <dir>
//   node tools/checks/cli-golden.mjs compare <dirA> <dirB>   list every case whose output differs (exit 1)
//
// Each case runs in a scratch folder holding links to `examples/` and the packages' fixtures plus a
// few broken inputs, so every path a message prints is the same from run to run.
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

const BROKEN = {
  'broken.yaml':
    'apiVersion: pt/v1\nkind: Fleet\nservices:\n  - name: Bad_Name\n    team: ""\n    tier: 9\n    slos:\n      - { name: a, target: 1000, current: 99 }\n',
  'broken.json':
    '{"apiVersion":"pt/v1","kind":"Fleet","services":[{"name":"x","team":"t","cost":{"entries":[{"month":"2024-1","amount":-1}]}}]}',
  'syntax.yaml': 'apiVersion: pt/v1\nkind: Fleet\nservices:\n  - name: a\n   team: b\n',
  'syntax.json': '{"apiVersion": "pt/v1", "kind": "Fleet", "services": [ }',
  'empty.yaml': '',
  'unknown-key.yaml': 'apiVersion: pt/v1\nkind: Fleet\nservices:\n  - name: a\n    team: b\n    colour: red\n',
  'bad-slo.yaml':
    'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: x\nspec:\n  service: s\n  budgetingMethod: Occurrences\n  objectives:\n    - target: 2\n',
  'bad-scorecard.yaml': 'apiVersion: pt/v1\nkind: Scorecard\nlevels: []\nrules:\n  - id: x\n',
  'bad-events.jsonl': '{"type":"deployment","service":"a","at":"nope"}\n{"type":"bogus"}\n',
  'bad-events.csv': 'type,service,at\ndeployment,a,2026-13-01\n',
  'bad-cost.yaml': 'allocation:\n  tagKeys: 3\nnope: 1\n',
  'bad-focus.csv': 'BilledCost,ChargePeriodStart\nabc,2024-01-01\n',
  'bad-sli.csv': 'timestamp,good,total\n2026-01-01T00:00:00Z,5,3\n',
  'bad-report.json': '{"schemaVersion":1}',
  'catalog-bad.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {}\nspec: {}\n',
};

const F = 'examples/fleet.yaml';
const AT = '2026-11-28T00:00:00Z';
const SLOS = 'examples/slo/api-gateway.yaml,examples/slo/checkout.yaml';
const SLO_DATA = 'examples/slo/data/api-gateway-availability.csv,examples/slo/data/checkout-success.json';
const FOCUS = 'pkg/cost/test/fixtures/focus/focus_sample.csv';
const CATALOG = 'pkg/governance/test/fixtures/backstage';
const EVENTS = ['examples/events/events.jsonl', 'examples/events/incidents.csv'];

/** @type {{ name: string, args: string[], stdin?: string }[]} */
const CASES = [
  ['help', ['--help']],
  ['version', ['--version']],
  ['no-command', []],
  ['unknown-command', ['reprot']],
  ...['report', 'validate', 'demo', 'diff', 'schema', 'slo', 'cost', 'dora', 'governance'].map((c) => [
    `help-${c}`,
    [c, '--help'],
  ]),
  ['demo', ['demo']],
  ...['json', 'markdown', 'html', 'table'].map((f) => [`demo-${f}`, ['demo', '--format', f]]),
  ['report', ['report', F]],
  ['report-json-file', ['report', 'examples/fleet.json']],
  ...['json', 'markdown', 'html'].map((f) => [`report-${f}`, ['report', F, '--format', f]]),
  ['report-team-md', ['report', F, '--team', 'payments', '--format', 'markdown']],
  ['report-team-unknown', ['report', F, '--team', 'nobody']],
  ['report-fail-on', ['report', F, '--fail-on', 'critical']],
  ['report-fail-on-unknown', ['report', F, '--fail-on', 'unknown', '--format', 'json']],
  ['report-stdin', ['report', '-', '--format', 'markdown'], 'examples/fleet.json'],
  ['report-stdin-yaml', ['report', '-'], 'examples/fleet.yaml'],
  ['report-scorecard', ['report', F, '--scorecard', 'examples/scorecard.yaml', '--at', '2026-01-01']],
  [
    'report-scorecard-json',
    ['report', F, '--scorecard', 'examples/scorecard.yaml', '--at', '2026-01-01', '--format', 'json'],
  ],
  ['report-catalog', ['report', F, '--catalog', CATALOG, '--at', '2026-01-01']],
  ['report-events', ['report', F, '--events', EVENTS[0], '--events', EVENTS[1], '--at', AT]],
  ['report-events-json', ['report', F, '--events', EVENTS.join(','), '--at', AT, '--format', 'json']],
  [
    'report-events-md',
    ['report', F, '--events', EVENTS.join(','), '--at', AT, '--window', '90d', '--format', 'markdown'],
  ],
  ['report-slo', ['report', F, '--slo', SLOS, '--slo-data', SLO_DATA]],
  ['report-slo-json', ['report', F, '--slo', SLOS, '--slo-data', SLO_DATA, '--format', 'json']],
  ['report-slo-md', ['report', F, '--slo', SLOS, '--slo-data', SLO_DATA, '--format', 'markdown']],
  ['report-slo-at', ['report', F, '--slo', SLOS, '--slo-data', SLO_DATA, '--at', '2026-11-20T12:00:00Z']],
  ['report-cost', ['report', F, '--cost', FOCUS]],
  ['report-cost-json', ['report', F, '--cost', FOCUS, '--format', 'json']],
  ['report-cost-md', ['report', F, '--cost', FOCUS, '--format', 'markdown', '--split', 'even']],
  [
    'report-all-json',
    [
      'report',
      F,
      '--events',
      EVENTS.join(','),
      '--at',
      AT,
      '--slo',
      SLOS,
      '--slo-data',
      SLO_DATA,
      '--scorecard',
      'examples/scorecard.yaml',
      '--format',
      'json',
    ],
  ],
  [
    'report-all-html',
    [
      'report',
      F,
      '--events',
      EVENTS.join(','),
      '--at',
      AT,
      '--slo',
      SLOS,
      '--slo-data',
      SLO_DATA,
      '--scorecard',
      'examples/scorecard.yaml',
      '--format',
      'html',
    ],
  ],
  ['report-broken', ['report', 'fx/broken.yaml']],
  ['report-broken-json', ['report', 'fx/broken.json', '--format', 'json']],
  ['report-syntax', ['report', 'fx/syntax.yaml']],
  ['report-syntax-json', ['report', 'fx/syntax.json', '--format', 'json']],
  ['report-empty', ['report', 'fx/empty.yaml']],
  ['report-missing', ['report', 'fx/missing.yaml']],
  ['report-bad-format', ['report', F, '--format', 'xml']],
  ['report-bad-option', ['report', F, '--fromat', 'json']],
  ['report-bad-at', ['report', F, '--scorecard', 'examples/scorecard.yaml', '--at', 'yesterday']],
  ['report-bad-jobs', ['report', F, '--jobs', '0']],
  ['report-bad-max', ['report', F, '--max-input-mb', '-1']],
  ['report-bad-scorecard', ['report', F, '--scorecard', 'fx/bad-scorecard.yaml']],
  ['report-bad-events', ['report', F, '--events', 'fx/bad-events.jsonl', '--at', AT]],
  ['report-bad-slo', ['report', F, '--slo', 'fx/bad-slo.yaml']],
  ['report-bad-cost-config', ['report', F, '--cost', FOCUS, '--cost-config', 'fx/bad-cost.yaml']],
  ['report-bad-window', ['report', F, '--events', EVENTS[0], '--window', '30x', '--at', AT]],
  ['validate', ['validate', F]],
  ['validate-json', ['validate', 'examples/fleet.json']],
  ['validate-broken', ['validate', 'fx/broken.yaml']],
  ['validate-broken-json', ['validate', 'fx/broken.json']],
  ['validate-unknown-key', ['validate', 'fx/unknown-key.yaml']],
  ['validate-syntax', ['validate', 'fx/syntax.yaml']],
  ['validate-stdin', ['validate', '-'], 'examples/fleet.yaml'],
  ['governance-check', ['governance', 'check', F, '--by', 'team', '--at', '2026-01-01']],
  ['governance-check-json', ['governance', 'check', F, '--format', 'json', '--at', '2026-01-01']],
  [
    'governance-check-scorecard',
    ['governance', 'check', F, '--scorecard', 'examples/scorecard.yaml', '--at', '2026-01-01', '--by', 'team'],
  ],
  ['governance-check-catalog', ['governance', 'check', F, '--catalog', CATALOG, '--at', '2026-01-01']],
  ['governance-check-bad', ['governance', 'check', F, '--scorecard', 'fx/bad-scorecard.yaml']],
  ['governance-check-bad-at', ['governance', 'check', F, '--at', '2026-02-30']],
  ['governance-import', ['governance', 'import-catalog', CATALOG]],
  ['governance-import-bad', ['governance', 'import-catalog', 'fx/catalog-bad.yaml']],
  ['governance-nosub', ['governance']],
  ['governance-badsub', ['governance', 'chek', F]],
  ['dora', ['dora', ...EVENTS, '--at', AT]],
  ['dora-json', ['dora', ...EVENTS, '--at', AT, '--format', 'json']],
  ['dora-md', ['dora', ...EVENTS, '--at', AT, '--format', 'markdown', '--window', '90d']],
  ['dora-team', ['dora', ...EVENTS, '--at', AT, '--by', 'team', '--fleet', F]],
  ['dora-team-events', ['dora', ...EVENTS, '--at', AT, '--by', 'team']],
  ['dora-stdin', ['dora', '-', '--at', AT], EVENTS[0]],
  ['dora-bad', ['dora', 'fx/bad-events.jsonl', '--at', AT]],
  ['dora-bad-csv', ['dora', 'fx/bad-events.csv', '--at', AT]],
  ['dora-bad-at', ['dora', EVENTS[0], '--at', '2026-11-28']],
  ['dora-bad-window', ['dora', EVENTS[0], '--at', AT, '--window', '0d']],
  ['slo-validate', ['slo', 'validate', 'examples/slo/api-gateway.yaml', 'examples/slo/checkout.yaml']],
  ['slo-validate-fixtures', ['slo', 'validate', 'pkg/slo/test/fixtures/openslo/go-sdk-v1/slos.yaml']],
  ['slo-validate-bad', ['slo', 'validate', 'fx/bad-slo.yaml']],
  [
    'slo-budget',
    ['slo', 'budget', 'examples/slo/api-gateway.yaml', '--data', 'examples/slo/data/api-gateway-availability.csv'],
  ],
  [
    'slo-budget-json',
    [
      'slo',
      'budget',
      'examples/slo/api-gateway.yaml',
      '--data',
      'examples/slo/data/api-gateway-availability.csv',
      '--format',
      'json',
    ],
  ],
  [
    'slo-budget-checkout',
    [
      'slo',
      'budget',
      'examples/slo/checkout.yaml',
      '--data',
      'examples/slo/data/checkout-success.json',
      '--at',
      '2026-11-20T12:00:00Z',
    ],
  ],
  [
    'slo-budget-epoch',
    [
      'slo',
      'budget',
      'examples/slo/api-gateway.yaml',
      '--data',
      'examples/slo/data/api-gateway-availability.csv',
      '--at',
      '1763640000',
    ],
  ],
  ['slo-budget-bad-data', ['slo', 'budget', 'examples/slo/api-gateway.yaml', '--data', 'fx/bad-sli.csv']],
  [
    'slo-alerts',
    ['slo', 'alerts', 'examples/slo/api-gateway.yaml', '--data', 'examples/slo/data/api-gateway-availability.csv'],
  ],
  [
    'slo-alerts-json',
    [
      'slo',
      'alerts',
      'examples/slo/api-gateway.yaml',
      '--data',
      'examples/slo/data/api-gateway-availability.csv',
      '--format',
      'json',
    ],
  ],
  [
    'slo-alerts-min',
    [
      'slo',
      'alerts',
      'examples/slo/checkout.yaml',
      '--data',
      'examples/slo/data/checkout-success.json',
      '--min-events',
      '10',
    ],
  ],
  ['slo-rules', ['slo', 'rules', 'examples/slo/api-gateway.yaml']],
  ['slo-rules-checkout', ['slo', 'rules', 'examples/slo/checkout.yaml']],
  ['slo-rules-sloth', ['slo', 'rules', 'pkg/slo/test/fixtures/openslo/go-sdk-v1/slos.yaml']],
  [
    'slo-status-down',
    [
      'slo',
      'status',
      'examples/slo/api-gateway.yaml',
      '--prometheus',
      'http://127.0.0.1:9',
      '--at',
      '2026-11-20T12:00:00Z',
      '--timeout',
      '2',
    ],
  ],
  ['slo-status-nourl', ['slo', 'status', 'examples/slo/api-gateway.yaml']],
  ['slo-nosub', ['slo']],
  ['cost-summary', ['cost', 'summary', FOCUS]],
  ...['category', 'charge-category', 'service-name', 'month', 'day', 'team'].map((by) => [
    `cost-summary-${by}`,
    ['cost', 'summary', FOCUS, '--by', by],
  ]),
  ['cost-summary-team-fleet', ['cost', 'summary', FOCUS, '--by', 'team', '--fleet', F, '--format', 'json']],
  ['cost-summary-md', ['cost', 'summary', FOCUS, '--format', 'markdown', '--metric', 'EffectiveCost']],
  ['cost-summary-currency', ['cost', 'summary', FOCUS, '--currency', 'EUR']],
  ['cost-summary-duckdb', ['cost', 'summary', FOCUS, '--engine', 'duckdb', '--by', 'category']],
  ['cost-anomalies', ['cost', 'anomalies', FOCUS]],
  ['cost-anomalies-json', ['cost', 'anomalies', FOCUS, '--threshold', '2', '--min-cost', '0.01', '--format', 'json']],
  ['cost-bad', ['cost', 'summary', 'fx/bad-focus.csv']],
  ['cost-bad-skip', ['cost', 'summary', 'fx/bad-focus.csv', '--on-bad-row', 'skip']],
  ['cost-bad-config', ['cost', 'summary', FOCUS, '--cost-config', 'fx/bad-cost.yaml']],
  ['cost-nosub', ['cost']],
  ['schema-fleet', ['schema', 'fleet']],
  ['schema-report', ['schema', 'report']],
  ['schema-bad', ['schema', 'nope']],
  ['diff-bad', ['diff', 'fx/bad-report.json', 'fx/bad-report.json']],
  ['diff-missing', ['diff', 'fx/nope.json']],
].map(([name, args, stdin]) => ({ name, args, stdin }));

/** Cases that need an earlier case's output: two reports to diff. */
const DIFF_CASES = [
  ['diff', ['diff', 'out/demo.json', 'out/fleet.json']],
  ['diff-md', ['diff', 'out/demo.json', 'out/fleet.json', '--format', 'markdown', '--fail-on-regression']],
  ['diff-json', ['diff', 'out/fleet.json', 'out/slo.json', '--format', 'json']],
  ['diff-same', ['diff', 'out/fleet.json', 'out/fleet.json']],
].map(([name, args]) => ({ name, args }));

function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'pt-golden-'));
  symlinkSync(join(root, 'examples'), join(dir, 'examples'));
  symlinkSync(join(root, 'packages'), join(dir, 'pkg'));
  mkdirSync(join(dir, 'fx'));
  mkdirSync(join(dir, 'out'));
  for (const [name, text] of Object.entries(BROKEN)) writeFileSync(join(dir, 'fx', name), text);
  return dir;
}

function run(pt, cwd, { args, stdin }) {
  const r = spawnSync(process.execPath, [pt, ...args], {
    cwd,
    input: stdin === undefined ? '' : readFileSync(join(root, stdin)),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC', NO_COLOR: '1', LANG: 'C' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    args,
    stdin: stdin ?? null,
    code: r.status,
    signal: r.signal,
    stdout: r.stdout.toString(),
    stderr: r.stderr.toString(),
  };
}

function record(ptPath, outDir) {
  const pt = resolve(ptPath);
  const cwd = scratch();
  mkdirSync(outDir, { recursive: true });
  try {
    for (const c of CASES) writeFileSync(join(outDir, `${c.name}.json`), JSON.stringify(run(pt, cwd, c), null, 1));
    // Reports for the diff cases, written by this same build.
    for (const [file, args] of [
      ['demo.json', ['demo', '--format', 'json']],
      ['fleet.json', ['report', F, '--format', 'json']],
      ['slo.json', ['report', F, '--slo', SLOS, '--slo-data', SLO_DATA, '--format', 'json']],
    ]) {
      const r = run(pt, cwd, { args: [...args, '--out', `out/${file}`] });
      writeFileSync(join(outDir, `out-${file}`), JSON.stringify(r, null, 1));
    }
    for (const c of DIFF_CASES) writeFileSync(join(outDir, `${c.name}.json`), JSON.stringify(run(pt, cwd, c), null, 1));
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  console.log(`${CASES.length + DIFF_CASES.length + 3} cases recorded in ${outDir}`);
}

function compare(a, b) {
  const names = [...new Set([...readdirSync(a), ...readdirSync(b)])].sort();
  let differ = 0;
  for (const n of names) {
    if (!existsSync(join(a, n)) || !existsSync(join(b, n))) {
      console.log(`${n}: only in ${existsSync(join(a, n)) ? a : b}`);
      differ++;
      continue;
    }
    const x = JSON.parse(readFileSync(join(a, n), 'utf8'));
    const y = JSON.parse(readFileSync(join(b, n), 'utf8'));
    for (const k of ['code', 'signal', 'stdout', 'stderr']) {
      if (x[k] !== y[k]) {
        differ++;
        console.log(`${n}: ${k} differs`);
        console.log(`  before: ${JSON.stringify(x[k]).slice(0, 400)}`);
        console.log(`  after:  ${JSON.stringify(y[k]).slice(0, 400)}`);
      }
    }
  }
  console.log(`${names.length} cases compared, ${differ} differences`);
  process.exitCode = differ === 0 ? 0 : 1;
}

const [mode, x, y] = process.argv.slice(2);
if (mode === 'record' && x && y) record(x, y);
else if (mode === 'compare' && x && y) compare(x, y);
else {
  console.error('usage: cli-golden.mjs record <pt.js> <dir> | compare <dirA> <dirB>');
  process.exitCode = 2;
}
