import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORECARD, parseScorecard, type GovernanceOptions, type Scorecard } from '@pt/governance';
import { DEMO_FLEET } from '../demo.js';
import { fleetArb } from '../fleet/arbitraries.fixture.js';
import { parseFleet } from '../fleet/parse.js';
import type { Fleet } from '../fleet/schema.js';
import { reportFromFleetSource } from '../report/stream.js';
import type { Report } from '../report/schema.js';
import { PlatformToolkit } from '../toolkit.js';
import { renderMarkdown } from './markdown.js';
import { StreamedTextReport, memorySpool, servicePieces, type TextRenderOptions } from './stream-text.js';
import { renderTable } from './table.js';

const spools = () => ({
  why: memorySpool(),
  slo: memorySpool(),
  cards: memorySpool(),
  dora: memorySpool(),
  rules: memorySpool(),
});

async function text(chunks: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let out = '';
  for await (const chunk of chunks) out += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return out + decoder.decode();
}

/** The report's services given to the streamed renderer in batches of `batch`. */
async function streamedText(report: Report, options: TextRenderOptions, batch: number): Promise<string> {
  const streamed = new StreamedTextReport(options, spools());
  for (let i = 0; i < report.services.length; i += batch) {
    await streamed.add(report.services.slice(i, i + batch).map((s) => servicePieces(s, options)));
  }
  return text(streamed.render(report.summary, report.services.length));
}

const whole = (report: Report, options: TextRenderOptions) =>
  options.format === 'markdown' ? renderMarkdown(report, options) : renderTable(report, options);

const card = (name: string, appliesTo: string, rules: string): Scorecard => {
  const parsed = parseScorecard(
    `apiVersion: pt/v1\nkind: Scorecard\nname: ${name}\n${appliesTo}levels: [bronze, silver]\nrules:\n${rules}`,
    `${name}.yaml`,
  );
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
  return parsed.scorecard;
};
const TIERED = card(
  'tiered',
  'appliesTo: { tier: [1, 2] }\n',
  '  - { id: owned, title: Owned, level: bronze, condition: { fact: ownership, equals: true } }\n' +
    '  - { id: run.book, title: Runbook, level: silver, condition: { fact: runbook, equals: true } }\n',
);
/** Two levels with one initial, so the table spells levels out. */
const SAME_INITIAL = {
  ...DEFAULT_SCORECARD,
  name: 'same initial',
  levels: ['gold', 'gilded'],
  rules: DEFAULT_SCORECARD.rules.map((r, i) => ({ ...r, level: i < 2 ? 'gold' : 'gilded' })),
};

const GOVERNANCE: readonly GovernanceOptions[] = [
  {},
  { scorecards: [DEFAULT_SCORECARD], at: '2026-06-01' },
  { scorecards: [DEFAULT_SCORECARD, TIERED], at: '2026-06-01' },
  { scorecards: [SAME_INITIAL], at: '2026-06-01' },
];

const OPTIONS: readonly TextRenderOptions[] = [
  { format: 'table' },
  { format: 'table', color: true, width: 120 },
  { format: 'table', width: 60, topRisks: 0 },
  { format: 'markdown' },
  { format: 'markdown', topRisks: 2 },
];

function reportOf(fleet: Fleet, governance: GovernanceOptions, team?: string): Report {
  return PlatformToolkit.fromFleet(fleet, governance).report(team === undefined ? {} : { team });
}

const example = (): Fleet => {
  const parsed = parseFleet(readFileSync(new URL('../../../../examples/fleet.yaml', import.meta.url), 'utf8'), {
    filename: 'fleet.yaml',
  });
  if (!parsed.ok) throw new Error('examples/fleet.yaml must be valid');
  return parsed.fleet;
};

/** Names a terminal or Markdown could take for something else. */
const HOSTILE: Fleet = {
  apiVersion: 'pt/v1',
  kind: 'Fleet',
  services: [
    { name: 'a-very-long-service-name-that-will-not-fit-in-eighty-columns-at-all', team: 'x|y *z*' },
    { name: 'pipe', team: 'tab\tteam ', tier: 1, governance: { ownership: false } },
    { name: 'esc', team: 'esc\u001b[31mred', cost: { budgetMonthly: 1, entries: [{ month: '2026-05', amount: 9 }] } },
    { name: 'rtl', team: '\u202eevil', slos: [{ name: 'avail|ity', target: 99.9, current: 90 }] },
    {
      name: 'zw',
      team: 'x|y *z*',
      reliability: { uptimePct: 95, incidents30d: 9, mttrMinutes: 600, changeFailureRatePct: 40 },
    },
  ],
};

describe('StreamedTextReport', () => {
  it('gives renderTable and renderMarkdown byte for byte: examples, demo, hostile names, every option', async () => {
    for (const fleet of [example(), DEMO_FLEET, HOSTILE]) {
      for (const governance of GOVERNANCE) {
        const report = reportOf(fleet, governance);
        for (const options of OPTIONS) {
          for (const batch of [1, 3, 64]) {
            expect(await streamedText(report, options, batch)).toBe(whole(report, options));
          }
        }
      }
    }
  });

  it('gives the whole renderers’ text for any fleet, team filter and batch size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fleetArb,
        fc.constantFrom(...GOVERNANCE),
        fc.constantFrom(...OPTIONS),
        fc.constantFrom(undefined, 'platform', 'payments', 'nobody'),
        fc.integer({ min: 1, max: 5 }),
        async (fleet, governance, options, team, batch) => {
          const report = reportOf(fleet, governance, team);
          expect(await streamedText(report, options, batch)).toBe(whole(report, options));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is what reportFromFleetSource gives with `render`: the pieces of the services it reads', async () => {
    const fleet = example();
    const json = new TextEncoder().encode(JSON.stringify(fleet));
    for (const options of OPTIONS) {
      const streamed = new StreamedTextReport(options, spools());
      const r = await reportFromFleetSource(
        { format: 'json', chunks: [json.subarray(0, 100), json.subarray(100)] },
        { render: options, write: () => expect.unreachable('no JSON with render'), pieces: (p) => streamed.add(p) },
      );
      if (!r.ok) throw new Error(r.reason);
      const report = reportOf(fleet, {});
      expect(await text(streamed.render(r.summary, r.count))).toBe(whole(report, options));
    }
  });
});
