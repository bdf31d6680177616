/**
 * Bad input policy (DESIGN.md §5, §6) through the built binary: every bad input exits 2, prints
 * nothing on stdout and no stack trace, and names file, line and field path on stderr
 * (`file:line path: message`), all problems of a file together.
 *
 * Fixtures are written to a fresh temporary directory that is also the working directory, so
 * the file names in messages are exactly the ones written here.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import {
  CLI_DIR,
  EXAMPLE_YAML,
  expectInputError,
  expectInvalidFleet,
  expectNoCrash,
  itWithDir as it,
  runPt,
  type TempDir,
} from './run-cli.js';

const HEAD = 'apiVersion: pt/v1\nkind: Fleet\n';

/** Runs `pt <args>` in the test's temporary directory. */
const pt = (dir: TempDir, args: readonly string[], input?: string) =>
  runPt(args, input === undefined ? { cwd: dir.path } : { cwd: dir.path, input });

describe.concurrent('schema errors: every problem of a file, each as file:line path: message', () => {
  // Line numbers are the point of these fixtures: keep them in step with the expectations.
  const MANY_PROBLEMS = [
    /*  1 */ 'apiVersion: pt/v1',
    /*  2 */ 'kind: Fleet',
    /*  3 */ 'services:',
    /*  4 */ '  - name: api-gateway',
    /*  5 */ '    team: platform',
    /*  6 */ '  - name: Auth_Service',
    /*  7 */ '    team: ""',
    /*  8 */ '  - name: api-gateway',
    /*  9 */ '    team: platform',
    /* 10 */ '  - name: payments',
    /* 11 */ '    team: payments',
    /* 12 */ '    tier: 7',
    /* 13 */ '    slos:',
    /* 14 */ '      - { name: availability, target: 1000, current: 99.5 }',
    /* 15 */ '    cost:',
    /* 16 */ '      currency: XYZ',
    /* 17 */ '      entries:',
    /* 18 */ '        - { month: "2024-01", amount: 100 }',
    /* 19 */ '        - { month: "2024-13", amount: -5 }',
    /* 20 */ '        - { month: "2024-01", amount: 200 }',
    /* 21 */ '    reliability: { uptimePct: 99.9, mttrMinutes: 5, incidents30d: -1 }',
    /* 22 */ '    governance: { runbook: yes }',
    '',
  ].join('\n');

  const MANY_ISSUES = [
    'fleet.yaml:6 services[1].name: must be 1-63 characters of a-z, 0-9, ".", "_" or "-", starting with a-z or 0-9, got "Auth_Service"',
    'fleet.yaml:7 services[1].team: must not be empty',
    'fleet.yaml:8 services[2].name: duplicate service name "api-gateway"',
    'fleet.yaml:12 services[3].tier: must be <= 3, got 7',
    'fleet.yaml:14 services[3].slos[0].target: must be <= 100, got 1000',
    'fleet.yaml:16 services[3].cost.currency: must be an ISO 4217 currency code such as USD, got "XYZ"',
    'fleet.yaml:19 services[3].cost.entries[1].month: must be a month as YYYY-MM, got "2024-13"',
    'fleet.yaml:19 services[3].cost.entries[1].amount: must be >= 0, got -5',
    'fleet.yaml:20 services[3].cost.entries[2].month: duplicate month "2024-01"',
    'fleet.yaml:21 services[3].reliability.incidents30d: must be >= 0, got -1',
    'fleet.yaml:21 services[3].reliability.changeFailureRatePct: is required',
    'fleet.yaml:22 services[3].governance.runbook: must be a boolean, got "yes"',
  ];

  it.for([['validate'], ['report']])(
    'pt %s prints all twelve problems of one YAML file, in line order',
    async ([command = ''], { dir }) => {
      dir.file('fleet.yaml', MANY_PROBLEMS);
      expectInvalidFleet(await pt(dir, [command, 'fleet.yaml']), 'fleet.yaml', MANY_ISSUES);
    },
  );

  it('the same problems read from standard input are named <stdin>', async ({ dir }) => {
    const r = await pt(dir, ['report', '-', '--format', 'json'], MANY_PROBLEMS);
    expectInvalidFleet(
      r,
      '<stdin>',
      MANY_ISSUES.map((line) => line.replace(/^fleet\.yaml:/, '<stdin>:')),
    );
  });

  it('several problems in a JSON file, located by line', async ({ dir }) => {
    dir.file(
      'fleet.json',
      [
        /*  1 */ '{',
        /*  2 */ '  "apiVersion": "pt/v1",',
        /*  3 */ '  "kind": "Fleet",',
        /*  4 */ '  "services": [',
        /*  5 */ '    {',
        /*  6 */ '      "name": "checkout",',
        /*  7 */ '      "team": "storefront",',
        /*  8 */ '      "slos": [{ "name": "availability", "target": 99.9, "current": 100.5 }],',
        /*  9 */ '      "reliability": { "uptimePct": 99.9, "mttrMinutes": "soon", "incidents30d": 0, "changeFailureRatePct": 5 },',
        /* 10 */ '      "owner": "me"',
        /* 11 */ '    }',
        /* 12 */ '  ]',
        /* 13 */ '}',
        '',
      ].join('\n'),
    );
    expectInvalidFleet(await pt(dir, ['report', 'fleet.json']), 'fleet.json', [
      'fleet.json:8 services[0].slos[0].current: must be <= 100, got 100.5',
      'fleet.json:9 services[0].reliability.mttrMinutes: must be a number, got "soon"',
      'fleet.json:10 services[0].owner: unknown key',
    ]);
  });

  it('unknown key (a typo) is an error, and the key it replaced is missing', async ({ dir }) => {
    dir.file(
      'fleet.yaml',
      `${HEAD}services:\n  - name: a\n    team: t\n    slos:\n      - name: x\n        targt: 99\n        current: 98\n`,
    );
    expectInvalidFleet(await pt(dir, ['validate', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml:7 services[0].slos[0].target: is required',
      'fleet.yaml:8 services[0].slos[0].targt: unknown key',
    ]);
  });

  it('duplicate service name', async ({ dir }) => {
    dir.file(
      'fleet.yaml',
      `${HEAD}services:\n  - name: a\n    team: t\n  - name: b\n    team: t\n  - name: a\n    team: u\n`,
    );
    expectInvalidFleet(await pt(dir, ['report', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml:8 services[2].name: duplicate service name "a"',
    ]);
  });

  it('duplicate service name made with a YAML alias', async ({ dir }) => {
    dir.file('fleet.yaml', `${HEAD}services:\n  - &s { name: a, team: t }\n  - *s\n`);
    expectInvalidFleet(await pt(dir, ['report', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml:5 services[1].name: duplicate service name "a"',
    ]);
  });

  it('NaN and a string where a number belongs', async ({ dir }) => {
    dir.file(
      'fleet.yaml',
      `${HEAD}services:\n  - name: a\n    team: t\n    reliability:\n      uptimePct: .nan\n      mttrMinutes: "ten"\n      incidents30d: 0\n      changeFailureRatePct: 5\n`,
    );
    expectInvalidFleet(await pt(dir, ['report', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml:7 services[0].reliability.uptimePct: must be a finite number, got NaN',
      'fleet.yaml:8 services[0].reliability.mttrMinutes: must be a number, got "ten"',
    ]);
  });

  it('Infinity in YAML (.inf) and in JSON (1e400)', async ({ dir }) => {
    dir.file('fleet.yaml', `${HEAD}services:\n  - name: a\n    team: t\n    tier: .inf\n`);
    expectInvalidFleet(await pt(dir, ['validate', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml:6 services[0].tier: must be a finite number, got Infinity',
    ]);
    dir.file(
      'fleet.json',
      '{"apiVersion":"pt/v1","kind":"Fleet",\n"services":[{"name":"a","team":"t","tier":1e400}]}\n',
    );
    expectInvalidFleet(await pt(dir, ['validate', 'fleet.json']), 'fleet.json', [
      'fleet.json:2 services[0].tier: must be a finite number, got Infinity',
    ]);
  });

  it('out-of-range percents', async ({ dir }) => {
    dir.file(
      'fleet.yaml',
      `${HEAD}services:\n  - name: a\n    team: t\n    reliability:\n      uptimePct: 101\n      mttrMinutes: 1\n      incidents30d: 0\n      changeFailureRatePct: -1\n    slos:\n      - { name: x, target: 0, current: 100.01 }\n`,
    );
    expectInvalidFleet(await pt(dir, ['validate', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml:7 services[0].reliability.uptimePct: must be <= 100, got 101',
      'fleet.yaml:10 services[0].reliability.changeFailureRatePct: must be >= 0, got -1',
      'fleet.yaml:12 services[0].slos[0].target: must be > 0, got 0',
      'fleet.yaml:12 services[0].slos[0].current: must be <= 100, got 100.01',
    ]);
  });

  it('a count that is negative or not an integer', async ({ dir }) => {
    dir.file(
      'fleet.yaml',
      `${HEAD}services:\n  - name: a\n    team: t\n    reliability: { uptimePct: 99, mttrMinutes: -3, incidents30d: 1.5, changeFailureRatePct: 5 }\n`,
    );
    expectInvalidFleet(await pt(dir, ['validate', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml:6 services[0].reliability.mttrMinutes: must be >= 0, got -3',
      'fleet.yaml:6 services[0].reliability.incidents30d: must be an integer, got 1.5',
    ]);
  });

  it('__proto__ and constructor keys in YAML are rejected as unknown keys', async ({ dir }) => {
    dir.file(
      'fleet.yaml',
      `${HEAD}services:\n  - name: a\n    team: t\n    __proto__: { polluted: true }\n    constructor: 1\n`,
    );
    expectInvalidFleet(await pt(dir, ['report', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml:6 services[0].__proto__: unknown key',
      'fleet.yaml:7 services[0].constructor: unknown key',
    ]);
  });

  it('a __proto__ key in JSON is rejected as an unknown key', async ({ dir }) => {
    dir.file(
      'fleet.json',
      '{\n  "apiVersion": "pt/v1",\n  "kind": "Fleet",\n  "services": [],\n  "__proto__": { "isAdmin": true }\n}\n',
    );
    expectInvalidFleet(await pt(dir, ['report', 'fleet.json']), 'fleet.json', ['fleet.json:5 __proto__: unknown key']);
  });

  it('wrong apiVersion and kind', async ({ dir }) => {
    dir.file('fleet.yaml', 'apiVersion: pt/v2\nkind: Fleets\nservices: []\n');
    expectInvalidFleet(await pt(dir, ['validate', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml:1 apiVersion: must be "pt/v1", got "pt/v2"',
      'fleet.yaml:2 kind: must be "Fleet", got "Fleets"',
    ]);
  });

  it.for([
    ['services is missing', HEAD, 'fleet.yaml:1 services: is required'],
    ['services is not a list', `${HEAD}services: 5\n`, 'fleet.yaml:3 services: must be a list, got 5'],
    [
      'slos is not a list',
      `${HEAD}services:\n  - name: a\n    team: t\n    slos: 5\n`,
      'fleet.yaml:6 services[0].slos: must be a list, got 5',
    ],
    [
      'a cost entry is not a mapping (the duplicate month is still found)',
      `${HEAD}services:\n  - name: a\n    team: t\n    cost: { entries: [5, { month: "2024-01", amount: 1 }, { month: "2024-01", amount: 2 }] }\n`,
      'fleet.yaml:6 services[0].cost.entries[0]: must be a mapping, got 5\nfleet.yaml:6 services[0].cost.entries[2].month: duplicate month "2024-01"',
    ],
  ])('wrong shape: %s', async ([_name, text = '', issues = ''], { dir }) => {
    dir.file('fleet.yaml', text);
    expectInvalidFleet(await pt(dir, ['validate', 'fleet.yaml']), 'fleet.yaml', issues.split('\n'));
  });

  it('a document that is not a mapping', async ({ dir }) => {
    dir.file('fleet.yaml', '- just\n- a list\n');
    expectInvalidFleet(await pt(dir, ['validate', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml:1: must be a mapping, got a list',
    ]);
  });
});

describe.concurrent('syntax errors', () => {
  it('YAML syntax error, with line and column', async ({ dir }) => {
    dir.file('fleet.yaml', `${HEAD}services:\n  - name: api-gateway\n    team: platform\n     tier: 1\n`);
    expectInvalidFleet(await pt(dir, ['report', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml:6:10: YAML syntax error: bad indentation of a mapping entry',
    ]);
  });

  it('YAML tab indentation', async ({ dir }) => {
    dir.file('fleet.yaml', `${HEAD}services:\n\t- name: a\n`);
    expectInvalidFleet(await pt(dir, ['validate', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml:4:1: YAML syntax error: tab characters must not be used in indentation',
    ]);
  });

  it('YAML duplicate mapping key', async ({ dir }) => {
    dir.file('fleet.yaml', `${HEAD}services:\n  - name: a\n    name: b\n    team: t\n`);
    expectInvalidFleet(await pt(dir, ['validate', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml:5:5: YAML syntax error: duplicated mapping key',
    ]);
  });

  it('more than one YAML document', async ({ dir }) => {
    dir.file('fleet.yaml', `${HEAD}services: []\n---\n${HEAD}services: []\n`);
    expectInvalidFleet(await pt(dir, ['validate', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml: expected one YAML document, found 2',
    ]);
  });

  it('nesting deeper than any fleet needs is refused', async ({ dir }) => {
    dir.file('fleet.yaml', `a: ${'['.repeat(1000)}${']'.repeat(1000)}\n`);
    const r = await pt(dir, ['validate', 'fleet.yaml']);
    expectInvalidFleet(r, 'fleet.yaml', ['fleet.yaml:1:67: YAML syntax error: nesting exceeded maxDepth (64)']);
  });

  it('JSON syntax error, with line and column', async ({ dir }) => {
    dir.file(
      'fleet.json',
      '{\n  "apiVersion": "pt/v1",\n  "kind": "Fleet",\n  "services": [\n    { "name": "a", "team": "t", }\n  ]\n}\n',
    );
    expectInvalidFleet(await pt(dir, ['report', 'fleet.json']), 'fleet.json', [
      'fleet.json:5:33: JSON syntax error: property name expected',
    ]);
  });

  it('truncated JSON', async ({ dir }) => {
    dir.file('fleet.json', '{"apiVersion": "pt/v1", "kind": "Fleet", "services": [');
    expectInvalidFleet(await pt(dir, ['report', 'fleet.json']), 'fleet.json', [
      'fleet.json:1:55: JSON syntax error: close bracket expected',
    ]);
  });

  it('JSON on standard input is recognised by its first character', async ({ dir }) => {
    expectInvalidFleet(await pt(dir, ['validate', '-'], '{"apiVersion": "pt/v1",}'), '<stdin>', [
      '<stdin>:1:24: JSON syntax error: property name expected',
    ]);
  });
});

describe.concurrent('empty, missing and unreadable inputs', () => {
  it('an empty file', async ({ dir }) => {
    dir.file('fleet.yaml', '');
    expectInvalidFleet(await pt(dir, ['report', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml: the document is empty; expected a Fleet mapping (apiVersion, kind, services)',
    ]);
  });

  it('a YAML file with only comments and blank lines is empty too', async ({ dir }) => {
    dir.file('fleet.yaml', '# nothing here yet\n\n   \n');
    expectInvalidFleet(await pt(dir, ['validate', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml: the document is empty; expected a Fleet mapping (apiVersion, kind, services)',
    ]);
  });

  it('an empty JSON file', async ({ dir }) => {
    dir.file('fleet.json', '');
    expectInvalidFleet(await pt(dir, ['validate', 'fleet.json']), 'fleet.json', [
      'fleet.json:1:1: JSON syntax error: value expected',
    ]);
  });

  it('empty standard input', async ({ dir }) => {
    expectInvalidFleet(await pt(dir, ['report', '-'], ''), '<stdin>', [
      '<stdin>: the document is empty; expected a Fleet mapping (apiVersion, kind, services)',
    ]);
  });

  it('a file that does not exist', async ({ dir }) => {
    expectInputError(await pt(dir, ['report', 'no-such-fleet.yaml']), 'cannot read no-such-fleet.yaml: no such file');
  });

  it('a directory instead of a file', async ({ dir }) => {
    mkdirSync(join(dir.path, 'fleets'));
    expectInputError(await pt(dir, ['validate', 'fleets']), 'cannot read fleets: it is a directory');
  });

  it('bytes that are not UTF-8 (Latin-1 text)', async ({ dir }) => {
    dir.file('fleet.yaml', Buffer.from(`${HEAD}services:\n  - name: caf\u00e9\n    team: t\n`, 'latin1'));
    expectInputError(await pt(dir, ['report', 'fleet.yaml']), 'cannot read fleet.yaml: not valid UTF-8 text');
  });

  it('binary garbage', async ({ dir }) => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    dir.file('fleet.yaml', Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), bytes]));
    expectInputError(await pt(dir, ['report', 'fleet.yaml']), 'cannot read fleet.yaml: not valid UTF-8 text');
  });

  it('control characters that are valid UTF-8 are a YAML error', async ({ dir }) => {
    dir.file('fleet.yaml', Buffer.from([0, 1, 2, 3, 0x62, 0x69, 0x6e, 0x7f]));
    expectInvalidFleet(await pt(dir, ['validate', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml:1:1: YAML syntax error: null byte is not allowed in input',
    ]);
  });

  it('non-UTF-8 bytes on standard input', async ({ dir }) => {
    const r = await runPt(['validate', '-'], {
      cwd: dir.path,
      input: Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0xff, 0xfe]),
    });
    expectInputError(r, 'cannot read standard input: not valid UTF-8 text');
  });
});

describe.concurrent('size limits', () => {
  it('--max-input-mb 0.0001 refuses a bigger file before reading it', async ({ dir }) => {
    dir.file('fleet.yaml', readFileSync(join(CLI_DIR, EXAMPLE_YAML)));
    expectInputError(
      await pt(dir, ['report', 'fleet.yaml', '--max-input-mb', '0.0001']),
      /^pt: cannot read fleet\.yaml: larger than 104 bytes \(raise --max-input-mb\)\n$/,
    );
  });

  it('--max-input-mb also limits standard input', async ({ dir }) => {
    expectInputError(
      await pt(dir, ['validate', '-', '--max-input-mb', '0.0001'], readFileSync(join(CLI_DIR, EXAMPLE_YAML), 'utf8')),
      /^pt: cannot read standard input: larger than 104 bytes \(raise --max-input-mb\)\n$/,
    );
  });

  // `stat` says 0 bytes for a device or a pipe: the limit must hold while reading, or this never ends.
  it.skipIf(!existsSync('/dev/zero'))('--max-input-mb holds for an endless device (/dev/zero)', async ({ dir }) => {
    const r = await pt(dir, ['validate', '/dev/zero', '--max-input-mb', '1']);
    expectInputError(r, 'cannot read /dev/zero: larger than 1 MiB (raise --max-input-mb)');
  });

  it('a file within --max-input-mb is read', async ({ dir }) => {
    dir.file('fleet.yaml', `${HEAD}services: []\n`); // 42 bytes; the limit is 104
    const r = await pt(dir, ['validate', 'fleet.yaml', '--max-input-mb', '0.0001']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('fleet.yaml: valid (0 services, 0 teams)\n');
  });

  it('a YAML billion-laughs alias bomb is refused, without hanging', async ({ dir }) => {
    // Ten levels of ten aliases: 10^10 nodes if expanded.
    const lines = [`${HEAD}services: []`, `x0: &x0 [${Array(10).fill('lol').join(', ')}]`];
    for (let i = 1; i < 10; i++)
      lines.push(
        `x${i}: &x${i} [${Array(10)
          .fill(`*x${i - 1}`)
          .join(', ')}]`,
      );
    dir.file('fleet.yaml', `${lines.join('\n')}\n`);
    const r = await pt(dir, ['report', 'fleet.yaml']);
    expectInvalidFleet(r, 'fleet.yaml', [
      'fleet.yaml: YAML aliases expand 37 written nodes beyond 100000 nodes; refusing to read further',
    ]);
  });

  it('one large anchor repeated many times (quadratic blow-up) is refused, without hanging', async ({ dir }) => {
    const big = Array(1000).fill('lol').join(', ');
    dir.file('fleet.yaml', `${HEAD}services: []\na: &a [${big}]\nb: [${Array(1000).fill('*a').join(', ')}]\n`);
    const r = await pt(dir, ['validate', 'fleet.yaml']);
    expectInvalidFleet(r, 'fleet.yaml', [
      'fleet.yaml: YAML aliases expand 1011 written nodes beyond 100000 nodes; refusing to read further',
    ]);
  });

  it('a YAML alias cycle is refused', async ({ dir }) => {
    dir.file('fleet.yaml', `${HEAD}services: &s [*s]\n`);
    expectInvalidFleet(await pt(dir, ['validate', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml: YAML aliases form a cycle',
    ]);
  });
});

describe.concurrent('output errors', () => {
  it('--out into a missing directory: exit 2, a clear message, nothing left behind', async ({ dir }) => {
    const r = await pt(dir, ['demo', '--format', 'json', '--out', join('missing', 'report.json')]);
    expectInputError(r, `cannot write ${join('missing', 'report.json')}: its directory does not exist`);
    expect(readdirSync(dir.path)).toEqual([]);
  });
});

/** Inputs that once crashed the parser or printed a multi-line issue. */
describe.concurrent('regressions', () => {
  it('cost.entries that is not a list: a located schema error, not an internal error', async ({ dir }) => {
    dir.file('fleet.yaml', `${HEAD}services:\n  - name: a\n    team: t\n    cost: { entries: 5 }\n`);
    expectInvalidFleet(await pt(dir, ['validate', 'fleet.yaml']), 'fleet.yaml', [
      'fleet.yaml:6 services[0].cost.entries: must be a list, got 5',
    ]);
  });

  it('a JSON syntax error is reported in one line, without a copy of the input', async ({ dir }) => {
    dir.file('fleet.json', '{\n  "apiVersion": "pt/v1",\n  "kind": "Fleet",\n  "services": [,]\n}\n');
    const r = await pt(dir, ['validate', 'fleet.json']);
    expect(r.status).toBe(2);
    expectNoCrash(r);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('fleet.json:4:16: JSON syntax error: value expected');
    expect(lines[1]).toBe('pt: fleet.json is not a valid fleet file (1 problem)');
    expect(lines).toHaveLength(3);
  });
});

describe.concurrent('very many problems', () => {
  it('prints the first 200, counts the rest, and does not hang on a one-line JSON file', async ({ dir }) => {
    const services = Array.from({ length: 5000 }, (_, i) => ({
      name: `svc-${i}`,
      team: 't',
      slos: [{ name: 'availability', target: 99.9, current: 150 }],
    }));
    dir.file('fleet.json', JSON.stringify({ apiVersion: 'pt/v1', kind: 'Fleet', services }));
    const r = await pt(dir, ['validate', 'fleet.json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectNoCrash(r);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(202);
    expect(lines[0]).toBe('fleet.json:1 services[0].slos[0].current: must be <= 100, got 150');
    expect(lines[199]).toBe('fleet.json:1 services[199].slos[0].current: must be <= 100, got 150');
    expect(lines[200]).toBe("… and 4800 more problems (run 'pt validate' again once these are fixed)");
    expect(lines[201]).toBe('pt: fleet.json is not a valid fleet file (5000 problems)');
  });
});
