import type { SloDetail } from './schema.js';

/** Rows of the SLO section: service, SLO, target, SLI, budget left, burn rates, time to exhaustion, alerts. */
export function sloDetailRows(
  services: readonly { name: string; sloDetails?: readonly SloDetail[] | undefined }[],
): string[][] {
  const rows: string[][] = [];
  for (const s of services) {
    for (const d of s.sloDetails ?? []) {
      rows.push([
        s.name,
        d.slo,
        `${d.target}%`,
        d.sli === null ? '-' : `${d.sli}%`,
        `${d.budgetRemainingPct}%`,
        d.burnRate === null ? '-' : `${d.burnRate}x`,
        d.currentBurnRate === null ? '-' : `${d.currentBurnRate}x`,
        d.timeToExhaustion ?? (d.status === 'no_data' ? '-' : 'never'),
        d.page === 'firing'
          ? 'PAGE'
          : d.ticket === 'firing'
            ? 'ticket'
            : d.page === 'insufficient_data'
              ? 'no data'
              : 'ok',
      ]);
    }
  }
  return rows;
}

/** Column titles of {@link sloDetailRows}. */
export const SLO_DETAIL_HEAD = [
  'SERVICE',
  'SLO',
  'TARGET',
  'SLI',
  'BUDGET LEFT',
  'BURN',
  'BURN 1H',
  'EXHAUSTED IN',
  'ALERT',
];

/** Column titles of {@link sloDetailRows} as words, for Markdown and HTML headers ("SLO", not "Slo"). */
export const SLO_DETAIL_TITLES = [
  'Service',
  'SLO',
  'Target',
  'SLI',
  'Budget left',
  'Burn',
  'Burn 1h',
  'Exhausted in',
  'Alert',
];

/**
 * The HTML the fleet report shows under a service: one bar per SLO evaluated from SLI data, the
 * share of its error budget left; empty without details. `escape` makes input text safe for HTML
 * (the page's own escaping, so that one function escapes the whole page).
 */
export function sloBudgetBarsHtml(details: readonly SloDetail[], escape: (text: string) => string): string {
  if (details.length === 0) return '';
  const items = details.map((d) => {
    const left = Math.max(0, Math.min(100, d.budgetRemainingPct));
    const burn = d.burnRate === null ? 'no data' : `burn ${d.burnRate}×`;
    const exhaustion = d.timeToExhaustion === null ? '' : `, exhausted in ${escape(d.timeToExhaustion)}`;
    return `<li>${escape(d.slo)} (${d.target}%): <meter min="0" max="100" low="25" high="50" optimum="100" value="${left}" aria-label="${escape(d.slo)} error budget left">${left}%</meter> ${d.budgetRemainingPct}% budget left, ${burn}${exhaustion}</li>`;
  });
  return `<p>Error budgets:</p><ul class="budgets">${items.join('')}</ul>`;
}
