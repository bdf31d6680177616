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
