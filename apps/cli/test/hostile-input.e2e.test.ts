/**
 * The hostile input corpus (DESIGN.md §6), for every input `pt` reads besides the fleet file's
 * basics (bad-input.e2e.test.ts): scorecards, Backstage catalogs, DORA events (JSON Lines, CSV),
 * OpenSLO files, SLI data (CSV, JSON), FOCUS billing (CSV, gzip, both engines), cost
 * configurations, JSON reports for `pt diff`, and the fleet cases bad-input does not cover.
 *
 * A matrix: input kind × hostile case × command reading it, each run by the built `pt` with a
 * 256 MiB heap (`--max-old-space-size`), so runaway memory fails the run. A refused input must
 * exit 2 with nothing on stdout, no stack trace, a `pt: …` last line, the file named (with its
 * line where a line exists), no line longer than {@link MAX_LINE} (nothing echoes a huge input),
 * without hanging (`runPt` kills a run after 15 s and fails the test; no duration is asserted), and no output or temporary file left behind (`--out` is given wherever
 * the command has it). Some hostile-looking inputs are valid: those cases say why and assert the
 * accepted result instead.
 *
 * Fixtures are written to a fresh temporary directory that is also the working directory.
 */
import { chmodSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect } from 'vitest';
import {
  CLI_DIR,
  EXAMPLE_YAML,
  expectNoCrash,
  itWithDir as it,
  runPt,
  type RunResult,
  type TempDir,
} from './run-cli.js';

/** No stderr line may be longer: messages cut what they quote from the input. */
const MAX_LINE = 1000;
/** The child's heap: a parser that buffers or copies a 10 MB input many times fails here. */
const HEAP_ENV = { NODE_OPTIONS: '--max-old-space-size=256' };
const MB10 = 10 * 1024 * 1024;
const AT = '2026-11-28T00:00:00Z';

/**
 * Runs of `pt` at once from this file. Each is timed from its own start, so a run waiting here is
 * not charged; more at once on a small machine would time the scheduler, not `pt`.
 */
const PARALLEL = 2;
let running = 0;
const waiting: (() => void)[] = [];

/**
 * `runPt` with the 256 MiB heap, at most {@link PARALLEL} at a time. `unprivileged`: as an
 * unprivileged user when the tests run as root (see `runPt`), so that file modes apply.
 */
async function pt(args: readonly string[], cwd: string, unprivileged = false): Promise<RunResult> {
  while (running >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await runPt(args, { cwd, env: HEAP_ENV, unprivileged });
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const example = (path: string) => readFileSync(join(CLI_DIR, '../..', path), 'utf8');
const FLEET = readFileSync(join(CLI_DIR, EXAMPLE_YAML), 'utf8');
const SLO = example('examples/slo/api-gateway.yaml');
const CHECKOUT = example('examples/slo/checkout.yaml');
const SLI_CSV = `${example('examples/slo/data/api-gateway-availability.csv').split('\n').slice(0, 40).join('\n')}\n`;
const SLI_JSON = `${JSON.stringify((JSON.parse(example('examples/slo/data/checkout-success.json')) as unknown[]).slice(0, 40))}\n`;
const FOCUS_SAMPLE = `${example('packages/cost/test/fixtures/focus/focus_sample.csv').split('\n').slice(0, 60).join('\n')}\n`;
const FOCUS_HEAD = 'BilledCost,BillingCurrency,ChargePeriodStart,ServiceName,Tags';
const focus = (amount: string, name = 'Compute', tags = '"{""service"": ""api-gateway""}"') =>
  `${FOCUS_HEAD}\n${amount},USD,2024-09-01T00:00:00Z,${name},${tags}\n2,USD,2024-09-02T00:00:00Z,Compute,\n`;
const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const HEAD = 'apiVersion: pt/v1\nkind: Fleet\n';

/** `pt report examples/fleet.yaml --format json`, written once: the valid report for `pt diff`. */
let REPORT = '';
beforeAll(async () => {
  const r = await runPt(['report', EXAMPLE_YAML, '--format', 'json']);
  expect(r.status).toBe(0);
  REPORT = r.stdout;
});

/** A kind of input: its file, the commands that read it (`@` is the file), and its hostile variants. */
interface Kind {
  readonly file: string;
  /** Other files the commands need, valid. */
  readonly aux?: Readonly<Record<string, () => string>>;
  /**
   * Commands reading the file, one per way in (the own command, `pt report`'s option, each engine);
   * the first also runs the cases about reading (not parsing) a file.
   */
  readonly runs: readonly (readonly string[])[];
  readonly valid: () => string;
  /** The input with a number field set to this text. */
  readonly num: (value: string) => string;
  /** The input with a name (or id) set to this text. */
  readonly name: (value: string) => string;
  /** A `__proto__`/`constructor` key (or column), a key (or column) given twice, deep nesting. */
  readonly proto: () => string;
  readonly dup: () => string;
  readonly nest?: () => string;
  /** YAML: also an alias bomb. */
  readonly yaml?: boolean;
  /** Whether `/proc/self/mem` (a file whose read fails) can be given as this input's path (else: a link to it). */
  readonly anyPath?: boolean;
}

const yamlDup = (text: string) => text.replace(/\n(\w+): /, (_m, key: string) => `\n${key}: x\n${key}: `);
const yamlProto = (text: string) => `${text.trimEnd()}\n__proto__: { polluted: true }\n`;
const yamlNest = () => `a: ${deep(100_000)}\n`;
const bomb = (valid: string) => {
  // Ten levels of ten aliases: 10^10 nodes if expanded.
  const lines = [valid.split('\n---')[0]?.trimEnd() ?? '', `x0: &x0 [${Array(10).fill('lol').join(', ')}]`];
  for (let i = 1; i < 10; i++)
    lines.push(
      `x${i}: &x${i} [${Array(10)
        .fill(`*x${i - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
};

const KINDS: Readonly<Record<string, Kind>> = {
  'fleet (YAML)': {
    file: 'fleet.yaml',
    runs: [
      ['validate', '@'],
      ['report', '@', '--format', 'json', '--out', 'out.json'],
    ],
    valid: () => FLEET,
    num: (v) =>
      `${HEAD}services:\n  - name: a\n    team: t\n    reliability: { uptimePct: ${v}, mttrMinutes: 5, incidents30d: 0, changeFailureRatePct: 5 }\n`,
    name: (n) => `${HEAD}services:\n  - name: ${n}\n    team: t\n`,
    proto: () => yamlProto(FLEET),
    dup: () => yamlDup(FLEET),
    nest: yamlNest,
    yaml: true,
    anyPath: true,
  },
  'fleet (JSON)': {
    file: 'fleet.json',
    runs: [
      ['validate', '@'],
      ['report', '@', '--format', 'json', '--out', 'out.json'],
    ],
    valid: () => example('examples/fleet.json'),
    num: (v) =>
      `{"apiVersion":"pt/v1","kind":"Fleet",\n"services":[{"name":"a","team":"t","reliability":{"uptimePct":${v},"mttrMinutes":5,"incidents30d":0,"changeFailureRatePct":5}}]}\n`,
    name: (n) => `{"apiVersion":"pt/v1","kind":"Fleet",\n"services":[{"name":"${n}","team":"t"}]}\n`,
    proto: () =>
      `{"apiVersion":"pt/v1","kind":"Fleet",\n"services":[{"name":"a","team":"t","constructor":{"prototype":1}}]}\n`,
    // JSON.parse keeps the last of a repeated key: tier 7, which is out of range.
    dup: () => `{"apiVersion":"pt/v1","kind":"Fleet",\n"services":[{"name":"a","team":"t","tier":1,"tier":7}]}\n`,
    nest: () => `{"apiVersion":"pt/v1","kind":"Fleet","services":${deep(100_000)}}`,
    anyPath: true,
  },
  scorecard: {
    file: 'scorecard.yaml',
    aux: { 'fleet.yaml': () => FLEET },
    runs: [
      ['governance', 'check', 'fleet.yaml', '--scorecard', '@', '--out', 'out.txt'],
      ['report', 'fleet.yaml', '--scorecard', '@', '--out', 'out.txt'],
    ],
    valid: () => example('examples/scorecard.yaml'),
    num: (v) =>
      `apiVersion: pt/v1\nkind: Scorecard\nname: s\nlevels: [bronze]\nrules:\n  - { id: r, title: R, level: bronze, weight: ${v}, condition: { fact: runbook, equals: true } }\n`,
    name: (n) =>
      `apiVersion: pt/v1\nkind: Scorecard\nname: s\nlevels: [bronze]\nrules:\n  - { id: ${n}, title: R, level: bronze, condition: { fact: runbook, equals: true } }\n`,
    proto: () => yamlProto(example('examples/scorecard.yaml')),
    dup: () => yamlDup(example('examples/scorecard.yaml')),
    nest: yamlNest,
    yaml: true,
    anyPath: true,
  },
  'Backstage catalog': {
    file: 'catalog-info.yaml',
    aux: { 'fleet.yaml': () => FLEET },
    runs: [
      ['governance', 'import-catalog', '@', '--strict'],
      ['report', 'fleet.yaml', '--catalog', '@', '--out', 'out.txt'],
    ],
    valid: () =>
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: api-gateway\n  annotations: { backstage.io/techdocs-ref: "dir:." }\nspec: { owner: group:default/team-a, lifecycle: production }\n',
    num: (v) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: api-gateway\n  annotations: { a: ${v} }\nspec: { owner: team-a }\n`,
    name: (n) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${n}\nspec: { owner: team-a }\n`,
    proto: () =>
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: api-gateway\n__proto__: { polluted: true }\n',
    dup: () => 'apiVersion: backstage.io/v1alpha1\nkind: Component\nkind: API\nmetadata:\n  name: api-gateway\n',
    nest: yamlNest,
    yaml: true,
    anyPath: true,
  },
  'DORA events (JSON Lines)': {
    file: 'events.jsonl',
    aux: { 'fleet.yaml': () => FLEET },
    runs: [
      ['dora', '@', '--at', AT, '--out', 'out.txt'],
      ['report', 'fleet.yaml', '--events', '@', '--at', AT, '--out', 'out.txt'],
    ],
    valid: () => `${example('examples/events/events.jsonl').split('\n').slice(0, 12).join('\n')}\n`,
    num: (v) => `{"type":"deployment","id":"d1","service":"api-gateway","time":${v},"status":"success"}\n`,
    name: (n) =>
      `{"type":"deployment","id":"${n}","service":"${n}","time":"2026-11-20T00:00:00Z","status":"success"}\n`,
    proto: () =>
      '{"type":"deployment","id":"d1","service":"api-gateway","time":"2026-11-20T00:00:00Z","status":"success","__proto__":{"x":1}}\n',
    // JSON.parse keeps the last of a repeated key: "soon", which is not a time.
    dup: () =>
      '{"type":"deployment","id":"d1","service":"api-gateway","time":"2026-11-20T00:00:00Z","time":"soon","status":"success"}\n',
    nest: () =>
      `{"type":"deployment","id":"d1","service":"api-gateway","time":"2026-11-20T00:00:00Z","status":"success","changes":${deep(100_000)}}\n`,
  },
  'DORA events (CSV)': {
    file: 'events.csv',
    aux: { 'fleet.yaml': () => FLEET },
    runs: [
      ['dora', '@', '--at', AT, '--out', 'out.txt'],
      ['report', 'fleet.yaml', '--events', '@', '--at', AT, '--out', 'out.txt'],
    ],
    valid: () => example('examples/events/incidents.csv'),
    num: (v) => `type,id,service,start,resolved,severity\nincident,i1,payments,${v},2026-11-08T03:12:00Z,sev1\n`,
    name: (n) =>
      `type,id,service,start,resolved,severity\nincident,${n},${n},2026-11-07T16:00:00Z,2026-11-08T03:12:00Z,sev1\n`,
    proto: () =>
      'type,id,service,start,resolved,severity,__proto__\nincident,i1,payments,2026-11-07T16:00:00Z,2026-11-08T03:12:00Z,sev1,x\n',
    dup: () =>
      'type,id,id,service,start,resolved,severity\nincident,i1,i2,payments,2026-11-07T16:00:00Z,2026-11-08T03:12:00Z,sev1\n',
  },
  OpenSLO: {
    file: 'slo.yaml',
    aux: { 'fleet.yaml': () => FLEET, 'avail.csv': () => SLI_CSV },
    runs: [
      ['slo', 'validate', '@'],
      ['slo', 'rules', '@', '--out', 'out.txt'],
      ['report', 'fleet.yaml', '--slo', '@', '--slo-data', 'api-gateway-availability=avail.csv', '--out', 'out.txt'],
    ],
    valid: () => SLO,
    num: (v) => SLO.replace(/target: [0-9.]+/, `target: ${v}`),
    name: (n) => SLO.replaceAll('api-gateway-availability', n),
    proto: () => yamlProto(SLO),
    dup: () => yamlDup(SLO),
    nest: yamlNest,
    yaml: true,
    anyPath: true,
  },
  'SLI data (CSV)': {
    file: 'avail.csv',
    aux: { 'fleet.yaml': () => FLEET, 'slo.yaml': () => SLO },
    runs: [
      ['slo', 'budget', 'slo.yaml', '--data', 'api-gateway-availability=@'],
      ['report', 'fleet.yaml', '--slo', 'slo.yaml', '--slo-data', 'api-gateway-availability=@', '--out', 'out.txt'],
    ],
    valid: () => SLI_CSV,
    num: (v) => `timestamp,bad,total\n2026-11-01T00:00:00Z,${v},5582\n2026-11-01T00:05:00Z,2,5914\n`,
    name: (n) => `timestamp,bad,total\n${n},1,5582\n`,
    proto: () => 'timestamp,bad,total,__proto__\n2026-11-01T00:00:00Z,1,5582,x\n',
    dup: () => 'timestamp,bad,bad,total\n2026-11-01T00:00:00Z,1,2,5582\n',
    anyPath: true,
  },
  'SLI data (JSON)': {
    file: 'checkout.json',
    aux: { 'fleet.yaml': () => FLEET, 'checkout.yaml': () => CHECKOUT },
    runs: [
      ['slo', 'budget', 'checkout.yaml', '--data', 'checkout-success=@'],
      ['report', 'fleet.yaml', '--slo', 'checkout.yaml', '--slo-data', 'checkout-success=@', '--out', 'out.txt'],
    ],
    valid: () => SLI_JSON,
    num: (v) =>
      `[{"timestamp":"2026-10-31T23:00:00Z","good":${v},"total":51},\n{"timestamp":"2026-10-31T23:05:00Z","good":50,"total":50}]\n`,
    name: (n) => `[{"timestamp":"${n}","good":5,"total":51}]\n`,
    proto: () => '[{"timestamp":"2026-10-31T23:00:00Z","good":5,"total":51,"__proto__":{"good":1}}]\n',
    // JSON.parse keeps the last of a repeated key: 60, more than the total.
    dup: () => '[{"timestamp":"2026-10-31T23:00:00Z","good":5,"good":60,"total":51}]\n',
    nest: () => deep(100_000),
    anyPath: true,
  },
  'FOCUS billing (CSV)': {
    file: 'focus.csv',
    aux: { 'fleet.yaml': () => FLEET },
    runs: [
      ['cost', 'summary', '@'],
      ['report', 'fleet.yaml', '--cost', '@', '--out', 'out.txt'],
      ['cost', 'summary', '@', '--engine', 'duckdb'],
    ],
    valid: () => FOCUS_SAMPLE,
    num: (v) => focus(v),
    name: (n) => focus('1', n, `"{""service"": ""${n}""}"`),
    proto: () =>
      focus('1', 'x', '"{""__proto__"": {""service"": ""api-gateway""}, ""constructor"": ""x""}"').replace(
        FOCUS_HEAD,
        'BilledCost,BillingCurrency,ChargePeriodStart,__proto__,Tags',
      ),
    dup: () => focus('1').replace(FOCUS_HEAD, 'BilledCost,BillingCurrency,ChargePeriodStart,BilledCost,Tags'),
    // Deep, yet within the 65536 characters a Tags cell may have.
    nest: () => focus('1', 'x', `"${deep(30_000)}"`),
    anyPath: true,
  },
  'cost configuration': {
    file: 'cost.yaml',
    aux: { 'focus.csv': () => focus('1') },
    runs: [
      ['cost', 'summary', 'focus.csv', '--cost-config', '@'],
      ['cost', 'anomalies', 'focus.csv', '--cost-config', '@'],
    ],
    valid: () =>
      'allocation:\n  split: even\n  patterns:\n    - { field: ResourceName, match: "web-*", service: web }\n',
    num: (v) => `anomalies:\n  threshold: ${v}\n`,
    name: (n) => `allocation:\n  patterns:\n    - { field: ResourceName, match: "*", service: ${n} }\n`,
    proto: () => 'allocation:\n  split: even\n__proto__: { polluted: true }\n',
    dup: () => 'metric: ListCost\nmetric: BilledCost\n',
    nest: yamlNest,
    yaml: true,
    anyPath: true,
  },
  'JSON report (pt diff)': {
    file: 'new.json',
    aux: { 'old.json': () => REPORT },
    runs: [
      ['diff', 'old.json', '@', '--out', 'out.txt'],
      ['diff', '@', 'old.json'],
    ],
    valid: () => REPORT,
    num: (v) => REPORT.replace(/"totalMonthlyCost": [0-9.]+/, `"totalMonthlyCost": ${v}`),
    name: (n) => REPORT.replace('"api-gateway"', JSON.stringify(n)),
    proto: () => REPORT.replace('"schemaVersion": 1,', '"schemaVersion": 1, "__proto__": {"x": 1},'),
    // JSON.parse keeps the last of a repeated key: 2, an unknown schema version.
    dup: () => REPORT.replace('"schemaVersion": 1,', '"schemaVersion": 1, "schemaVersion": 2,'),
    nest: () => REPORT.replace('"services": [', `"services": [${deep(100_000)},`),
    anyPath: true,
  },
};

type KindName = keyof typeof KINDS;

/** What a case must do: be refused with a first stderr line matching this, or be accepted. */
type Expected = RegExp | { readonly accepted: string; readonly check?: ((r: RunResult) => void) | undefined };

const accepted = (why: string, check?: (r: RunResult) => void): Expected => ({ accepted: why, check });

/** Escapes a file name for a pattern. */
const re = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A hostile case: its content (for a kind), and what each kind must do with it (default: the regex). */
interface Case {
  readonly content: (kind: Kind) => string | Uint8Array | undefined;
  /** Only the first command: the case is about reading the file, which all commands share. */
  readonly readOnly?: boolean;
  readonly expected: (kind: KindName, file: string) => Expected | undefined;
}

const garbage = () => {
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), bytes]);
};

/** Per kind, the first stderr line of each content case (a located, clear message). */
const EXPECTED: Readonly<Record<KindName, Readonly<Record<string, Expected>>>> = {
  'fleet (YAML)': {
    empty: /^fleet\.yaml: the document is empty; expected a Fleet mapping/,
    truncated: /^fleet\.yaml:\d+:\d+: YAML syntax error: /,
    hugeLine: /^fleet\.yaml:4 services\[0\]\.name: must be 1-63 characters .*, got "a{37}\.\.\."$/,
    longName: /^fleet\.yaml:4 services\[0\]\.name: must be 1-63 characters .*, got "n{37}\.\.\."$/,
    // YAML 1.2 reads 1e309 as a string here (js-yaml needs a dot for a float).
    inf: /^fleet\.yaml:6 services\[0\]\.reliability\.uptimePct: must be a number, got "1e309"$/,
    negzero: accepted('-0 is the number 0, a valid uptime', (r) => {
      if (r.stdout !== '') expect(r.stdout).toBe('fleet.yaml: valid (1 service, 1 team)\n');
    }),
    nanStr: /^fleet\.yaml:6 services\[0\]\.reliability\.uptimePct: must be a number, got "NaN"$/,
    dup: /^fleet\.yaml:\d+:1: YAML syntax error: duplicated mapping key$/,
    proto: /^fleet\.yaml:\d+ __proto__: unknown key$/,
    nest: /^fleet\.yaml:1:\d+: YAML syntax error: nesting exceeded maxDepth \(64\)$/,
    bomb: /^fleet\.yaml: YAML aliases expand \d+ written nodes beyond 100000 nodes; refusing to read further$/,
  },
  'fleet (JSON)': {
    empty: /^fleet\.json:1:1: JSON syntax error: value expected$/,
    truncated: /^fleet\.json:\d+:\d+: JSON syntax error: /,
    hugeLine: /^fleet\.json:2 services\[0\]\.name: must be 1-63 characters .*, got "a{37}\.\.\."$/,
    longName: /^fleet\.json:2 services\[0\]\.name: must be 1-63 characters .*, got "n{37}\.\.\."$/,
    inf: /^fleet\.json:2 services\[0\]\.reliability\.uptimePct: must be a finite number, got Infinity$/,
    negzero: accepted('-0 is the number 0, a valid uptime', (r) => {
      if (r.stdout !== '') expect(r.stdout).toBe('fleet.json: valid (1 service, 1 team)\n');
    }),
    nanStr: /^fleet\.json:2 services\[0\]\.reliability\.uptimePct: must be a number, got "NaN"$/,
    dup: /^fleet\.json:2 services\[0\]\.tier: must be <= 3, got 7$/,
    proto: /^fleet\.json:2 services\[0\]\.constructor: unknown key$/,
    // Too deep for the position-aware scanner that finds lines: reported without one.
    nest: /^fleet\.json services\[0\]: must be a mapping, got a list$/,
  },
  scorecard: {
    empty: /^scorecard\.yaml: expected one YAML document, found 0$/,
    truncated: /^scorecard\.yaml:\d+ rules\[2\]\.id: /,
    hugeLine: /^scorecard\.yaml:6 rules\[0\]\.id: must be a fact name .*, got "a{37}\.\.\."$/,
    longName: /^scorecard\.yaml:6 rules\[0\]\.id: must be a fact name .*, got "n{37}\.\.\."$/,
    inf: /^scorecard\.yaml:6 rules\[0\]\.weight: must be a number, got "1e309"$/,
    negzero: /^scorecard\.yaml:6 rules\[0\]\.weight: must be > 0, got 0$/,
    nanStr: /^scorecard\.yaml:6 rules\[0\]\.weight: must be a number, got "NaN"$/,
    dup: /^scorecard\.yaml:\d+:1: YAML syntax error: duplicated mapping key$/,
    proto: /^scorecard\.yaml:\d+ __proto__: unknown key$/,
    nest: /^scorecard\.yaml:1:\d+: YAML syntax error: nesting exceeded maxDepth \(64\)$/,
    bomb: /^scorecard\.yaml: YAML aliases expand beyond 100000 nodes$/,
  },
  'Backstage catalog': {
    empty: accepted('a catalog file may hold any number of entities, none included', (r) => {
      if (r.stdout !== '') expect(r.stdout).toContain('services: []');
    }),
    truncated: /^catalog-info\.yaml:\d+:\d+: YAML syntax error: /,
    hugeLine: /^catalog-info\.yaml:4 metadata\.name: must be at most 63 characters, got "a{37}\.\.\."$/,
    longName: /^catalog-info\.yaml:4 metadata\.name: must be at most 63 characters, got "n{37}\.\.\."$/,
    // YAML reads 1e309 and NaN as strings here: valid annotation values.
    inf: accepted('the annotation is the string "1e309"'),
    nanStr: accepted('the annotation is the string "NaN"'),
    negzero: /^catalog-info\.yaml:5 metadata\.annotations\.a: must be a string, got 0$/,
    dup: /^catalog-info\.yaml:3:1: YAML syntax error: duplicated mapping key$/,
    proto: /^catalog-info\.yaml:5 __proto__: is not allowed as a key$/,
    nest: /^catalog-info\.yaml:1:\d+: YAML syntax error: nesting exceeded maxDepth \(64\)$/,
    bomb: /^catalog-info\.yaml: YAML aliases expand beyond 100000 nodes$/,
  },
  'DORA events (JSON Lines)': {
    empty: accepted('JSON Lines with no line is zero events: nothing deployed in the window'),
    truncated: /^events\.jsonl:\d+: not valid JSON \(/,
    hugeLine: /^events\.jsonl:1 id: must be at most 200 characters$/,
    longName: /^events\.jsonl:1 id: must be at most 200 characters$/,
    inf: /^events\.jsonl:1 time: must be a string, got Infinity$/,
    negzero: /^events\.jsonl:1 time: must be a string, got 0$/,
    nanStr: /^events\.jsonl:1 time: must be an ISO 8601 time with an offset .*, got "NaN"$/,
    dup: /^events\.jsonl:1 time: must be an ISO 8601 time with an offset .*, got "soon"$/,
    proto: /^events\.jsonl:1 __proto__: unknown field$/,
    nest: /^events\.jsonl:1 changes\[0\]: must be a string, got a list$/,
  },
  'DORA events (CSV)': {
    empty: accepted('a CSV file with no header and no row is zero events'),
    truncated: /^events\.csv:\d+: has \d+ cells, the header has 7$/,
    hugeLine: /^events\.csv:2 id: must be at most 200 characters$/,
    longName: /^events\.csv:2 id: must be at most 200 characters$/,
    inf: /^events\.csv:2 start: must be an ISO 8601 time with an offset .*, got "1e309"$/,
    negzero: /^events\.csv:2 start: must be an ISO 8601 time with an offset .*, got "-0"$/,
    nanStr: /^events\.csv:2 start: must be an ISO 8601 time with an offset .*, got "NaN"$/,
    dup: /^events\.csv:1 id: duplicate column$/,
    proto: /^events\.csv:1 __proto__: unknown column$/,
  },
  OpenSLO: {
    empty: /^slo\.yaml \(document 1\): the file is empty; expected OpenSLO objects/,
    truncated: /^slo\.yaml:\d+ \(document 3\) spec\./,
    hugeLine: /^slo\.yaml:31 \(document 3\) metadata\.name: must be a lowercase RFC 1123 label .*, got "a{37}\.\.\."$/,
    longName: /^slo\.yaml:31 \(document 3\) metadata\.name: must be a lowercase RFC 1123 label .*, got "n{37}\.\.\."$/,
    inf: /^slo\.yaml:42 \(document 3\) spec\.objectives\[0\]\.target: must be a number, got "1e309"$/,
    negzero: /^slo\.yaml:42 \(document 3\) spec\.objectives\[0\]\.target: must be > 0, got 0$/,
    nanStr: /^slo\.yaml:42 \(document 3\) spec\.objectives\[0\]\.target: must be a number, got "NaN"$/,
    dup: /^slo\.yaml:3 \(document 1\): YAML syntax error: duplicated mapping key$/,
    proto: /^slo\.yaml:\d+ \(document 4\) __proto__: unknown key$/,
    nest: /^slo\.yaml:1 \(document 1\): YAML syntax error: nesting exceeded maxDepth \(64\)$/,
    bomb: /^slo\.yaml:2 \(document 1\): YAML aliases expand beyond 100000 nodes; refusing to read further$/,
  },
  'SLI data (CSV)': {
    empty: /^avail\.csv: the file is empty; expected the header "timestamp,good,total" or "timestamp,bad,total"$/,
    truncated: /^avail\.csv:\d+: expected 3 fields, got 1$/,
    hugeLine: /^avail\.csv:2 timestamp: must be ISO 8601 with a zone/,
    longName: /^avail\.csv:2 timestamp: must be ISO 8601 with a zone/,
    inf: /^avail\.csv:2 bad: must be a finite number >= 0$/,
    negzero: accepted('-0 bad events is 0 bad events'),
    nanStr: /^avail\.csv:2 bad: must be a finite number >= 0$/,
    dup: /^avail\.csv:1: the header must be "timestamp,good,total" or "timestamp,bad,total"$/,
    proto: /^avail\.csv:1: the header must be "timestamp,good,total" or "timestamp,bad,total"$/,
  },
  'SLI data (JSON)': {
    empty: /^checkout\.json: not valid JSON \(Unexpected end of JSON input\)$/,
    truncated: /^checkout\.json(:\d+)?: not valid JSON \(/,
    hugeLine: /^checkout\.json \[0\]\.timestamp: must be ISO 8601 with a zone/,
    longName: /^checkout\.json \[0\]\.timestamp: must be ISO 8601 with a zone/,
    inf: /^checkout\.json \[0\]\.good: must be a finite number >= 0$/,
    negzero: accepted('-0 good events is 0 good events'),
    nanStr: /^checkout\.json \[0\]\.good: must be a finite number >= 0$/,
    dup: /^checkout\.json \[0\]\.good: must be <= total \(51\), got 60$/,
    proto: /^checkout\.json \[0\]\.__proto__: unknown key$/,
    nest: /^checkout\.json \[0\]: must be an object \{timestamp, good\|bad, total\}$/,
  },
  'FOCUS billing (CSV)': {
    empty: /^pt: focus\.csv: not a FOCUS file: /,
    truncated: /^focus\.csv:30: has 32 fields, the header has 44$|^pt: cannot read focus\.csv: /,
    // One line of 10 MB: longer than a CSV record may be (DuckDB: its own max_line_size).
    hugeLine:
      /^focus\.csv:2: a record longer than 2097152 characters$|^pt: cannot read focus\.csv: Invalid Input Error: /,
    longName: accepted('a 10000-character name is within the 65536 allowed'),
    inf: /^focus\.csv:2 BilledCost: not a number: "1e309"$|^pt: focus\.csv: 1 bad row/,
    negzero: accepted('-0 is an amount of 0'),
    nanStr: /^focus\.csv:2 BilledCost: not a number: "NaN"$|^pt: focus\.csv: 1 bad row/,
    dup: /^focus\.csv:1 BilledCost: duplicate column BilledCost$|^pt: focus\.csv: not a FOCUS file: duplicate column BilledCost$/,
    // FOCUS allows columns of its own (x_…); Tags are free provider data. Neither reaches a prototype.
    proto: accepted('an unknown column is ignored; a __proto__ tag names no service', (r) => {
      if (r.stdout.startsWith('Service')) expect(r.stdout).toContain('(unallocated)');
      expect(r.stdout).not.toContain('api-gateway');
    }),
    nest: accepted('Tags that are not a flat JSON object name no service', (r) => {
      if (r.stdout.startsWith('Service')) expect(r.stdout).toMatch(/^\(unallocated\) +3\.00 /m);
    }),
  },
  'cost configuration': {
    empty: /^cost\.yaml(:1:1)?: YAML syntax error: /,
    truncated: /^cost\.yaml:\d+:\d+: YAML syntax error: /,
    hugeLine: /^cost\.yaml:3 allocation\.patterns\[0\]\.service: must be at most 65536 characters$/,
    longName: accepted('a 10000-character service is within the 65536 allowed'),
    inf: /^cost\.yaml:2 anomalies\.threshold: must be a number, got "1e309"$/,
    negzero: /^cost\.yaml:2 anomalies\.threshold: must be > 0, got 0$/,
    nanStr: /^cost\.yaml:2 anomalies\.threshold: must be a number, got "NaN"$/,
    dup: /^cost\.yaml:2:1: YAML syntax error: duplicated mapping key$/,
    proto: /^cost\.yaml:3 __proto__: unknown key$/,
    nest: /^cost\.yaml:1:\d+: YAML syntax error: nesting exceeded maxDepth/,
    // Aliases are shared, never copied, and the schema refuses the unknown keys before descending.
    bomb: /^cost\.yaml:\d+ x0: unknown key$/,
  },
  'JSON report (pt diff)': {
    empty: /^new\.json:1:1: JSON syntax error: value expected$/,
    truncated: /^new\.json:\d+:\d+: JSON syntax error: /,
    // A report copies its names from a fleet file (which limits them); diff does not judge names again.
    hugeLine: accepted('a name in a report is not validated again; it costs its size, bounded'),
    longName: accepted('a name in a report is not validated again'),
    inf: /^new\.json:12 summary\.totalMonthlyCost: must be a finite number, got Infinity$/,
    negzero: accepted('-0 is a cost of 0'),
    nanStr: /^new\.json:12 summary\.totalMonthlyCost: must be a number, got "NaN"$/,
    dup: /^new\.json:2 schemaVersion: must be 1, got 2$/,
    proto: /^new\.json:2 __proto__: unknown key$/,
    // Too deep for the position-aware scanner that finds lines: reported without one.
    nest: /^new\.json services\[0\]: must be a mapping, got a list$/,
  },
};

const fromTable = (kind: KindName, name: string) => EXPECTED[kind]?.[name];

const CASES: Readonly<Record<string, Case>> = {
  empty: { content: () => '', expected: (k) => fromTable(k, 'empty') },
  truncated: {
    content: (kind) => {
      const valid = kind.valid();
      return valid.slice(0, Math.floor(valid.length / 2) + 3);
    },
    expected: (k) => fromTable(k, 'truncated'),
  },
  binary: {
    content: garbage,
    readOnly: true,
    expected: (_k, file) => new RegExp(`^pt: cannot read ${re(file)}: not valid UTF-8 text$`),
  },
  'non-UTF-8 (Latin-1)': {
    content: (kind) => Buffer.from(kind.name('caf\u00e9'), 'latin1'),
    readOnly: true,
    expected: (_k, file) => new RegExp(`^pt: cannot read ${re(file)}: not valid UTF-8 text$`),
  },
  hugeLine: { content: (kind) => kind.name('a'.repeat(MB10)), expected: (k) => fromTable(k, 'hugeLine') },
  longName: { content: (kind) => kind.name('n'.repeat(10_000)), expected: (k) => fromTable(k, 'longName') },
  inf: { content: (kind) => kind.num('1e309'), expected: (k) => fromTable(k, 'inf') },
  negzero: { content: (kind) => kind.num('-0'), expected: (k) => fromTable(k, 'negzero') },
  nanStr: {
    content: (kind) => kind.num(/json/i.test(kind.file) ? '"NaN"' : 'NaN'),
    expected: (k) => fromTable(k, 'nanStr'),
  },
  dup: { content: (kind) => kind.dup(), expected: (k) => fromTable(k, 'dup') },
  proto: { content: (kind) => kind.proto(), expected: (k) => fromTable(k, 'proto') },
  nest: { content: (kind) => kind.nest?.(), expected: (k) => fromTable(k, 'nest') },
  bomb: {
    content: (kind) => (kind.yaml === true ? bomb(kind.valid()) : undefined),
    expected: (k) => fromTable(k, 'bomb'),
  },
};

/** Writes the aux files and `content` in `dir`; returns the names present before the run. */
function setUp(dir: TempDir, kind: Kind, content: string | Uint8Array | null): string[] {
  for (const [name, text] of Object.entries(kind.aux ?? {})) dir.file(name, text());
  if (content !== null) dir.file(kind.file, content);
  return readdirSync(dir.path).sort();
}

const argsOf = (run: readonly string[], path: string) => run.map((a) => a.replace('@', path));
const label = (run: readonly string[]) => run.filter((a) => a !== '@').join(' ');

/** The refusal contract, plus the first stderr line against `first`. */
function expectRefused(r: RunResult, file: string, first: RegExp, before: readonly string[], dir: TempDir): void {
  expect(r.status, r.stderr.slice(0, 2000)).toBe(2);
  expect(r.stdout).toBe('');
  expectNoCrash(r);
  expect(r.stderr).not.toContain('node:internal');
  const lines = r.stderr.trimEnd().split('\n');
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(MAX_LINE);
  expect(lines.at(-1)).toMatch(/^pt: /);
  expect(lines[0]).toMatch(first);
  expect(r.stderr).toContain(file);
  // No output file and no temporary file: the directory holds exactly what was written.
  expect(readdirSync(dir.path).sort()).toEqual(before);
}

async function runCase(
  dir: TempDir,
  kind: Kind,
  run: readonly string[],
  content: string | Uint8Array,
  expected: Expected,
): Promise<void> {
  const before = setUp(dir, kind, content);
  const r = await pt(argsOf(run, kind.file), dir.path);
  if (expected instanceof RegExp) {
    expectRefused(r, kind.file, expected, before, dir);
    return;
  }
  // Accepted: exit 0, no crash, the result written (to --out, or stdout).
  expect(r.status, `${expected.accepted}\n${r.stderr.slice(0, 2000)}`).toBe(0);
  expectNoCrash(r);
  if (run.includes('--out')) expect(readdirSync(dir.path)).toContain(run[run.indexOf('--out') + 1]);
  else expect(r.stdout).not.toBe('');
  expected.check?.(r);
}

describe.concurrent('hostile content, for every input kind and every command reading it', () => {
  for (const [kindName, kind] of Object.entries(KINDS)) {
    for (const [caseName, hostile] of Object.entries(CASES)) {
      const expected = hostile.expected(kindName, kind.file);
      if (expected === undefined) continue;
      const runs = hostile.readOnly === true ? kind.runs.slice(0, 1) : kind.runs;
      for (const run of runs) {
        it(`${kindName} × ${caseName}: pt ${label(run)}`, async ({ dir }) => {
          const content = hostile.content(kind);
          expect(content, 'a case in the table has content').toBeDefined();
          await runCase(dir, kind, run, content ?? '', expected);
        });
      }
    }
  }
});

describe.concurrent('files that cannot be read, for every input kind', () => {
  for (const [kindName, kind] of Object.entries(KINDS)) {
    const run = kind.runs[0] ?? [];
    const catalog = kindName === 'Backstage catalog';

    it(`${kindName}: a directory instead of a file`, async ({ dir }) => {
      const before = setUp(dir, kind, null);
      mkdirSync(join(dir.path, kind.file));
      const r = await pt(argsOf(run, kind.file), dir.path);
      if (catalog) {
        // --catalog takes a folder: an empty one is read, with a warning.
        expect(r.status).toBe(0);
        expect(r.stderr).toBe(`pt: warning: no catalog files (*.yaml) under ${kind.file}\n`);
        return;
      }
      expectRefused(
        r,
        kind.file,
        new RegExp(`^pt: cannot read ${re(kind.file)}: it is a directory$`),
        [...before, kind.file].sort(),
        dir,
      );
    });

    it(`${kindName}: a file that does not exist, and one behind a dangling link`, async ({ dir }) => {
      const before = setUp(dir, kind, null);
      const r = await pt(argsOf(run, kind.file), dir.path);
      expectRefused(r, kind.file, new RegExp(`^pt: cannot read ${re(kind.file)}: no such file$`), before, dir);
      symlinkSync('nowhere', join(dir.path, kind.file));
      const linked = await pt(argsOf(run, kind.file), dir.path);
      expectRefused(
        linked,
        kind.file,
        new RegExp(`^pt: cannot read ${re(kind.file)}: no such file$`),
        [...before, kind.file].sort(),
        dir,
      );
    });

    it(`${kindName}: a path whose parent is a file`, async ({ dir }) => {
      const before = setUp(dir, kind, kind.valid());
      const path = `${kind.file}/${kind.file}`;
      const r = await pt(argsOf(run, path), dir.path);
      expectRefused(r, path, new RegExp(`^pt: cannot read ${re(path)}: a parent is not a directory$`), before, dir);
    });

    // Root reads a file whatever its mode: as root, `pt` runs as an unprivileged user here. The
    // directory is opened to everyone (mkdtemp makes it 0700): only the file's own mode refuses.
    it(`${kindName}: a file without read permission`, async ({ dir }) => {
      const before = setUp(dir, kind, kind.valid());
      chmodSync(join(dir.path, kind.file), 0o000);
      chmodSync(dir.path, 0o755);
      const r = await pt(argsOf(run, kind.file), dir.path, true);
      expectRefused(r, kind.file, new RegExp(`^pt: cannot read ${re(kind.file)}: permission denied$`), before, dir);
    });

    // A read that fails whoever runs it (also as root): /proc/self/mem opens, and reading its start
    // gives EIO. Kinds read by file name (e.g. .jsonl or .csv) get it through a link of that name.
    it.skipIf(process.platform !== 'linux')(`${kindName}: a file whose read fails (EIO)`, async ({ dir }) => {
      const before = setUp(dir, kind, null);
      if (kind.anyPath === true) {
        const r = await pt(argsOf(run, '/proc/self/mem'), dir.path);
        expectRefused(r, '/proc/self/mem', /^pt: cannot read \/proc\/self\/mem: input\/output error$/, before, dir);
        return;
      }
      symlinkSync('/proc/self/mem', join(dir.path, kind.file));
      const r = await pt(argsOf(run, kind.file), dir.path);
      const first = new RegExp(`^pt: cannot read ${re(kind.file)}: input/output error$`);
      expectRefused(r, kind.file, first, [...before, kind.file].sort(), dir);
    });
  }
});

describe.concurrent('compressed billing data', () => {
  const valid = gzipSync(FOCUS_SAMPLE);
  const oneLine = () => gzipSync(Buffer.alloc(300 * 1024 * 1024, 0x61), { level: 9 });

  it.for([
    [
      'a gzip file cut short',
      valid.subarray(0, valid.length - 10),
      /^pt: cannot read focus\.csv\.gz: truncated gzip data$/,
    ],
    [
      'corrupt gzip data',
      Buffer.from(valid.map((b, i) => (i === 20 ? b ^ 0xff : b))),
      /^pt: cannot read focus\.csv\.gz: corrupt gzip data$/,
    ],
    ['gzip of binary garbage', gzipSync(garbage()), /^pt: cannot read focus\.csv\.gz: not valid UTF-8 text$/],
    ['an empty gzip', gzipSync(''), /^pt: focus\.csv\.gz: not a FOCUS file: no header row$/],
  ] as const)('%s is refused', async ([, bytes, first], { dir }) => {
    dir.file('focus.csv.gz', bytes);
    const before = readdirSync(dir.path).sort();
    const r = await pt(['cost', 'summary', 'focus.csv.gz'], dir.path);
    expectRefused(r, 'focus.csv.gz', first, before, dir);
  });

  // 300 MB of one byte, no line break, in 300 KB: it used to be rescanned at every chunk (hours).
  it('a gzip bomb of one endless line is refused at once, in bounded memory', async ({ dir }) => {
    dir.file('bomb.csv.gz', oneLine());
    const before = readdirSync(dir.path).sort();
    const r = await pt(['cost', 'summary', 'bomb.csv.gz'], dir.path);
    expectRefused(r, 'bomb.csv.gz', /^bomb\.csv\.gz:1: a record longer than 2097152 characters$/, before, dir);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(
      'pt: bomb.csv.gz: not CSV with line breaks (a record longer than 2097152 characters)',
    );
  });

  it('a valid gzip file is read like the plain one', async ({ dir }) => {
    dir.file('focus.csv.gz', valid);
    dir.file('focus.csv', FOCUS_SAMPLE);
    const gz = await pt(['cost', 'summary', 'focus.csv.gz', '--format', 'json'], dir.path);
    const plain = await pt(['cost', 'summary', 'focus.csv', '--format', 'json'], dir.path);
    expect(gz.status).toBe(0);
    expect(gz.stdout).toBe(plain.stdout);
  });
});

describe.concurrent('--out into a missing directory: exit 2, a clear message, nothing written', () => {
  const OUT = join('missing', 'out.txt');
  it.for([
    ['report', EXAMPLE_YAML, '--out', OUT],
    ['dora', '../../examples/events/events.jsonl', '--at', AT, '--out', OUT],
    ['governance', 'check', EXAMPLE_YAML, '--out', OUT],
    ['slo', 'rules', '../../examples/slo/api-gateway.yaml', '--out', OUT],
    ['diff', 'report.json', 'report.json', '--out', OUT],
  ])('pt %s', async (args, { dir }) => {
    dir.file('report.json', REPORT);
    const before = readdirSync(dir.path).sort();
    const abs = args.map((a) => (a.startsWith('../') ? join(CLI_DIR, a) : a));
    const r = await pt(abs, dir.path);
    expectRefused(r, OUT, new RegExp(`^pt: cannot write ${re(OUT)}: its directory does not exist$`), before, dir);
  });
});

describe('the corpus table', () => {
  it('has expectations for exactly the kinds it runs (a misspelt kind would skip its cases)', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(KINDS).sort());
  });
});
