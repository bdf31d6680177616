import { describe, expect, it } from 'vitest';
import { scorecardDetailRows, SCORECARD_DETAIL_TITLES } from './report-rows.js';
import { DEFAULT_SCORECARD, evaluateScorecard } from './scorecard.js';
import { toServiceScorecard } from './service.js';

const ALL = ['runbook', 'monitoring', 'ownership', 'documentation', 'incidentResponse'];
/** A service scored on the default scorecard at 2026-11-28, failing `failing`, with these waivers. */
const scored = (name: string, failing: readonly string[], waivers: { rule: string; expires: string }[] = []) => ({
  name,
  scorecard: toServiceScorecard(
    evaluateScorecard(
      DEFAULT_SCORECARD,
      { name, team: 't', facts: Object.fromEntries(ALL.map((f) => [f, !failing.includes(f)])) },
      { waivers: waivers.map((w) => ({ ...w, service: name, reason: 'r' })), at: '2026-11-28' },
    ),
  ),
});

describe('scorecardDetailRows', () => {
  it.each([
    ['passes every rule: no row', scored('a', []), []],
    ['not scored: no row', { name: 'b' }, []],
    [
      'failed rules count',
      scored('c', ['runbook', 'documentation']),
      [['c', 'default', '-', '60', 'runbook, documentation', '-']],
    ],
    [
      'a waived rule is listed apart, never as failed',
      scored('d', ['documentation'], [{ rule: 'documentation', expires: '2027-01-31' }]),
      [['d', 'default', 'gold', '100', '-', 'documentation']],
    ],
    [
      'an expired waiver counts as none and says so',
      scored('e', ['documentation'], [{ rule: 'documentation', expires: '2026-11-01' }]),
      [['e', 'default', 'bronze', '80', 'documentation (waiver expired 2026-11-01)', '-']],
    ],
  ])('%s', (_, service, expected) => {
    expect(scorecardDetailRows([service])).toEqual(expected);
  });

  it('has a title for every column', () => {
    const [row] = scorecardDetailRows([scored('c', ['runbook'])]);
    expect(row).toHaveLength(SCORECARD_DETAIL_TITLES.length);
  });
});
