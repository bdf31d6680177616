/**
 * Fuzzing every input parser: arbitrary JSON- and YAML-shaped documents, raw strings and mutated
 * valid files go to each one, which must return a result or located problems — never throw (the
 * FOCUS aggregator's one documented throw is a located `FocusDataError`). A bounded number of cases
 * runs in CI; `FUZZ_RUNS` raises it locally.
 */
import { readFileSync } from 'node:fs';
import { FocusAggregator, FocusDataError, defaultCostConfig } from '@pt/cost';
import { parseCatalog, parseScorecard } from '@pt/governance';
import { parseEvents } from '@pt/reliability';
import { loadOpenSlo, parseSliData } from '@pt/slo/openslo';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseCostConfig } from '@pt/cost';
import { mutatedText } from './fleet/arbitraries.fixture.js';
import { parseFleet } from './fleet/parse.js';
import { parseReport } from './report/parse.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 150);
const example = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** JSON values with the keys parsers care about mixed in, and hostile ones (`__proto__`, `constructor`). */
const KEYS = fc.constantFrom(
  'apiVersion', 'kind', 'services', 'name', 'team', 'slos', 'target', 'current', 'cost', 'entries', 'month',
  'amount', 'reliability', 'governance', 'metadata', 'spec', 'rules', 'levels', 'waivers', 'type', 'service',
  'time', 'status', '__proto__', 'constructor', 'prototype', 'x',
); // prettier-ignore
const VALUE = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, -0, 1e308, -1, 99.9, 'pt/v1', 'Fleet', 'openslo/v1', 'SLO', 'NaN', ''),
    fc.string({ maxLength: 20 }),
    fc.double(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(KEYS, fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** Deletes, duplicates or replaces a slice of a valid file. */
const mutated = (text: string) => mutatedText(text, { maxLength: 40, insert: fc.string({ maxLength: 12 }) });

function texts(valid: string) {
  return fc.oneof(
    VALUE.map((v) => JSON.stringify(v) ?? 'null'),
    VALUE.map((v) => dump(v, { skipInvalid: true })),
    fc.string({ maxLength: 200, unit: 'binary' }),
    mutated(valid),
  );
}

/** Every problem a parser reports is a located, readable message. */
function expectLocated(issues: readonly { message: string; file?: string }[]): void {
  for (const issue of issues) {
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

const FLEET = example('examples/fleet.yaml');
const SCORECARD = example('examples/scorecard.yaml');

describe('fuzz: every parser returns a result or located problems, never throws', { timeout: 300_000 }, () => {
  it('fleet files (YAML and JSON)', () => {
    fc.assert(
      fc.property(texts(FLEET), fc.constantFrom('f.yaml', 'f.json'), (text, filename) => {
        const result = parseFleet(text, { filename });
        if (!result.ok) expectLocated(result.issues);
        else expect(Array.isArray(result.fleet.services)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('JSON reports (pt diff)', () => {
    fc.assert(
      fc.property(texts('{"schemaVersion":1,"summary":{},"services":[]}'), (text) => {
        const result = parseReport(text, { filename: 'r.json' });
        if (!result.ok) expectLocated(result.issues);
      }),
      { numRuns: RUNS },
    );
  });

  it('scorecards and Backstage catalogs', () => {
    fc.assert(
      fc.property(texts(SCORECARD), (text) => {
        const scorecard = parseScorecard(text, 'sc.yaml');
        if (!scorecard.ok) expectLocated(scorecard.issues);
        expectLocated(parseCatalog(text, 'catalog-info.yaml').issues);
      }),
      { numRuns: RUNS },
    );
  });

  it('OpenSLO files and SLI data', () => {
    const slo = example('examples/slo/api-gateway.yaml');
    fc.assert(
      fc.property(texts(slo), (text) => {
        const loaded = loadOpenSlo([{ name: 'slo.yaml', text }]);
        expectLocated(loaded.ok ? loaded.warnings : loaded.issues);
        const data = parseSliData(text, { filename: 'sli.csv' });
        if (!data.ok) expectLocated(data.issues);
      }),
      { numRuns: RUNS },
    );
  });

  it('delivery and incident events (JSON Lines and CSV)', () => {
    const events = example('examples/events/events.jsonl');
    fc.assert(
      fc.property(texts(events), fc.constantFrom('jsonl' as const, 'csv' as const), (text, format) => {
        const parsed = parseEvents(text, { format, filename: `e.${format}` });
        if (!parsed.ok) expectLocated(parsed.issues);
      }),
      { numRuns: RUNS },
    );
  });

  it('cost configuration and FOCUS CSV (only a located FocusDataError may be thrown)', () => {
    const focus = example('packages/cost/test/fixtures/focus/focus_sample.csv').slice(0, 4000);
    fc.assert(
      fc.property(texts(focus), fc.constantFrom('error' as const, 'skip' as const), (text, onBadRow) => {
        const config = parseCostConfig(text, 'cost.yaml');
        if (!config.ok) expectLocated(config.issues);
        const aggregator = new FocusAggregator({
          metric: 'BilledCost',
          onBadRow,
          allocation: defaultCostConfig().allocation,
        });
        try {
          aggregator.write(text);
          const cube = aggregator.end();
          expect(cube.stats.rows).toBeGreaterThanOrEqual(cube.stats.skippedRows);
        } catch (error) {
          expect(error).toBeInstanceOf(FocusDataError);
          for (const issue of (error as FocusDataError).issues) expect(issue.line).toBeGreaterThan(0);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
