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
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect } from 'vitest';
import {
  asText,
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

/**
 * Run by `node -e` with the signal and the pt binary: starts `pt report fleet.json --format json
 * --out out.json`, sends the signal the moment a `*.tmp` file appears in the directory, and prints
 * how the run ended as JSON.
 */
const KILL_ON_TMP = `
const { spawn } = require('node:child_process');
const { watch } = require('node:fs');
const [signal, bin] = process.argv.slice(1);
const child = spawn(process.execPath, [bin, 'report', 'fleet.json', '--format', 'json', '--out', 'out.json'], { stdio: 'ignore' });
const watcher = watch('.', (_event, name) => { if (typeof name === 'string' && name.endsWith('.tmp')) child.kill(signal); });
child.on('close', (code, killedBy) => { watcher.close(); process.stdout.write(JSON.stringify({ code, killedBy })); });
`;
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
    // JSON.parse would keep the last of a repeated key (2, an unknown version): refused (item 8).
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
    // Item 8: a repeated key is refused (JSON.parse would keep the last one silently).
    dup: /^fleet\.json:2:45: JSON syntax error: duplicate key "tier"$/,
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
    dup: /^events\.jsonl:1: duplicate key "time"$/,
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
    dup: /^checkout\.json:1: JSON syntax error: duplicate key "good"$/,
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
    dup: /^new\.json:2:23: JSON syntax error: duplicate key "schemaVersion"$/,
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
function expectRefused(given: RunResult, file: string, first: RegExp, before: readonly string[], dir: TempDir): void {
  const r = asText(given);
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
        expect(r.stderr).toMatch(
          new RegExp(`^pt: warning: no catalog files \\(\\*\\.yaml\\) under ${re(kind.file)}\\n`),
        );
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

/** Item 1 and the like: what `--out` finds at its path is never destroyed. */
describe.concurrent('issue 22 item 1: --out never replaces devices, FIFOs or symbolic links', () => {
  it('item 1: --out /dev/null writes through and /dev/null stays a character device', async ({ dir }) => {
    const r = await pt(['demo', '--out', '/dev/null'], dir.path, true);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('pt: wrote table report to /dev/null\n');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('item 1: --out to a FIFO writes through it: the reader gets the report, the FIFO stays', async ({ dir }) => {
    const fifo = join(dir.path, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    const got: Buffer[] = [];
    reader.stdout.on('data', (chunk: Buffer) => got.push(chunk));
    const closed = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    const r = await pt(['demo', '--format', 'json', '--out', 'pipe'], dir.path);
    await closed;
    expect(r.status, r.stderr).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(JSON.parse(Buffer.concat(got).toString('utf8'))).toMatchObject({ schemaVersion: 1 });
    expect(readdirSync(dir.path)).toEqual(['pipe']);
  });

  it("item 1: --out a symbolic link replaces its target, keeps the link and the target's mode 0600", async ({
    dir,
  }) => {
    dir.file('real.json', 'old');
    chmodSync(join(dir.path, 'real.json'), 0o600);
    symlinkSync('real.json', join(dir.path, 'link.json'));
    const r = await pt(['demo', '--format', 'json', '--out', 'link.json'], dir.path);
    expect(r.status, r.stderr).toBe(0);
    expect(lstatSync(join(dir.path, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir.path, 'link.json'))).toBe('real.json');
    expect(JSON.parse(readFileSync(join(dir.path, 'real.json'), 'utf8'))).toMatchObject({ schemaVersion: 1 });
    expect(statSync(join(dir.path, 'real.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir.path).sort()).toEqual(['link.json', 'real.json']);
  });

  it('item 1: a regular file replaced keeps its mode (0640 stays 0640)', async ({ dir }) => {
    dir.file('out.txt', 'old');
    chmodSync(join(dir.path, 'out.txt'), 0o640);
    const r = await pt(['demo', '--out', 'out.txt'], dir.path);
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(join(dir.path, 'out.txt')).mode & 0o777).toBe(0o640);
    expect(readFileSync(join(dir.path, 'out.txt'), 'utf8')).toContain('payments');
  });

  it('item 1: a directory at --out is refused, never renamed over', async ({ dir }) => {
    mkdirSync(join(dir.path, 'out'));
    const r = await pt(['demo', '--out', 'out'], dir.path);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('pt: cannot write out: it is a directory\n');
    expect(lstatSync(join(dir.path, 'out')).isDirectory()).toBe(true);
    expect(readdirSync(dir.path)).toEqual(['out']);
  });

  it.for(['SIGTERM', 'SIGINT'] as const)(
    'item 1: %s while --out is being written removes the temporary file',
    async (signal, { dir }) => {
      // A fleet big enough that writing its report takes a while (the streamed path writes in pieces).
      const services = Array.from({ length: 150_000 }, (_, i) => ({ name: `svc-${i}`, team: `team-${i % 50}` }));
      writeFileSync(join(dir.path, 'fleet.json'), JSON.stringify({ apiVersion: 'pt/v1', kind: 'Fleet', services }));
      // The signal is sent by a watcher in its own process, so a busy test worker cannot delay it
      // past the end of the write. Runs until two land while the report is being written (at most
      // six): a run may still finish first on a loaded machine, or die just after the rename; either
      // way it must leave the whole report and no temporary file.
      let midWrite = 0;
      for (let run = 0; run < 6 && midWrite < 2; run++) {
        const watcher = spawn(process.execPath, ['-e', KILL_ON_TMP, signal, join(CLI_DIR, 'bin', 'pt.js')], {
          cwd: dir.path,
          env: { PATH: process.env['PATH'] ?? '', PT_REPORT_STREAM_FROM_MB: '0' },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        const out: Buffer[] = [];
        watcher.stdout.on('data', (chunk: Buffer) => out.push(chunk));
        const status = await new Promise<number | null>((resolve) => watcher.on('close', (c) => resolve(c)));
        expect(status).toBe(0);
        const ended = Buffer.concat(out).toString('utf8');
        const { code, killedBy } = JSON.parse(ended) as { code: number | null; killedBy: string | null };
        const left = readdirSync(dir.path).sort();
        if (killedBy === signal && left.length === 1) {
          midWrite++;
          expect(left).toEqual(['fleet.json']);
        } else {
          if (killedBy !== signal) expect(code).toBe(0);
          expect(left).toEqual(['fleet.json', 'out.json']);
          JSON.parse(readFileSync(join(dir.path, 'out.json'), 'utf8'));
          rmSync(join(dir.path, 'out.json'));
        }
      }
      expect(midWrite).toBeGreaterThan(0);
    },
  );
});

describe.concurrent('issue 22 item 3: --out naming an input is refused, the input untouched', () => {
  it.for([
    ['report', 'fleet.yaml', '--out', 'fleet.yaml'],
    ['report', 'fleet.yaml', '--out', 'alias.yaml'],
    ['diff', 'report.json', 'other.json', '--out', 'other.json'],
    ['dora', 'events.jsonl', '--at', AT, '--out', 'events.jsonl'],
    ['governance', 'check', 'fleet.yaml', '--scorecard', 'scorecard.yaml', '--out', 'scorecard.yaml'],
    ['slo', 'rules', 'slo.yaml', '--out', 'slo.yaml'],
  ])('item 3: pt %s', async (args, { dir }) => {
    dir.file('fleet.yaml', readFileSync(join(CLI_DIR, EXAMPLE_YAML)));
    symlinkSync('fleet.yaml', join(dir.path, 'alias.yaml'));
    dir.file('report.json', REPORT);
    dir.file('other.json', REPORT);
    dir.file('events.jsonl', readFileSync(join(CLI_DIR, '../../examples/events/events.jsonl')));
    dir.file('scorecard.yaml', 'apiVersion: pt/v1\nkind: Scorecard\nrules: []\n');
    dir.file('slo.yaml', readFileSync(join(CLI_DIR, '../../examples/slo/api-gateway.yaml')));
    const out = args.at(-1) ?? '';
    const before = readFileSync(join(dir.path, out));
    const listing = readdirSync(dir.path).sort();
    const r = await pt(args, dir.path);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^pt: --out ${re(out)} is an input of this run`));
    expect(readFileSync(join(dir.path, out))).toEqual(before);
    expect(readdirSync(dir.path).sort()).toEqual(listing);
  });
});

describe.concurrent('issue 22 item 14: a failing stdout is a write error', () => {
  it.skipIf(!existsSync('/dev/full'))(
    'item 14: stdout on a full disk (/dev/full): exit 2, "no space left"',
    ({ dir }) => {
      const r = spawnSync(process.execPath, [join(CLI_DIR, 'bin', 'pt.js'), 'demo'], {
        cwd: dir.path,
        env: { PATH: process.env['PATH'] ?? '' },
        stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'],
      });
      expect(r.status).toBe(2);
      expect(r.stderr.toString('utf8')).toBe('pt: cannot write standard output: no space left on device\n');
    },
  );

  it('item 14: stderr closed early (2>&1 | head -1) keeps the exit code of the run: 2, not 1', async ({ dir }) => {
    dir.file('bad.yaml', 'apiVersion: pt/v1\nkind: Fleet\nservices:\n  - { name: a, team: t, tier: 9 }\n');
    const child = spawn(process.execPath, [join(CLI_DIR, 'bin', 'pt.js'), 'report', 'bad.yaml'], {
      cwd: dir.path,
      env: { PATH: process.env['PATH'] ?? '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.destroy(); // the reader is gone before the first line: every write meets EPIPE
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(2);
  });
});

describe.concurrent('issue 22 item 8: a key repeated in any JSON input is refused, located', () => {
  const FLEET = '{"apiVersion":"pt/v1","kind":"Fleet","services":[{"name":"a","team":"t"}],\n"services":[]}';
  it.for([
    [
      'a second services list (whole)',
      'fleet.json',
      FLEET,
      ['report', 'fleet.json', '--format', 'json', '--out', 'out.json'],
      {},
      /^fleet\.json:2:1: JSON syntax error: duplicate key "services"$/,
    ],
    [
      'a second services list (streamed)',
      'fleet.json',
      FLEET,
      ['report', 'fleet.json', '--format', 'json', '--out', 'out.json'],
      { PT_REPORT_STREAM_FROM_MB: '0' },
      /^fleet\.json:2:1: JSON syntax error: duplicate key "services"$/,
    ],
    [
      'a repeated key in a service (streamed)',
      'fleet.json',
      '{"apiVersion":"pt/v1","kind":"Fleet","services":[{"name":"a","team":"t","team":"u"}]}',
      ['report', 'fleet.json', '--format', 'json', '--out', 'out.json'],
      { PT_REPORT_STREAM_FROM_MB: '0' },
      /^fleet\.json:1:73: JSON syntax error: duplicate key "team"$/,
    ],
    [
      'a repeated key in a DORA event',
      'events.jsonl',
      '{"service":"a","type":"deployment","type":"incident","at":"2026-01-01T00:00:00Z"}\n',
      ['dora', 'events.jsonl', '--at', AT, '--out', 'out.json'],
      {},
      /^events\.jsonl:1: duplicate key "type"$/,
    ],
    [
      'a repeated key in a JSON report for pt diff',
      'old.json',
      '{"schemaVersion":1,"schemaVersion":1}',
      ['diff', 'old.json', 'old.json', '--out', 'out.json'],
      {},
      /^old\.json:1:20: JSON syntax error: duplicate key "schemaVersion"$/,
    ],
  ] as const)('item 8: %s', async ([, file, content, args, env, first], { dir }) => {
    dir.file(file, content);
    const before = readdirSync(dir.path).sort();
    const r = await runPt(args, { cwd: dir.path, env: { ...HEAP_ENV, ...env } });
    expectRefused(r, file, first, before, dir);
  });
});

describe.concurrent('issue 22 items 5, 12, 13: Prometheus options checked before any request', () => {
  const SLO = join(CLI_DIR, '../../examples/slo/api-gateway.yaml');
  const STATUS = ['slo', 'status', SLO, '--at', AT];
  it.for([
    [
      "item 12: --timeout past Node's timer limit",
      ['--prometheus', 'http://127.0.0.1:9', '--timeout', '2147484'],
      {},
      'pt: --timeout must be between 0.001 and 2147483 seconds; got "2147484"',
    ],
    [
      'item 12: --timeout 1e9',
      ['--prometheus', 'http://127.0.0.1:9', '--timeout', '1e9'],
      {},
      'pt: --timeout must be between 0.001 and 2147483 seconds; got "1e9"',
    ],
    [
      'item 12: --timeout below a millisecond',
      ['--prometheus', 'http://127.0.0.1:9', '--timeout', '0.0001'],
      {},
      'pt: --timeout must be between 0.001 and 2147483 seconds; got "0.0001"',
    ],
    [
      'item 13: a query string',
      ['--prometheus', 'http://127.0.0.1:9/?tenant=a'],
      {},
      'pt: --prometheus must be the API\'s base URL, without a query string or fragment; got "http://127.0.0.1:9/?tenant=a"',
    ],
    [
      'item 13: a fragment',
      ['--prometheus', 'http://127.0.0.1:9/#x'],
      {},
      'pt: --prometheus must be the API\'s base URL, without a query string or fragment; got "http://127.0.0.1:9/#x"',
    ],
    [
      'item 5: a token over http to a remote host',
      ['--prometheus', 'http://prometheus.invalid:9090'],
      { PT_PROMETHEUS_TOKEN: 's3cret' },
      'pt: refusing to send Prometheus credentials over plain http to prometheus.invalid:9090: anyone on the way can read them; use https, or --allow-insecure-auth',
    ],
    [
      'item 4: --max-response-mb 0',
      ['--prometheus', 'http://127.0.0.1:9', '--max-response-mb', '0'],
      {},
      'pt: --max-response-mb must be a positive number of MiB; got "0"',
    ],
  ] as const)('%s', async ([, args, env, message], { dir }) => {
    const r = await runPt([...STATUS, ...args], { cwd: dir.path, env });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.stderr).not.toContain('s3cret');
  });
});

/** A Prometheus that answers every request with `answer`; its base URL. */
async function hostilePrometheus(
  answer: (url: URL, res: ServerResponse) => void,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => answer(new URL(req.url ?? '/', 'http://x'), res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A matrix answer: one series, the value `value` at every step of the asked range. */
function matrix(url: URL, value: string): string {
  const start = Number(url.searchParams.get('start'));
  const end = Number(url.searchParams.get('end'));
  const step = Number(url.searchParams.get('step')) || 60;
  const values: [number, string][] = [];
  for (let t = start; t <= end && values.length < 20_000; t += step) values.push([t, value]);
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } });
}

describe.concurrent('issue 22 items 4, 6, 12: what a hostile Prometheus answers', () => {
  const SLO = join(CLI_DIR, '../../examples/slo/api-gateway.yaml');
  const status = (url: string, ...more: string[]) => ['slo', 'status', SLO, '--at', AT, '--prometheus', url, ...more];

  it('item 4: an endless body is cut at --max-response-mb, with one line', async ({ dir }) => {
    const { url, server } = await hostilePrometheus((_url, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status":"success","data":{"resultType":"matrix","result":[');
      const chunk = Buffer.alloc(1 << 16, ' ');
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    try {
      const r = await pt(status(url, '--max-response-mb', '2'), dir.path);
      expect([r.status, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toBe(`pt: Prometheus at ${url}: the answer is larger than 2 MiB (raise --max-response-mb)\n`);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('item 6: a 5 MB error with escape sequences becomes one short, escaped line', async ({ dir }) => {
    const { url, server } = await hostilePrometheus((_url, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      const error = `\u001b]0;pwned\u0007\u001b[2J\u202e${'x'.repeat(5 * 1024 * 1024)}`;
      res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error }));
    });
    try {
      const r = await pt(status(url), dir.path);
      expect([r.status, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toContain(
        `pt: Prometheus at ${url}: HTTP 400 Bad Request: \\u001b]0;pwned\\u0007\\u001b[2J\\u202exxx`,
      );
      expect(r.stderr.split('\n').every((line) => line.length <= 600)).toBe(true);
      // eslint-disable-next-line no-control-regex -- the point: no control character may reach the terminal
      expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202a-\u202e]/);
    } finally {
      server.close();
    }
  });

  it.for(['', '0x10'])('item 12: a sample value %j is refused, not read as a number', async (value, { dir }) => {
    const { url, server } = await hostilePrometheus((u, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(matrix(u, value));
    });
    try {
      const r = await pt(status(url), dir.path);
      expect([r.status, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toContain(`pt: Prometheus at ${url}: data.result[0].values[0]`);
    } finally {
      server.close();
    }
  });

  it.for(['NaN', '+Inf', '-Inf'])('item 12: a sample value %j does not abort the run', async (value, { dir }) => {
    const { url, server } = await hostilePrometheus((u, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(matrix(u, value));
    });
    try {
      const r = await pt(status(url), dir.path);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('api-gateway');
    } finally {
      server.close();
    }
  });
});

describe.concurrent('issue 22 item 6: text from input cannot drive the terminal', () => {
  const HOSTILE = '\u001b]0;pwned\u0007\u001b[2J\u202e\u200b';
  const ESCAPED = '\\u001b]0;pwned\\u0007\\u001b[2J\\u202e\\u200b';
  it('item 6: an SLO objective displayName in pt slo budget', async ({ dir }) => {
    const slo = readFileSync(join(CLI_DIR, '../../examples/slo/api-gateway.yaml'), 'utf8').replace(
      '- displayName: 99.9% of requests succeed',
      `- displayName: ${JSON.stringify(`99.9% ${HOSTILE}`)}`,
    );
    dir.file('slo.yaml', slo);
    const data = join(CLI_DIR, '../../examples/slo/data/api-gateway-availability.csv');
    const r = await pt(['slo', 'budget', 'slo.yaml', '--data', `api-gateway-availability=${data}`], dir.path);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`99.9% ${ESCAPED}`);
    // eslint-disable-next-line no-control-regex -- the point: no control character may reach the output
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202a-\u202e\u200b]/);
  });

  it('item 6: an event service name in pt dora messages is escaped', async ({ dir }) => {
    dir.file(
      'events.jsonl',
      `${JSON.stringify({ type: 'deployment', id: 'd1', service: `svc${HOSTILE}`, time: '2026-11-20T00:00:00Z', status: 'success' })}\n`,
    );
    dir.file('fleet.yaml', readFileSync(join(CLI_DIR, EXAMPLE_YAML)));
    const r = await pt(['dora', 'events.jsonl', '--fleet', 'fleet.yaml', '--at', AT], dir.path);
    expect(r.stderr).toContain(`svc${ESCAPED}`);
    // eslint-disable-next-line no-control-regex -- the point: no control character may reach the output
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202a-\u202e\u200b]/);
  });

  // A team is a name (item 7): controls are refused there, so this team carries mentions and URLs
  // only; controls in Markdown are escapeMarkdown's unit tests.
  it('item 6: --format markdown neutralizes mentions and bare URLs', async ({ dir }) => {
    const fleet = {
      apiVersion: 'pt/v1',
      kind: 'Fleet',
      services: [{ name: 'api', team: '@acme/payments https://evil.example', governance: {} }],
    };
    dir.file('fleet.json', JSON.stringify(fleet));
    const r = await pt(['report', 'fleet.json', '--format', 'markdown'], dir.path);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/@acme/);
    expect(r.stdout).not.toMatch(/https:\/\//);
    expect(r.stdout).toContain('@&#8203;acme/payments https:&#8203;//evil.example');
    // eslint-disable-next-line no-control-regex -- the point: no control character may reach the output
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202a-\u202e\u200b]/);
  });
});

describe.concurrent('issue 22 item 7: look-alike names are refused with their location', () => {
  it('item 7: a team "payments\\u200b" beside "payments" no longer hides a degraded service', async ({ dir }) => {
    dir.file(
      'fleet.yaml',
      [
        'apiVersion: pt/v1',
        'kind: Fleet',
        'services:',
        '  - name: a',
        '    team: payments',
        '  - name: b',
        '    team: "payments\\u200b"',
        '    governance: {}',
        '  - name: c',
        '    team: "cafe\\u0301"',
        '',
      ].join('\n'),
    );
    const r = await pt(['report', 'fleet.yaml', '--team', 'payments', '--fail-on', 'degraded'], dir.path);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'fleet.yaml:7 services[1].team: must not contain control or format characters (\\u200b at character 9), got "payments\\u200b"',
        'fleet.yaml:10 services[2].team: must be in Unicode normalization form NFC (\\u0301 at character 5 combines with the character before it), got "cafe\u0301"',
        'pt: fleet.yaml is not a valid fleet file (2 problems)',
        '',
      ].join('\n'),
    );
  });

  it('item 7: an event service name with a zero-width space', async ({ dir }) => {
    dir.file(
      'events.jsonl',
      '{"type":"deployment","id":"d1","service":"svc\\u200b","time":"2026-11-20T00:00:00Z","status":"success"}\n',
    );
    const r = await pt(['dora', 'events.jsonl', '--at', AT], dir.path);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'events.jsonl:1 service: must not contain control or format characters (\\u200b at character 4)',
    );
  });
});

describe.concurrent('issue 22 item 7: every input that names a service or a team', () => {
  const ZWSP = 'must not contain control or format characters (\\u200b at character 9)';

  it('item 7: --team payments --fail-on degraded on a JSON fleet with the look-alike team', async ({ dir }) => {
    const fleet = {
      apiVersion: 'pt/v1',
      kind: 'Fleet',
      services: [
        { name: 'a', team: 'payments' },
        { name: 'b', team: 'payments\u200b', governance: {} },
      ],
    };
    dir.file('fleet.json', JSON.stringify(fleet, null, 2));
    const r = await pt(['report', 'fleet.json', '--team', 'payments', '--fail-on', 'degraded'], dir.path);
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain(`fleet.json:11 services[1].team: ${ZWSP}, got "payments\\u200b"`);
  });

  it('item 7: a look-alike --team is refused before anything is read, escaped', async ({ dir }) => {
    for (const args of [['demo'], ['report', 'missing.yaml']]) {
      const r = await pt([...args, '--team', 'payments\u200b', '--fail-on', 'degraded'], dir.path);
      expect([r.status, r.stdout, r.stderr]).toEqual([2, '', `pt: --team ${ZWSP}, got "payments\\u200b"\n`]);
    }
  });

  it('item 7: names that are the same after NFC are duplicates, and the decomposed one is refused', async ({ dir }) => {
    dir.file(
      'fleet.yaml',
      [
        'apiVersion: pt/v1',
        'kind: Fleet',
        'services:',
        '  - name: a',
        '    team: payments',
        '    slos:',
        '      - { name: "caf\\u00e9", target: 99, current: 99.5 }',
        '      - { name: "cafe\\u0301", target: 99, current: 99.5 }',
        '',
      ].join('\n'),
    );
    const r = await pt(['report', 'fleet.yaml'], dir.path);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'fleet.yaml:8 services[0].slos[1].name: must be in Unicode normalization form NFC (\\u0301 at character 5 combines with the character before it)',
    );
    expect(r.stderr).toContain('fleet.yaml:8 services[0].slos[1].name: duplicate SLO name');
  });

  const TAGS_CSV = [
    'BilledCost,BillingCurrency,ChargePeriodStart,Tags',
    '5,USD,2024-09-01,"{""service"":""payments""}"',
    '7,USD,2024-09-01,"{""service"":""payments\\u200b""}"',
    '3,USD,2024-09-01,"{""service"":""cafe\u0301""}"',
    '',
  ].join('\n');

  it('item 7: a FOCUS tag value naming a service is a bad row in both engines', async ({ dir }) => {
    dir.file('tags.csv', TAGS_CSV);
    const stream = await pt(['cost', 'summary', 'tags.csv'], dir.path);
    expect([stream.status, stream.stdout]).toEqual([2, '']);
    expect(stream.stderr).toContain(`tags.csv:3 Tags: tag "service" ${ZWSP}\n`);
    expect(stream.stderr).toContain(
      'tags.csv:4 Tags: tag "service" must be in Unicode normalization form NFC (\\u0301 at character 5 combines with the character before it)\n',
    );
    const duck = await pt(['cost', 'summary', 'tags.csv', '--engine', 'duckdb'], dir.path);
    expect([duck.status, duck.stdout]).toEqual([2, '']);
    expect(duck.stderr).toContain('tags.csv: 2 bad rows (bad currency, amount, timestamp or service tag)');
  });

  it('item 7: rows with a look-alike service tag skipped alike by both engines', async ({ dir }) => {
    dir.file('tags.csv', TAGS_CSV);
    const skipped = [];
    for (const engine of ['stream', 'duckdb']) {
      const r = await pt(
        ['cost', 'summary', 'tags.csv', '--engine', engine, '--on-bad-row', 'skip', '--format', 'json'],
        dir.path,
      );
      expect(r.status, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout) as { stats: { skippedRows: number }; currencies: unknown };
      skipped.push([json.stats.skippedRows, json.currencies]);
    }
    expect(skipped[0]![0]).toBe(2);
    expect(skipped[1]).toEqual(skipped[0]);
  });

  it('item 7: an OpenSLO service', async ({ dir }) => {
    dir.file('slo.yaml', SLO.replace(/service: api-gateway/g, 'service: "api-gateway\\u200b"'));
    const slo = await pt(['slo', 'validate', 'slo.yaml'], dir.path);
    expect(slo.status).toBe(2);
    expect(slo.stderr).toMatch(
      /slo\.yaml:\d+ \(document \d\) spec\.service: must not contain control or format characters \(\\u200b at character 12\)/,
    );
  });

  it('item 7: a catalog owner', async ({ dir }) => {
    dir.file(
      'catalog.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: payments\nspec:\n  owner: "payments\\u200b"\n',
    );
    const catalog = await pt(['governance', 'import-catalog', 'catalog.yaml', '--strict'], dir.path);
    expect([catalog.status, catalog.stdout]).toEqual([2, '']);
    expect(catalog.stderr).toContain(`catalog.yaml:6 spec.owner: ${ZWSP}, got "payments\\u200b"`);
  });

  it('item 7: a waiver team', async ({ dir }) => {
    dir.file(
      'waived.yaml',
      'apiVersion: pt/v1\nkind: Fleet\nservices:\n  - name: a\n    team: payments\nwaivers:\n  - rule: runbook\n    team: "payments\\u200b"\n    reason: x\n    expires: 2027-01-01\n',
    );
    const waived = await pt(['report', 'waived.yaml'], dir.path);
    expect(waived.status).toBe(2);
    expect(waived.stderr).toContain(`waived.yaml:8 waivers[0].team: ${ZWSP}, got "payments\\u200b"`);
  });

  it('item 7: a budget team in --cost-config', async ({ dir }) => {
    dir.file('billing.csv', 'BilledCost,BillingCurrency,ChargePeriodStart\n5,USD,2024-09-01\n');
    dir.file('cost.yaml', 'budgets:\n  teams:\n    "payments\\u200b": { monthly: 100 }\n');
    const cost = await pt(['cost', 'summary', 'billing.csv', '--cost-config', 'cost.yaml'], dir.path);
    expect(cost.status).toBe(2);
    expect(cost.stderr).toContain(`cost.yaml:3 budgets.teams["payments\\u200b"]: key ${ZWSP}, got "payments\\u200b"`);
  });

  it('item 7: pt diff: a look-alike team and a service named twice in a report', async ({ dir }) => {
    const demo = await pt(['demo', '--format', 'json'], dir.path);
    const report = JSON.parse(demo.stdout) as { services: { name: string; team: string }[] };
    dir.file('old.json', demo.stdout);
    dir.file('twice.json', JSON.stringify({ ...report, services: [...report.services, report.services[0]] }, null, 2));
    const twice = await pt(['diff', 'old.json', 'twice.json'], dir.path);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/twice\.json:\d+ services\[2\]\.name: duplicate service name "api-gateway"/);
    report.services[0]!.team = 'payments\u200b';
    dir.file('new.json', JSON.stringify(report, null, 2));
    const diff = await pt(['diff', 'old.json', 'new.json'], dir.path);
    expect(diff.status).toBe(2);
    expect(diff.stderr).toMatch(/new\.json:\d+ services\[0\]\.team: must not contain control or format characters/);
  });

  it('item 7: dora import git refuses a look-alike --service', async ({ dir }) => {
    const r = await pt(
      ['dora', 'import', 'git', '.', '--deploy-branch', 'main', '--service', 'payments\u200b'],
      dir.path,
    );
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', `pt: --service ${ZWSP}, got "payments\\u200b"\n`]);
  });
});

describe('the corpus table', () => {
  it('has expectations for exactly the kinds it runs (a misspelt kind would skip its cases)', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(KINDS).sort());
  });
});
