import { describe, expect, it } from 'vitest';
import { budgetsFailing, SLO_FAIL_ON } from './fail-on.js';
import type { SloBudget } from './evaluate.js';

/** Only the fields the check reads; the rest of a budget does not decide it. */
const budget = (slo: string, status: 'ok' | 'exhausted' | 'no_data', page: 'ok' | 'firing' | 'insufficient_data') =>
  ({ slo, budget: { status }, alerts: { page } }) as unknown as SloBudget;

const BUDGETS = [
  budget('fine', 'ok', 'ok'),
  budget('paging', 'ok', 'firing'),
  budget('spent', 'exhausted', 'ok'),
  budget('spent-paging', 'exhausted', 'firing'),
  budget('empty', 'no_data', 'insufficient_data'),
];

describe('budgetsFailing', () => {
  it.each([
    ['exhausted', ['spent', 'spent-paging']],
    ['page', ['paging', 'spent', 'spent-paging']],
  ] as const)('--fail-on %s matches %j', (failOn, expected) => {
    expect(budgetsFailing(BUDGETS, failOn).map((b) => b.slo)).toEqual(expected);
  });

  it('page matches everything exhausted matches (it is the more sensitive check)', () => {
    const [exhausted, page] = SLO_FAIL_ON.map((f) => new Set(budgetsFailing(BUDGETS, f)));
    for (const b of exhausted ?? []) expect(page?.has(b)).toBe(true);
  });

  it('no budgets, nothing matched', () => {
    expect(budgetsFailing([], 'page')).toEqual([]);
  });
});
