import type { SloBudget } from './evaluate.js';

/** What `pt slo budget|status --fail-on` checks, least to most sensitive. */
export const SLO_FAIL_ON = ['exhausted', 'page'] as const;
export type SloFailOn = (typeof SLO_FAIL_ON)[number];

/**
 * The objectives a `--fail-on` check matches, in order: `exhausted`, those whose error budget is
 * exhausted over their window (status `exhausted`, as the verdict counts a breach); `page`, those
 * and the ones whose page alert fires (budget burning fast enough to wake someone). An objective
 * without data (`no_data`) matches neither.
 */
export function budgetsFailing(budgets: readonly SloBudget[], failOn: SloFailOn): SloBudget[] {
  return budgets.filter((b) => b.budget.status === 'exhausted' || (failOn === 'page' && b.alerts.page === 'firing'));
}
