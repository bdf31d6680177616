import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Lexer, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { DEMO_FLEET } from '../demo.js';
import { parseFleet } from '../fleet/parse.js';
import type { Fleet, ServiceSpec } from '../fleet/schema.js';
import { buildReport } from '../report/build.js';
import type { Report } from '../report/schema.js';
import { PlatformToolkit } from '../toolkit.js';
import { renderJson } from './json.js';
import { escapeMarkdown, renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';

const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');

function exampleReport(): Report {
  const text = readFileSync(new URL('../../../../examples/fleet.yaml', import.meta.url), 'utf8');
  const result = parseFleet(text, { filename: 'fleet.yaml' });
  if (!result.ok) return expect.unreachable('examples/fleet.yaml must be valid');
  return PlatformToolkit.fromFleet(result.fleet).report();
}

const reportOf = (...services: ServiceSpec[]): Report => {
  const fleet: Fleet = { apiVersion: 'pt/v1', kind: 'Fleet', services };
  return PlatformToolkit.fromFleet(fleet).report();
};

const demoReport = () => PlatformToolkit.fromFleet(DEMO_FLEET).report();

/** Cells of a Markdown table row, honouring backslash escapes (`\|` does not split a cell). */
function markdownCells(row: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i++) {
    const ch = row.charAt(i);
    if (ch === '\\') {
      cell += ch + row.charAt(i + 1);
      i++;
    } else if (ch === '|') {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  // `| a | b |` splits into ['', ' a ', ' b ', '']: drop the outer two.
  return cells.slice(1, -1);
}

/** The tables of a Markdown text: runs of lines starting with `|`. */
function markdownTables(markdown: string): string[][] {
  const tables: string[][] = [];
  let current: string[] | null = null;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) {
      if (current === null) {
        current = [];
        tables.push(current);
      }
      current.push(line);
    } else {
      current = null;
    }
  }
  return tables;
}

/** Characters `ch` in `text` that no backslash escapes. */
function unescaped(text: string, ch: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charAt(i) === '\\') i++;
    else if (text.charAt(i) === ch) count++;
  }
  return count;
}

function expectWellFormedTables(markdown: string): void {
  const tables = markdownTables(markdown);
  expect(tables.length).toBeGreaterThan(0);
  for (const [header = '', separator = '', ...rows] of tables) {
    const width = markdownCells(header).length;
    expect(markdownCells(separator)).toHaveLength(width);
    for (const cell of markdownCells(separator)) expect(cell.trim()).toMatch(/^-{3}:?$/);
    for (const row of rows) {
      expect(row.endsWith(' |')).toBe(true);
      expect(markdownCells(row)).toHaveLength(width);
    }
  }
}

describe('renderJson', () => {
  it.each([
    ['the demo', demoReport()],
    ['the example fleet', exampleReport()],
    ['an empty fleet', buildReport([])],
  ])('is JSON.stringify(report, null, 2) plus a newline (%s)', (_label, report) => {
    const json = renderJson(report);
    expect(json).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(JSON.parse(json)).toEqual(report);
  });
});

describe('renderTable', () => {
  it('has no ANSI escapes and no line over 80 columns without colour (examples/fleet.yaml)', () => {
    const table = renderTable(exampleReport(), { color: false });
    expect(table).not.toContain(ESC);
    const long = table.split('\n').filter((line) => line.length > 80);
    expect(long).toEqual([]);
    expect(table.endsWith('\n')).toBe(true);
    expect(table.split('\n').filter((line) => /[ \t]$/.test(line))).toEqual([]);
  });

  it('has no colour by default', () => {
    expect(renderTable(exampleReport())).toBe(renderTable(exampleReport(), { color: false }));
  });

  it('uses ANSI colours when asked, with the same text underneath', () => {
    const report = exampleReport();
    const colored = renderTable(report, { color: true });
    expect(colored).toContain(`${ESC}[`);
    expect(colored.replace(ANSI, '')).toBe(renderTable(report, { color: false }));
  });

  it('shows every service once, grouped under its team in order of first appearance', () => {
    const lines = renderTable(exampleReport()).split('\n');
    const teamRows = lines.filter((line) => /^(platform|payments|storefront)$/.test(line.trim()));
    expect(teamRows.map((line) => line.trim())).toEqual(['platform', 'payments', 'storefront']);
    const serviceRow = (name: string) => lines.findIndex((line) => line.startsWith(`  ${name} `));
    const order = [
      'api-gateway',
      'auth',
      'search-indexer',
      'payments',
      'ledger',
      'checkout',
      'notifications',
      'legacy-batch',
    ];
    const rows = order.map(serviceRow);
    expect(rows.every((i) => i > 0)).toBe(true);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
  });

  it('summarises the fleet and explains every service with a reason', () => {
    const table = renderTable(demoReport());
    expect(table).toContain('Fleet health: 2 services');
    expect(table).toContain('1 healthy · 0 degraded · 1 critical · 0 unknown');
    expect(table).toContain('SLO breaches 1 · over budget 1 · governance compliant 1');
    expect(table).toContain('monthly cost 8,000.00 · avg reliability score 72.5');
    const why = table.slice(table.indexOf('\nWhy\n'));
    expect(why).toContain('  payments: critical, 5 points');
    expect(why).not.toContain('api-gateway');
    expect(why).toMatch(/\+2 slo {9}SLO not met: availability \(99\.8% < 99\.99%\)/);
  });

  it('says so for an empty fleet', () => {
    expect(renderTable(buildReport([]))).toBe(
      [
        'Fleet health: 0 services',
        '  0 healthy · 0 degraded · 0 critical · 0 unknown',
        '  SLO breaches 0 · over budget 0 · governance compliant 0',
        '  monthly cost 0.00 · avg reliability score 0',
        '',
        'No services.',
        '',
      ].join('\n'),
    );
  });

  it('shortens a long service name to fit the table in 80 columns', () => {
    const name = `x${'-long'.repeat(12)}`; // 61 characters
    const table = renderTable(
      reportOf({ name, team: 't', cost: { entries: [{ month: '2024-01', amount: 1_234_567.89 }] } }),
    );
    const rows = table.split('\n').filter((line) => line.startsWith('  x-long'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('…');
    expect(rows[0]?.length).toBeLessThanOrEqual(80);
    expect(rows[0]).toContain('1,234,567.89');
  });

  it('uses a wider table when given the width', () => {
    const name = `x${'-long'.repeat(12)}`;
    const report = reportOf({ name, team: 't', governance: {} });
    const wide = renderTable(report, { width: 200 });
    expect(wide).toContain(`  ${name} `);
    // The width never goes below 60 columns.
    expect(renderTable(report, { width: 10 })).toBe(renderTable(report, { width: 60 }));
  });

  it('wraps long reasons within the width', () => {
    const table = renderTable(reportOf({ name: 'svc', team: 't', governance: {} }), { color: false });
    const lines = table.split('\n');
    const start = lines.findIndex((line) => line.includes('+2 governance'));
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start).every((line) => line.length <= 80)).toBe(true);
    expect(lines.slice(start).join(' ').replace(/\s+/g, ' ')).toContain(
      `5 governance checks failed: svc missing operational runbook; svc missing monitoring configuration; svc has no designated owner; svc lacks documentation; svc has no incident response plan`,
    );
  });
});

describe('renderMarkdown', () => {
  it('escapes |, < and > from input', () => {
    const markdown = renderMarkdown(
      reportOf({
        name: 'svc',
        team: 'a|b<script>',
        slos: [{ name: 'p|99 <b>', target: 99, current: 98 }],
      }),
    );
    expect(markdown).toContain('| svc | a\\|b\\<script\\> |');
    expect(markdown).not.toContain('<script>');
    expect(markdown).not.toContain('<b>');
    expect(markdown).toContain('p\\|99 \\<b\\>');
    expect(unescaped(markdown, '<')).toBe(0);
    expect(unescaped(markdown, '>')).toBe(0);
    expectWellFormedTables(markdown);
  });

  it.each([
    ['a pipe', 'a|b', 'a\\|b'],
    ['angle brackets', '<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['a backslash before a pipe', 'a\\|b', 'a\\\\\\|b'],
    ['a line break', 'a\nb\r\nc\rd', 'a b c d'],
    ['emphasis and code', '*x* _y_ `z`', '\\*x\\* \\_y\\_ \\`z\\`'],
    ['a link', '[x](y)', '\\[x\\](y)'],
    ['an entity', '&lt;', '\\&lt;'],
    ['plain text', 'platform-team 2', 'platform-team 2'],
  ])('escapeMarkdown: %s', (_label, input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  /** The tables a real Markdown parser (marked, GitHub-flavoured) finds, with their header and rows as text. */
  function parsedTables(markdown: string): { header: string[]; rows: string[][] }[] {
    return new Lexer({ gfm: true })
      .lex(markdown)
      .filter((t): t is Tokens.Table => t.type === 'table')
      .map((t) => ({ header: t.header.map((c) => c.text), rows: t.rows.map((r) => r.map((c) => c.text)) }));
  }

  it('gives every table row as many cells as its header (examples/fleet.yaml)', () => {
    const markdown = renderMarkdown(exampleReport());
    const tables = markdownTables(markdown);
    expect(tables.map((t) => t.length)).toEqual([3, 2 + 3, 2 + 2, 2 + 3, 2 + 2]); // summary, one table per team, scorecard rules
    expect(markdownCells(tables[0]?.[0] ?? '')).toHaveLength(10);
    expect(markdownCells(tables[1]?.[0] ?? '')).toHaveLength(10); // with Level and Governance score
    expectWellFormedTables(markdown);
  });

  it('parses as GitHub Markdown: summary, top risks, a section and a table per team', () => {
    const markdown = renderMarkdown(exampleReport());
    const tables = parsedTables(markdown);
    expect(tables.map((t) => [t.header.length, t.rows.length])).toEqual([
      [10, 1],
      [10, 3],
      [10, 2],
      [10, 3],
      [6, 2], // scorecard rules: the two services that fail a rule
    ]);
    for (const t of tables) for (const r of t.rows) expect(r).toHaveLength(t.header.length);
    expect(tables.slice(1, 4).map((t) => t.rows.map((r) => r[1]))).toEqual([
      ['platform', 'platform', 'platform'],
      ['payments', 'payments'],
      ['storefront', 'storefront', 'storefront'],
    ]);
    const tokens = new Lexer({ gfm: true }).lex(markdown);
    const headings = tokens.filter((t): t is Tokens.Heading => t.type === 'heading').map((t) => [t.depth, t.text]);
    expect(headings.slice(0, 6)).toEqual([
      [1, 'Fleet health report'],
      [2, 'Top risks'],
      [2, 'Services by team'],
      [3, 'platform'],
      [3, 'payments'],
      [3, 'storefront'],
    ]);
    const risks = tokens.find((t): t is Tokens.List => t.type === 'list');
    expect(risks?.ordered).toBe(true);
    expect(risks?.items.map((i) => i.text.split(' ')[0])).toEqual([
      '**checkout**',
      '**payments**',
      '**notifications**',
      '**ledger**',
      '**legacy-batch**',
    ]);
  });

  it('says so for an empty fleet, with the summary table only', () => {
    const markdown = renderMarkdown(buildReport([]));
    expect(markdown).toContain('\nNo services.\n');
    expect(markdownTables(markdown)).toHaveLength(1);
    expectWellFormedTables(markdown);
  });

  it('keeps tables well formed and input escaped whatever the team and SLO names', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ minLength: 1, unit: 'binary' }), fc.string({ minLength: 1, unit: 'binary' })), {
          minLength: 1,
          maxLength: 4,
        }),
        (names) => {
          const report = reportOf(
            ...names.map(([team, slo], i) => ({
              name: `s${i}`,
              team,
              slos: [{ name: slo, target: 99, current: 50 }],
            })),
          );
          const markdown = renderMarkdown(report);
          expectWellFormedTables(markdown);
          const teamTables = parsedTables(markdown).slice(1);
          expect(teamTables).toHaveLength(new Set(names.map(([team]) => team)).size);
          expect(teamTables.reduce((n, t) => n + t.rows.length, 0)).toBe(names.length);
          for (const t of teamTables) for (const r of t.rows) expect(r).toHaveLength(t.header.length);
          expect(unescaped(markdown, '<')).toBe(0);
          expect(unescaped(markdown, '>')).toBe(0);
        },
      ),
    );
  });
});

describe('scorecard rules in table and Markdown', () => {
  const flags = { runbook: true, monitoring: true, ownership: true, documentation: false, incidentResponse: true };
  const fleet: Fleet = {
    apiVersion: 'pt/v1',
    kind: 'Fleet',
    waivers: [
      { rule: 'documentation', service: 'docs-waived', reason: 'wiki', expires: '2027-01-31' },
      { rule: 'documentation', service: 'docs-expired', reason: 'old', expires: '2026-11-01' },
    ],
    services: [
      { name: 'docs-waived', team: 't', governance: flags },
      { name: 'docs-expired', team: 't', governance: flags },
      { name: 'all-good', team: 't', governance: { ...flags, documentation: true } },
    ],
  };
  const report = PlatformToolkit.fromFleet(fleet, { at: '2026-11-28' }).report();

  it('table: a line per service with a rule failed or waived, the waived one listed apart', () => {
    const table = renderTable(report);
    const section = table.slice(table.indexOf('Scorecard rules'));
    expect(section.split('\n').slice(0, 5)).toEqual([
      'Scorecard rules (failed ones count, waived ones never)',
      '  docs-waived (default): gold, score 100',
      '    waived  documentation',
      '  docs-expired (default): bronze, score 80',
      '    failed  documentation (waiver expired 2026-11-01)',
    ]);
    expect(section).not.toContain('all-good');
  });

  it('Markdown: a table with the same rows', () => {
    const tables = new Lexer({ gfm: true })
      .lex(renderMarkdown(report))
      .filter((t): t is Tokens.Table => t.type === 'table')
      .map((t) => ({ header: t.header.map((c) => c.text), rows: t.rows.map((r) => r.map((c) => c.text)) }));
    const rules = tables[tables.length - 1];
    expect(rules?.header).toEqual(['Service', 'Scorecard', 'Level', 'Score', 'Failed', 'Waived']);
    expect(rules?.rows).toEqual([
      ['docs-waived', 'default', 'gold', '100', '-', 'documentation'],
      ['docs-expired', 'default', 'bronze', '80', 'documentation (waiver expired 2026-11-01)', '-'],
    ]);
  });
});

describe('snapshots of examples/fleet.yaml', () => {
  it('table', async () => {
    await expect(renderTable(exampleReport(), { color: false })).toMatchFileSnapshot('./__snapshots__/fleet.table.txt');
  });

  it('markdown', async () => {
    await expect(renderMarkdown(exampleReport())).toMatchFileSnapshot('./__snapshots__/fleet.md');
  });

  it('json', async () => {
    await expect(renderJson(exampleReport())).toMatchFileSnapshot('./__snapshots__/fleet.report.json');
  });
});

describe('terminal safety', () => {
  it('neutralises control characters from input in the table', () => {
    const toolkit = new PlatformToolkit();
    toolkit.register({
      name: 'svc',
      team: 'evil\u001b[2J\rteam',
      slos: [{ name: 'x\u001b[31my', target: 99, current: 90 }],
    });
    const table = renderTable(toolkit.report(), { color: false });
    expect(table).not.toContain('\u001b');
    expect(table).not.toContain('\r');
    expect(table).toContain('evil\\u001b[2J\\u000dteam');
    expect(table).toContain('x\\u001b[31my');
  });

  it('keeps the reasons header within the width for the longest service name', () => {
    const toolkit = new PlatformToolkit();
    toolkit.register({ name: 'a'.repeat(63), team: 't', slos: [{ name: 's', target: 99, current: 90 }] });
    const lines = renderTable(toolkit.report(), { color: false }).split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
  });
});
