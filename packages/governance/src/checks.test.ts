import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateGovernance, governanceStatus, runGovernanceChecks } from './checks.js';
import { GovernanceSchema, type GovernanceFlags } from './schema.js';

const all: Required<GovernanceFlags> = {
  runbook: true,
  monitoring: true,
  ownership: true,
  documentation: true,
  incidentResponse: true,
};

describe('runGovernanceChecks (the seed walkthrough, step 4)', () => {
  it('names the five checks in order, with the seed messages when they fail', () => {
    expect(runGovernanceChecks('payments', {})).toEqual([
      { name: 'runbook', passed: false, message: 'payments missing operational runbook' },
      { name: 'monitoring', passed: false, message: 'payments missing monitoring configuration' },
      { name: 'ownership', passed: false, message: 'payments has no designated owner' },
      { name: 'documentation', passed: false, message: 'payments lacks documentation' },
      { name: 'incident_response', passed: false, message: 'payments has no incident response plan' },
    ]);
  });

  it('leaves the message empty for a passed check', () => {
    expect(runGovernanceChecks('api-gateway', all).every((c) => c.passed && c.message === '')).toBe(true);
  });

  it('treats false and absent alike', () => {
    expect(runGovernanceChecks('x', { runbook: false })).toEqual(runGovernanceChecks('x', {}));
  });
});

describe('governance status', () => {
  it.each([
    ['all five pass', all, 'compliant', 0],
    [
      'documentation and incident response fail',
      { ...all, documentation: false, incidentResponse: false },
      'needs_review',
      2,
    ],
    ['one fails', { ...all, runbook: false }, 'needs_review', 1],
    ['three fail', { runbook: true, monitoring: true }, 'non_compliant', 3],
    ['four fail', { runbook: true }, 'non_compliant', 4],
    ['an empty section: five fail', {}, 'non_compliant', 5],
  ])('%s → %s', (_label, flags: GovernanceFlags, status, failed) => {
    const result = evaluateGovernance('svc', flags);
    expect(result.status).toBe(status);
    expect(result.failed).toHaveLength(failed);
    expect(result.checks).toHaveLength(5);
  });

  it('is needs_review with no section (no checks ran)', () => {
    expect(evaluateGovernance('svc', undefined)).toEqual({ checks: [], failed: [], status: 'needs_review' });
    expect(governanceStatus([])).toBe('needs_review');
  });

  it('never gets better when a passing check starts failing', () => {
    const rank = { compliant: 0, needs_review: 1, non_compliant: 2 } as const;
    const flagsArb = fc.record(
      {
        runbook: fc.boolean(),
        monitoring: fc.boolean(),
        ownership: fc.boolean(),
        documentation: fc.boolean(),
        incidentResponse: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    const key = fc.constantFrom<keyof GovernanceFlags>(
      'runbook',
      'monitoring',
      'ownership',
      'documentation',
      'incidentResponse',
    );
    fc.assert(
      fc.property(flagsArb, key, (flags, k) => {
        const before = evaluateGovernance('s', flags).status;
        const after = evaluateGovernance('s', { ...flags, [k]: false }).status;
        expect(rank[after]).toBeGreaterThanOrEqual(rank[before]);
      }),
    );
  });
});

describe('GovernanceSchema', () => {
  it.each([
    [{}, true],
    [all, true],
    [{ runbook: 'yes' }, false],
    [{ runbook: 1 }, false],
    [{ incident_response: true }, false],
    [{ owner: true }, false],
  ])('%j valid: %s', (input, valid) => {
    expect(GovernanceSchema.safeParse(input).success).toBe(valid);
  });
});
