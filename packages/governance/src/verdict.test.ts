import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORECARD, evaluateScorecard } from './scorecard.js';
import type { Scorecard } from './scorecard-schema.js';
import { describeGovernanceVerdict, governanceVerdict } from './verdict.js';

const facts = (failing: readonly string[]) => {
  const all = ['runbook', 'monitoring', 'ownership', 'documentation', 'incidentResponse'];
  return Object.fromEntries(all.map((f) => [f, !failing.includes(f)]));
};
const score = (
  failing: readonly string[],
  waivers: { rule: string; expires: string }[] = [],
  card: Scorecard = DEFAULT_SCORECARD,
) =>
  evaluateScorecard(
    card,
    { name: 'svc', team: 't', facts: facts(failing) },
    { waivers: waivers.map((w) => ({ ...w, service: 'svc', reason: 'r' })), at: '2026-11-28' },
  );

describe('governanceVerdict', () => {
  it.each([
    [[], 'compliant', 0],
    [['runbook'], 'needs_review', 1],
    [['runbook', 'monitoring'], 'needs_review', 1],
    [['runbook', 'monitoring', 'ownership'], 'non_compliant', 2],
  ] as const)('failing %j → %s, +%i', (failing, status, points) => {
    expect(governanceVerdict([score(failing)])).toMatchObject({ status, points });
  });

  it('no scorecard result: needs_review, 0 points, nothing to say', () => {
    const v = governanceVerdict([]);
    expect(v).toMatchObject({ status: 'needs_review', points: 0 });
    expect(describeGovernanceVerdict(v)).toBeNull();
  });

  it('waived rules are listed, never counted; an expired waiver counts as none and says so', () => {
    const waived = governanceVerdict([score(['documentation'], [{ rule: 'documentation', expires: '2026-11-28' }])]);
    expect(waived).toMatchObject({ status: 'compliant', points: 0 });
    expect(describeGovernanceVerdict(waived)).toBe('waived: documentation');
    const expired = governanceVerdict([score(['documentation'], [{ rule: 'documentation', expires: '2026-11-27' }])]);
    expect(expired).toMatchObject({ status: 'needs_review', points: 1 });
    expect(describeGovernanceVerdict(expired)).toBe(
      '1 governance check failed: svc lacks documentation; waiver for documentation expired 2026-11-27 (counted)',
    );
  });

  it('counts the failed, non-waived rules of every scorecard that applies', () => {
    const other: Scorecard = { ...DEFAULT_SCORECARD, name: 'prod' };
    const v = governanceVerdict([
      score(['runbook']),
      score(['monitoring', 'ownership'], [{ rule: 'ownership', expires: '2026-12-01' }], other),
    ]);
    expect(v).toMatchObject({ status: 'needs_review', points: 1 });
    expect(v.failed.map((r) => `${r.scorecard}/${r.rule}`)).toEqual(['default/runbook', 'prod/monitoring']);
    expect(describeGovernanceVerdict(v)).toBe(
      '2 governance checks failed: svc missing operational runbook; svc missing monitoring configuration; waived: prod/ownership',
    );
    expect(governanceVerdict([score(['runbook']), score(['monitoring', 'ownership'], [], other)])).toMatchObject({
      status: 'non_compliant',
      points: 2,
    });
  });
});
