import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_FLEET } from '../demo.js';
import { formatIssue, formatPath, type InputIssue } from '@pt/input';
import { parseFleet, validateFleet, type FleetParseResult, type ParseFleetOptions } from './parse.js';

/** YAML text from lines, so that line numbers in the expectations can be read off the source. */
const lines = (...text: string[]) => `${text.join('\n')}\n`;
const HEAD = ['apiVersion: pt/v1', 'kind: Fleet', 'services:'] as const; // lines 1-3

function issuesOf(result: FleetParseResult): readonly InputIssue[] {
  if (result.ok) return expect.unreachable('expected the input to be rejected');
  expect(result.issues.length).toBeGreaterThan(0);
  return result.issues;
}

/** The formatted messages for `text`, read as `fleet.yaml` unless told otherwise. */
const messages = (text: string, options: ParseFleetOptions = { filename: 'fleet.yaml' }) =>
  issuesOf(parseFleet(text, options)).map(formatIssue);

const example = (name: string) => readFileSync(new URL(`../../../../examples/${name}`, import.meta.url), 'utf8');

const NAME_RULE = 'must be 1-63 characters of a-z, 0-9, ".", "_" or "-", starting with a-z or 0-9';

describe('parseFleet: valid input', () => {
  it('reads the example fleet', () => {
    const result = parseFleet(example('fleet.yaml'), { filename: 'fleet.yaml' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.fleet.services.map((s) => s.name)).toEqual([
      'api-gateway',
      'auth',
      'search-indexer',
      'payments',
      'ledger',
      'checkout',
      'notifications',
      'legacy-batch',
    ]);
  });

  it('gives the same fleet for the JSON and YAML versions of the example', () => {
    const fromYaml = parseFleet(example('fleet.yaml'), { filename: 'fleet.yaml' });
    const fromJson = parseFleet(example('fleet.json'), { filename: 'fleet.json' });
    expect(fromJson).toEqual(fromYaml);
  });

  it('reads the demo fleet written as JSON', () => {
    expect(parseFleet(JSON.stringify(DEMO_FLEET))).toEqual({ ok: true, fleet: DEMO_FLEET });
  });

  it('accepts an empty services list, and aliases that expand modestly', () => {
    expect(parseFleet(lines(...HEAD.slice(0, 2), 'services: []'))).toEqual({
      ok: true,
      fleet: { apiVersion: 'pt/v1', kind: 'Fleet', services: [] },
    });
    const result = parseFleet(lines(...HEAD, '  - name: a', '    team: &t platform', '  - name: b', '    team: *t'));
    expect(result.ok && result.fleet.services.map((s) => s.team)).toEqual(['platform', 'platform']);
  });

  it('ignores a byte order mark at the start', () => {
    const text = lines(...HEAD.slice(0, 2), 'services: []');
    expect(parseFleet(`\uFEFF${text}`)).toEqual(parseFleet(text));
    expect(parseFleet(`\uFEFF${JSON.stringify(DEMO_FLEET)}`)).toEqual({ ok: true, fleet: DEMO_FLEET });
  });
});

describe('parseFleet: bad input, one problem each (formatted as file:line path: message)', () => {
  it.each([
    [
      'an unknown key, at the key’s line',
      lines(...HEAD, '  - name: a', '    team: t', '    tierr: 1'),
      ['fleet.yaml:6 services[0].tierr: unknown key'],
    ],
    [
      'an unknown top-level key',
      lines('apiVersion: pt/v1', 'kind: Fleet', 'owner: me', 'services: []'),
      ['fleet.yaml:3 owner: unknown key'],
    ],
    [
      'an unknown key in a flow mapping',
      lines(...HEAD, '  - name: a', '    team: t', '    slos:', '      - { name: x, target: 99, curent: 99 }'),
      ['fleet.yaml:7 services[0].slos[0].current: is required', 'fleet.yaml:7 services[0].slos[0].curent: unknown key'],
    ],
    [
      'an unknown key that is not an identifier',
      lines(...HEAD, '  - name: a', '    team: t', '    "bad key": 1'),
      ['fleet.yaml:6 services[0]["bad key"]: unknown key'],
    ],
    [
      'a duplicate service name, at the second one',
      lines(...HEAD, '  - name: a', '    team: t', '  - name: b', '    team: t', '  - name: a', '    team: t'),
      ['fleet.yaml:8 services[2].name: duplicate service name "a"'],
    ],
    [
      'a duplicate SLO name',
      lines(
        ...HEAD,
        '  - name: a',
        '    team: t',
        '    slos:',
        '      - { name: x, target: 99, current: 99 }',
        '      - { name: x, target: 98, current: 99 }',
      ),
      ['fleet.yaml:8 services[0].slos[1].name: duplicate SLO name "x"'],
    ],
    [
      'a duplicate month',
      lines(
        ...HEAD,
        '  - name: a',
        '    team: t',
        '    cost:',
        '      entries:',
        '        - { month: "2024-01", amount: 1 }',
        '        - { month: "2024-02", amount: 1 }',
        '        - { month: "2024-01", amount: 2 }',
      ),
      ['fleet.yaml:10 services[0].cost.entries[2].month: duplicate month "2024-01"'],
    ],
    [
      'NaN (.nan)',
      lines(
        ...HEAD,
        '  - name: a',
        '    team: t',
        '    slos:',
        '      - name: x',
        '        target: .nan',
        '        current: 99',
      ),
      ['fleet.yaml:8 services[0].slos[0].target: must be a finite number, got NaN'],
    ],
    [
      'infinity (.inf)',
      lines(
        ...HEAD,
        '  - name: a',
        '    team: t',
        '    reliability:',
        '      uptimePct: 99',
        '      mttrMinutes: .inf',
        '      incidents30d: 0',
        '      changeFailureRatePct: 0',
      ),
      ['fleet.yaml:8 services[0].reliability.mttrMinutes: must be a finite number, got Infinity'],
    ],
    [
      'strings where numbers belong',
      lines(
        ...HEAD,
        '  - name: a',
        '    team: t',
        '    slos:',
        '      - name: x',
        '        target: "99"',
        '        current: high',
      ),
      [
        'fleet.yaml:8 services[0].slos[0].target: must be a number, got "99"',
        'fleet.yaml:9 services[0].slos[0].current: must be a number, got "high"',
      ],
    ],
    [
      '1e309 in YAML (read as a string)',
      lines(
        ...HEAD,
        '  - name: a',
        '    team: t',
        '    slos:',
        '      - name: x',
        '        target: 1e309',
        '        current: 99',
      ),
      ['fleet.yaml:8 services[0].slos[0].target: must be a number, got "1e309"'],
    ],
    [
      'a percent out of range',
      lines(
        ...HEAD,
        '  - name: a',
        '    team: t',
        '    slos:',
        '      - name: x',
        '        target: 1000',
        '        current: 99',
      ),
      ['fleet.yaml:8 services[0].slos[0].target: must be <= 100, got 1000'],
    ],
    [
      'a target of 0',
      lines(
        ...HEAD,
        '  - name: a',
        '    team: t',
        '    slos:',
        '      - name: x',
        '        target: 0',
        '        current: 99',
      ),
      ['fleet.yaml:8 services[0].slos[0].target: must be > 0, got 0'],
    ],
    [
      'a negative current',
      lines(
        ...HEAD,
        '  - name: a',
        '    team: t',
        '    slos:',
        '      - name: x',
        '        target: 99',
        '        current: -0.5',
      ),
      ['fleet.yaml:9 services[0].slos[0].current: must be >= 0, got -0.5'],
    ],
    [
      'negative amounts and counts',
      lines(
        ...HEAD,
        '  - name: a',
        '    team: t',
        '    cost:',
        '      budgetMonthly: -5',
        '      entries:',
        '        - { month: "2024-01", amount: -1 }',
        '    reliability: { uptimePct: 99, mttrMinutes: 1, incidents30d: -1, changeFailureRatePct: 1 }',
      ),
      [
        'fleet.yaml:7 services[0].cost.budgetMonthly: must be >= 0, got -5',
        'fleet.yaml:9 services[0].cost.entries[0].amount: must be >= 0, got -1',
        'fleet.yaml:10 services[0].reliability.incidents30d: must be >= 0, got -1',
      ],
    ],
    [
      'a fractional count and tier',
      lines(
        ...HEAD,
        '  - name: a',
        '    team: t',
        '    tier: 1.5',
        '    reliability: { uptimePct: 99, mttrMinutes: 1, incidents30d: 0.5, changeFailureRatePct: 1 }',
      ),
      [
        'fleet.yaml:6 services[0].tier: must be an integer, got 1.5',
        'fleet.yaml:7 services[0].reliability.incidents30d: must be an integer, got 0.5',
      ],
    ],
    [
      'a tier out of range',
      lines(...HEAD, '  - name: a', '    team: t', '    tier: 4'),
      ['fleet.yaml:6 services[0].tier: must be <= 3, got 4'],
    ],
    [
      'a bad month, currency and governance flag',
      lines(
        ...HEAD,
        '  - name: a',
        '    team: t',
        '    cost:',
        '      currency: usd',
        '      entries: [{ month: "2024-13", amount: 1 }]',
        '    governance: { runbook: "yes" }',
      ),
      [
        'fleet.yaml:7 services[0].cost.currency: must be an ISO 4217 currency code such as USD, got "usd"',
        'fleet.yaml:8 services[0].cost.entries[0].month: must be a month as YYYY-MM, got "2024-13"',
        'fleet.yaml:9 services[0].governance.runbook: must be a boolean, got "yes"',
      ],
    ],
    [
      'an incomplete reliability section',
      lines(...HEAD, '  - name: a', '    team: t', '    reliability:', '      uptimePct: 99.9'),
      [
        'fleet.yaml:6 services[0].reliability.mttrMinutes: is required',
        'fleet.yaml:6 services[0].reliability.incidents30d: is required',
        'fleet.yaml:6 services[0].reliability.changeFailureRatePct: is required',
      ],
    ],
    [
      'a bad service name and an empty team',
      lines(...HEAD, '  - name: Api_Gateway', '    team: ""'),
      [
        `fleet.yaml:4 services[0].name: ${NAME_RULE}, got "Api_Gateway"`,
        'fleet.yaml:5 services[0].team: must not be empty',
      ],
    ],
    [
      'a service name of 64 characters',
      lines(...HEAD, `  - name: ${'a'.repeat(64)}`, '    team: t'),
      [`fleet.yaml:4 services[0].name: ${NAME_RULE}, got "${'a'.repeat(37)}..."`],
    ],
    ['a missing team', lines(...HEAD, '  - name: a'), ['fleet.yaml:4 services[0].team: is required']],
    [
      'a wrong apiVersion and kind',
      lines('apiVersion: pt/v2', 'kind: Flet', 'services: []'),
      ['fleet.yaml:1 apiVersion: must be "pt/v1", got "pt/v2"', 'fleet.yaml:2 kind: must be "Fleet", got "Flet"'],
    ],
    ['a missing services list', lines('apiVersion: pt/v1', 'kind: Fleet'), ['fleet.yaml:1 services: is required']],
    [
      'services that is not a list',
      lines('apiVersion: pt/v1', 'kind: Fleet', 'services: none'),
      ['fleet.yaml:3 services: must be a list, got "none"'],
    ],
    [
      'services: with nothing after it',
      lines('apiVersion: pt/v1', 'kind: Fleet', 'services:'),
      ['fleet.yaml:3 services: must be a list, got null'],
    ],
    [
      'slos that is not a list',
      lines(...HEAD, '  - name: a', '    team: t', '    slos: { name: x }'),
      ['fleet.yaml:6 services[0].slos: must be a list, got a mapping'],
    ],
    [
      'a service that is not a mapping',
      lines(...HEAD, '  - 5', '  - name: a', '    team: t'),
      ['fleet.yaml:4 services[0]: must be a mapping, got 5'],
    ],
    [
      'a list instead of a mapping',
      lines('- apiVersion: pt/v1', '- kind: Fleet'),
      ['fleet.yaml:1: must be a mapping, got a list'],
    ],
    ['a scalar instead of a mapping', lines('hello'), ['fleet.yaml:1: must be a mapping, got "hello"']],
  ])('%s', (_label, text, expected) => {
    expect(messages(text)).toEqual(expected);
  });

  it('returns structured issues: code, file, line, path, message', () => {
    const issues = issuesOf(
      parseFleet(lines(...HEAD, '  - name: a', '    team: t', '    tier: 9'), { filename: 'fleet.yaml' }),
    );
    expect(issues).toEqual([
      {
        code: 'E_SCHEMA',
        file: 'fleet.yaml',
        line: 6,
        column: 5,
        path: 'services[0].tier',
        message: 'must be <= 3, got 9',
      },
    ]);
  });

  it('names the input <input> when no filename is given', () => {
    expect(messages(lines(...HEAD, '  - name: a'), {})).toEqual(['<input>:4 services[0].team: is required']);
  });
});

describe('parseFleet: syntax errors (file:line:column)', () => {
  it.each([
    [
      'a mapping value where none is allowed',
      lines(...HEAD, '  - name: a', '    team: t: x'),
      'fleet.yaml:5:12: YAML syntax error: bad indentation of a mapping entry',
    ],
    [
      'bad indentation of a sequence entry',
      lines(...HEAD, '  - name: a', '   team: t'),
      'fleet.yaml:5:4: YAML syntax error: bad indentation of a sequence entry',
    ],
    [
      'a tab in the indentation',
      lines(...HEAD, '\t- name: a'),
      'fleet.yaml:4:1: YAML syntax error: tab characters must not be used in indentation',
    ],
    [
      'a duplicated key',
      lines('apiVersion: pt/v1', 'kind: Fleet', 'kind: Fleet', 'services: []'),
      'fleet.yaml:3:1: YAML syntax error: duplicated mapping key',
    ],
  ])('YAML: %s', (_label, text, expected) => {
    const issues = issuesOf(parseFleet(text, { filename: 'fleet.yaml' }));
    expect(issues.map(formatIssue)).toEqual([expected]);
    expect(issues[0]?.code).toBe('E_SYNTAX');
  });

  it.each([
    [
      'a missing value',
      '{\n  "apiVersion": "pt/v1",\n  "kind": "Fleet",\n  "services": [,]\n}\n',
      /^fleet\.json:4:16: JSON syntax error: value expected$/,
    ],
    [
      'a trailing comma',
      '{\n  "apiVersion": "pt/v1",\n  "kind": "Fleet",\n  "services": [],\n}\n',
      /^fleet\.json:5:1: JSON syntax error: property name expected$/,
    ],
    ['an unclosed object', '{"apiVersion": "pt/v1"', /^fleet\.json:1:23: JSON syntax error: close brace expected$/],
    ['NaN', '{"apiVersion": "pt/v1", "kind": "Fleet",\n"services": NaN}', /^fleet\.json:2:13: JSON syntax error: /],
    ['empty text', '', /^fleet\.json:1:1: JSON syntax error: value expected$/],
  ])('JSON: %s', (_label, text, expected) => {
    const issues = issuesOf(parseFleet(text, { filename: 'fleet.json' }));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe('E_SYNTAX');
    expect(formatIssue(issues[0] ?? expect.unreachable())).toMatch(expected);
  });
});

describe('parseFleet: JSON nested deeper than the stack', () => {
  it("locates a syntax error where the error scanner would overflow, from JSON.parse's offset", () => {
    const depth = 100_000;
    const text = `{"apiVersion": "pt/v1", "kind": "Fleet",\n"services": [{"name": "a", "team": "t", "facts": ${'['.repeat(depth)}${']'.repeat(depth - 1)}}]}`;
    const issues = issuesOf(parseFleet(text, { filename: 'fleet.json' }));
    expect(issues.map(formatIssue)).toEqual([
      expect.stringMatching(/^fleet\.json:2:\d+: JSON syntax error: not valid JSON$/),
    ]);
    // Where JSON.parse stopped: at the end of the brackets, about 50 + 2 × depth characters in.
    expect(issues[0]?.column).toBeGreaterThan(2 * depth);
    expect(issues[0]?.column).toBeLessThan(2 * depth + 60);
  });
});

describe('parseFleet: numbers JSON and YAML read differently', () => {
  it('reports 1e309 in JSON (Infinity) at its line', () => {
    const text = [
      '{"apiVersion": "pt/v1", "kind": "Fleet", "services": [',
      '  {"name": "a", "team": "t", "slos": [',
      '    {"name": "x", "target": 1e309, "current": 99}',
      ']}]}',
    ].join('\n');
    expect(messages(text, { filename: 'fleet.json' })).toEqual([
      'fleet.json:3 services[0].slos[0].target: must be a finite number, got Infinity',
    ]);
  });

  it('reads 1e14 as a number in both, and refuses 1e300 in both (sums must stay representable)', () => {
    for (const [amount, ok] of [
      ['1e14', true],
      ['1e300', false],
    ] as const) {
      const yaml = lines(...HEAD, '  - name: a', '    team: t', `    cost: { budgetMonthly: ${amount} }`);
      const json = `{"apiVersion":"pt/v1","kind":"Fleet","services":[{"name":"a","team":"t","cost":{"budgetMonthly":${amount}}}]}`;
      if (ok) {
        const expected = {
          ok: true,
          fleet: {
            apiVersion: 'pt/v1',
            kind: 'Fleet',
            services: [{ name: 'a', team: 't', cost: { budgetMonthly: Number(amount) } }],
          },
        };
        expect(parseFleet(yaml)).toEqual(expected);
        expect(parseFleet(json)).toEqual(expected);
      } else {
        expect(messages(yaml)).toEqual([
          expect.stringMatching(/services\[0\]\.cost\.budgetMonthly: must be <= 1000000000000000, got 1e\+300$/),
        ]);
        expect(messages(json, { filename: 'fleet.json' })).toEqual([
          expect.stringMatching(
            /^fleet\.json:1 services\[0\]\.cost\.budgetMonthly: must be <= 1000000000000000, got 1e\+300$/,
          ),
        ]);
      }
    }
  });
});

describe('parseFleet: __proto__ and constructor keys', () => {
  it.each([
    [
      'YAML, in a service',
      lines(
        ...HEAD,
        '  - name: a',
        '    team: t',
        '    __proto__: { polluted: true }',
        '    constructor: { polluted: true }',
      ),
      'fleet.yaml',
      ['fleet.yaml:6 services[0].__proto__: unknown key', 'fleet.yaml:7 services[0].constructor: unknown key'],
    ],
    [
      'YAML, at the top',
      lines('__proto__:', '  polluted: true', 'apiVersion: pt/v1', 'kind: Fleet', 'services: []'),
      'fleet.yaml',
      ['fleet.yaml:1 __proto__: unknown key'],
    ],
    [
      'JSON, in a service',
      '{"apiVersion": "pt/v1", "kind": "Fleet", "services": [{"name": "a", "team": "t",\n"__proto__": {"polluted": true},\n"constructor": {"prototype": {"polluted": true}}}]}',
      'fleet.json',
      ['fleet.json:2 services[0].__proto__: unknown key', 'fleet.json:3 services[0].constructor: unknown key'],
    ],
    [
      'JSON, in a governance section',
      '{"apiVersion": "pt/v1", "kind": "Fleet", "services": [{"name": "a", "team": "t",\n"governance": {"__proto__": {"runbook": true}}}]}',
      'fleet.json',
      ['fleet.json:2 services[0].governance.__proto__: unknown key'],
    ],
  ])('rejects them as unknown keys (%s) and leaves Object.prototype alone', (_label, text, filename, expected) => {
    expect(messages(text, { filename })).toEqual(expected);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });
});

describe('parseFleet: documents that are not one fleet', () => {
  it.each([
    ['empty text', ''],
    ['blank lines', '\n  \n'],
    ['only a comment', '# nothing here\n'],
    ['an empty explicit document', '---\n'],
    ['null', 'null\n'],
  ])('rejects %s as an empty document', (_label, text) => {
    expect(messages(text)).toEqual([
      'fleet.yaml: the document is empty; expected a Fleet mapping (apiVersion, kind, services)',
    ]);
  });

  it('rejects more than one YAML document', () => {
    const one = lines(...HEAD.slice(0, 2), 'services: []');
    expect(messages(`${one}---\n${one}`)).toEqual(['fleet.yaml: expected one YAML document, found 2']);
  });

  it('accepts one document with explicit markers', () => {
    expect(parseFleet(`---\n${lines(...HEAD.slice(0, 2), 'services: []')}...\n`).ok).toBe(true);
  });
});

describe('parseFleet: inputs built to exhaust the parser', () => {
  it('rejects a YAML alias cycle', () => {
    expect(messages(lines('a: &x [*x]'))).toEqual(['fleet.yaml: YAML aliases form a cycle']);
  });

  // No duration is asserted (a slow machine is not a bug); a parser that expanded the bomb would
  // not finish, and the test timeout reports that hang.
  it('rejects a billion-laughs alias bomb with E_TOO_LARGE', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array.from({ length: 10 }, () => `*${previous}`).join(',')}]`);
    }
    const issues = issuesOf(parseFleet(lines(...levels), { filename: 'bomb.yaml' }));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe('E_TOO_LARGE');
    expect(formatIssue(issues[0] ?? expect.unreachable())).toMatch(
      /^bomb\.yaml: YAML aliases expand \d+ written nodes beyond 100000 nodes; refusing to read further$/,
    );
  });

  it('rejects an alias bomb of mappings hidden inside a service', () => {
    const text = lines(
      ...HEAD,
      '  - name: a',
      '    team: t',
      '    governance:',
      '      x0: &x0 { a: 1, b: 1, c: 1, d: 1, e: 1, f: 1, g: 1, h: 1 }',
      ...Array.from(
        { length: 12 },
        (_, i) => `      x${i + 1}: &x${i + 1} [*x${i}, *x${i}, *x${i}, *x${i}, *x${i}, *x${i}]`,
      ),
    );
    const issues = issuesOf(parseFleet(text));
    expect(issues.map((i) => i.code)).toEqual(['E_TOO_LARGE']);
  });

  it('honours a lower maxAliasExpansion only above the floor of 100000 nodes', () => {
    const text = lines(...HEAD, '  - name: a', '    team: &t t', '  - name: b', '    team: *t');
    expect(parseFleet(text, { maxAliasExpansion: 1 }).ok).toBe(true);
  });

  it.each([
    [
      'flow',
      `a: ${'['.repeat(100)}${']'.repeat(100)}`,
      /^fleet\.yaml:1:\d+: YAML syntax error: nesting exceeded maxDepth \(64\)$/,
    ],
    [
      'block',
      Array.from({ length: 100 }, (_, i) => `${' '.repeat(i * 2)}a:`).join('\n'),
      /^fleet\.yaml:64:\d+: YAML syntax error: nesting exceeded maxDepth \(64\)$/,
    ],
    [
      'very deep flow',
      `a: ${'['.repeat(200_000)}${']'.repeat(200_000)}`,
      /^fleet\.yaml:1:\d+: YAML syntax error: nesting exceeded maxDepth \(64\)$/,
    ],
  ])('rejects deep %s nesting in YAML', (_label, text, expected) => {
    const issues = issuesOf(parseFleet(`${text}\n`, { filename: 'fleet.yaml' }));
    expect(issues.map(formatIssue)).toEqual([expect.stringMatching(expected)]);
  });

  it('honours maxDepth', () => {
    const text = lines(...HEAD, '  - name: a', '    team: t', '    slos: [{ name: x, target: 99, current: 99 }]');
    expect(parseFleet(text).ok).toBe(true);
    expect(messages(text, { filename: 'fleet.yaml', maxDepth: 2 })).toEqual([
      expect.stringMatching(/^fleet\.yaml:\d+:\d+: YAML syntax error: nesting exceeded maxDepth \(2\)$/),
    ]);
  });

  it('survives deep nesting in JSON where a string belongs', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const text = `{"apiVersion": "pt/v1", "kind": "Fleet", "services": [{"name": "a", "team": ${deep}}]}`;
    expect(messages(text, { filename: 'fleet.json' })).toEqual([
      expect.stringMatching(/^fleet\.json(:1)? services\[0\]\.team: must be a string, got a list$/),
    ]);
  });

  it('survives deep nesting in JSON under an unknown key', () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const text = `{"apiVersion": "pt/v1", "kind": "Fleet", "services": [], "x": ${deep}}`;
    expect(messages(text, { filename: 'fleet.json' })).toEqual([
      expect.stringMatching(/^fleet\.json(:1)? x: unknown key$/),
    ]);
  });
});

describe('parseFleet: BOM and line numbers', () => {
  it('keeps line numbers right after a BOM', () => {
    const text = `\uFEFF${lines(...HEAD, '  - name: a', '    team: t', '    tier: 0')}`;
    expect(messages(text)).toEqual(['fleet.yaml:6 services[0].tier: must be >= 1, got 0']);
  });

  it('keeps line and column right for a syntax error after a BOM', () => {
    const text = `\uFEFF${lines(...HEAD, '  - name: a', '    team: t: x')}`;
    expect(messages(text)).toEqual(['fleet.yaml:5:12: YAML syntax error: bad indentation of a mapping entry']);
  });

  it('keeps line numbers right with CRLF line ends', () => {
    const text = lines(...HEAD, '  - name: a', '    team: t', '    tier: 0').replace(/\n/g, '\r\n');
    expect(messages(text)).toEqual(['fleet.yaml:6 services[0].tier: must be >= 1, got 0']);
  });
});

describe('parseFleet: several problems in one file', () => {
  it('reports them all, sorted by line', () => {
    const text = lines(
      ...HEAD,
      '  - name: a', // 4
      '    team: t', // 5
      '  - tier: 9', // 6
      '    name: a', // 7  duplicate, found after the schema's own issues
      '    team: t', // 8
      '  - bogus: 1', // 9  unknown key, reported by the schema after the others of this service
      '    name: B', // 10
      '    team: ""', // 11
      '    slos:', // 12
      '      - { name: x, target: 1000, current: -1 }', // 13
      '      - { name: x, target: 99, current: 99 }', // 14
      '    cost:', // 15
      '      entries:', // 16
      '        - { month: "2024-01", amount: .nan }', // 17
      '        - { month: "2024-01", amount: 1 }', // 18
    );
    expect(messages(text)).toEqual([
      'fleet.yaml:6 services[1].tier: must be <= 3, got 9',
      'fleet.yaml:7 services[1].name: duplicate service name "a"',
      'fleet.yaml:9 services[2].bogus: unknown key',
      `fleet.yaml:10 services[2].name: ${NAME_RULE}, got "B"`,
      'fleet.yaml:11 services[2].team: must not be empty',
      'fleet.yaml:13 services[2].slos[0].target: must be <= 100, got 1000',
      'fleet.yaml:13 services[2].slos[0].current: must be >= 0, got -1',
      'fleet.yaml:14 services[2].slos[1].name: duplicate SLO name "x"',
      'fleet.yaml:17 services[2].cost.entries[0].amount: must be a finite number, got NaN',
      'fleet.yaml:18 services[2].cost.entries[1].month: duplicate month "2024-01"',
    ]);
  });

  it('gives the same problems for the JSON and the YAML version of a fleet', () => {
    const bad = {
      apiVersion: 'pt/v1',
      kind: 'Fleet',
      services: [
        { name: 'a', team: 't', tier: 9, slos: [{ name: 'x', target: 1000, current: 1 }] },
        { name: 'a', team: '', cost: { entries: [{ month: '2024-01', amount: -1 }] }, extra: true },
      ],
    };
    const yaml = lines(
      ...HEAD,
      '  - name: a',
      '    team: t',
      '    tier: 9',
      '    slos:',
      '      - name: x',
      '        target: 1000',
      '        current: 1',
      '  - name: a',
      '    team: ""',
      '    cost:',
      '      entries:',
      '        - month: "2024-01"',
      '          amount: -1',
      '    extra: true',
    );
    const json = JSON.stringify(bad, null, 2);
    const fromYaml = messages(yaml, { filename: 'fleet' });
    const fromJson = messages(json, { filename: 'fleet' });
    expect(fromJson).toEqual([
      'fleet:8 services[0].tier: must be <= 3, got 9',
      'fleet:12 services[0].slos[0].target: must be <= 100, got 1000',
      'fleet:18 services[1].name: duplicate service name "a"',
      'fleet:19 services[1].team: must not be empty',
      'fleet:24 services[1].cost.entries[0].amount: must be >= 0, got -1',
      'fleet:28 services[1].extra: unknown key',
    ]);
    expect(fromYaml).toEqual([
      'fleet:6 services[0].tier: must be <= 3, got 9',
      'fleet:9 services[0].slos[0].target: must be <= 100, got 1000',
      'fleet:11 services[1].name: duplicate service name "a"',
      'fleet:12 services[1].team: must not be empty',
      'fleet:16 services[1].cost.entries[0].amount: must be >= 0, got -1',
      'fleet:17 services[1].extra: unknown key',
    ]);
    const withoutLines = (list: string[]) => list.map((m) => m.replace(/^fleet:\d+ /, ''));
    expect(withoutLines(fromJson)).toEqual(withoutLines(fromYaml));
  });
});

describe('parseFleet: format detection', () => {
  // Valid as YAML (a flow mapping may end with a comma), a syntax error as JSON.
  const flow = '{"apiVersion": "pt/v1", "kind": "Fleet", "services": [],}';

  it.each([
    ['a .json name', { filename: 'fleet.json' }, 'json'],
    ['a .JSON name', { filename: 'FLEET.JSON' }, 'json'],
    ['text starting with {', {}, 'json'],
    ['text starting with { after blanks', { filename: '-' }, 'json'],
    ['a .yaml name', { filename: 'fleet.yaml' }, 'yaml'],
    ['a .yml name', { filename: 'fleet.yml' }, 'yaml'],
    ['format: yaml', { filename: 'fleet.json', format: 'yaml' }, 'yaml'],
    ['format: json', { filename: 'fleet.yaml', format: 'json' }, 'json'],
  ] as const)('%s reads as %s', (_label, options, format) => {
    const result = parseFleet(`\n  ${flow}`, options);
    if (format === 'yaml') {
      expect(result.ok).toBe(true);
    } else {
      expect(issuesOf(result).map((i) => [i.code, i.message.startsWith('JSON syntax error')])).toEqual([
        ['E_SYNTAX', true],
      ]);
    }
  });

  it('reads text starting with [ as JSON', () => {
    expect(messages('[1, 2]', {})).toEqual(['<input>:1: must be a mapping, got a list']);
    expect(messages('[1, 2,]', {})).toEqual([expect.stringMatching(/^<input>:1:7: JSON syntax error: /)]);
  });

  it('reads YAML for other names and text', () => {
    expect(parseFleet(lines(...HEAD.slice(0, 2), 'services: []'), { filename: 'fleet.txt' }).ok).toBe(true);
    expect(messages('{"a": 1', { filename: 'fleet.yaml' })).toEqual([
      expect.stringMatching(/^fleet\.yaml:\d+:\d+: YAML syntax error: /),
    ]);
  });
});

describe('validateFleet (values built in code)', () => {
  it('accepts the demo fleet', () => {
    expect(validateFleet(DEMO_FLEET)).toEqual({ ok: true, fleet: DEMO_FLEET });
  });

  it.each([
    [undefined, ['<input>: the document is empty; expected a Fleet mapping (apiVersion, kind, services)']],
    [null, ['<input>: the document is empty; expected a Fleet mapping (apiVersion, kind, services)']],
    [42, ['<input>: must be a mapping, got 42']],
    [{}, ['<input> apiVersion: is required', '<input> kind: is required', '<input> services: is required']],
    [{ apiVersion: 'pt/v1', kind: 'Fleet', services: 'x' }, ['<input> services: must be a list, got "x"']],
    [
      { apiVersion: 'pt/v1', kind: 'Fleet', services: [{ name: 'a', team: 't', slos: 'x' }] },
      ['<input> services[0].slos: must be a list, got "x"'],
    ],
  ])('reports %j without lines', (value, expected) => {
    expect(issuesOf(validateFleet(value)).map(formatIssue)).toEqual(expected);
  });

  it('rejects values no fleet file can hold (NaN, Infinity, -1 where a count belongs)', () => {
    const value = {
      apiVersion: 'pt/v1',
      kind: 'Fleet',
      services: [
        {
          name: 'a',
          team: 't',
          slos: [{ name: 'x', target: Number.NaN, current: Number.POSITIVE_INFINITY }],
          reliability: { uptimePct: 99, mttrMinutes: 1, incidents30d: -1, changeFailureRatePct: 1 },
        },
      ],
    };
    expect(issuesOf(validateFleet(value, { filename: 'code' })).map(formatIssue)).toEqual([
      'code services[0].slos[0].target: must be a finite number, got NaN',
      'code services[0].slos[0].current: must be a finite number, got Infinity',
      'code services[0].reliability.incidents30d: must be >= 0, got -1',
    ]);
  });
});

describe('formatPath and formatIssue', () => {
  it.each([
    [[], ''],
    [['services', 3, 'slos', 0, 'target'], 'services[3].slos[0].target'],
    [[0], '[0]'],
    [['services', 0, 'bad key'], 'services[0]["bad key"]'],
    [['__proto__'], '__proto__'],
    [['a"b'], '["a\\"b"]'],
  ] as const)('formatPath(%j) = %s', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });

  it.each([
    [
      {
        code: 'E_SCHEMA',
        file: 'fleet.yaml',
        line: 14,
        column: 9,
        path: 'services[3].slos[0].target',
        message: 'must be <= 100, got 1000',
      },
      'fleet.yaml:14 services[3].slos[0].target: must be <= 100, got 1000',
    ],
    [
      { code: 'E_SYNTAX', file: 'f.json', line: 2, column: 7, path: '', message: 'JSON syntax error: x' },
      'f.json:2:7: JSON syntax error: x',
    ],
    [{ code: 'E_SYNTAX', file: 'f.yaml', path: '', message: 'boom' }, 'f.yaml: boom'],
    [{ code: 'E_TOO_LARGE', file: '-', path: '', message: 'too big' }, '-: too big'],
    [{ code: 'E_SCHEMA', file: 'f', path: 'kind', message: 'is required' }, 'f kind: is required'],
  ] as const)('formatIssue(%j)', (issue, expected) => {
    expect(formatIssue(issue)).toBe(expected);
  });
});

describe('a cost section whose entries are not a list', () => {
  it('is reported, located, instead of throwing', () => {
    const text = lines(...HEAD, '  - name: a', '    team: t', '    cost: { entries: 5 }');
    expect(messages(text)).toEqual(['fleet.yaml:6 services[0].cost.entries: must be a list, got 5']);
  });
});
