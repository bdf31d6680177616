import type { Slo } from '../schema.js';
import { summarizeSlos, type SloEvaluation } from '../slo.js';
import type { SloDetail } from './schema.js';

/**
 * What a service's SLOs say for its health verdict: its fleet-file SLOs and every OpenSLO
 * objective evaluated for it (`sloDetails`).
 *
 * - A fleet SLO is met when `current >= target`; an objective is not met when its error budget
 *   is exhausted over its window (status `exhausted`). Both count in `total`; met ones in `met`.
 * - An objective without data (`no_data`) counts in neither and is listed in `noData`.
 * - `paging`: objectives not exhausted whose page alert fires; `ticketing`: objectives neither
 *   exhausted nor paging whose ticket alert fires.
 */
export interface SloEvidence {
  readonly total: number;
  readonly met: number;
  /** Fleet-file SLOs below target, in file order. */
  readonly breached: readonly SloEvaluation[];
  /** OpenSLO objectives whose budget is exhausted, in report order. */
  readonly exhausted: readonly SloDetail[];
  readonly paging: readonly SloDetail[];
  readonly ticketing: readonly SloDetail[];
  readonly noData: readonly SloDetail[];
}

/** Sums up a service's SLO evidence (see {@link SloEvidence}). With no details, the fleet SLOs alone. */
export function sloEvidence(slos: readonly Slo[], details: readonly SloDetail[] = []): SloEvidence {
  const fleet = summarizeSlos(slos);
  const exhausted = details.filter((d) => d.status === 'exhausted');
  const measured = details.filter((d) => d.status !== 'no_data');
  const live = measured.filter((d) => d.status === 'ok');
  const paging = live.filter((d) => d.page === 'firing');
  return {
    total: fleet.total + measured.length,
    met: fleet.met + live.length,
    breached: fleet.breached,
    exhausted,
    paging,
    ticketing: live.filter((d) => d.page !== 'firing' && d.ticket === 'firing'),
    noData: details.filter((d) => d.status === 'no_data'),
  };
}

/** Is any SLO of this evidence not met (a fleet SLO below target or an exhausted budget)? */
export function breachesSlo(evidence: SloEvidence): boolean {
  return evidence.breached.length > 0 || evidence.exhausted.length > 0;
}

const from = (d: SloDetail) => (d.source === undefined ? '' : ` from ${d.source}`);
const sli = (d: SloDetail) => (d.sli === null ? 'no SLI' : `SLI ${d.sli}%`);

/**
 * The SLOs not met, named for a reason: `availability (99.7% < 99.9%)` for a fleet SLO,
 * `checkout-success (SLI 97.1% < 98% from checkout.json, budget -156.6% left)` for an objective.
 */
export function describeSloBreaches(evidence: SloEvidence): string {
  const fleet = evidence.breached.map((b) => `${b.name} (${b.current}% < ${b.target}%)`);
  const objectives = evidence.exhausted.map(
    (d) => `${d.slo} (${sli(d)} < ${d.target}%${from(d)}, budget ${noNegativeZero(d.budgetRemainingPct)}% left)`,
  );
  return [...fleet, ...objectives].join(', ');
}

/** `error budget burning 14.4× too fast: checkout-latency from Prometheus`, one entry per paging objective. */
export function describeSloPages(paging: readonly SloDetail[]): string {
  return paging
    .map((d) => `error budget burning ${d.pageBurnFactor ?? '?'}× too fast: ${d.slo}${from(d)} (page alert firing)`)
    .join('; ');
}

/** `ticket alert firing: checkout-latency from latency.csv (burn 1.2×)`. */
export function describeSloTickets(ticketing: readonly SloDetail[]): string {
  const burn = (d: SloDetail) => (d.burnRate === null ? '' : ` (burn ${d.burnRate}×)`);
  return ticketing.map((d) => `${d.slo}${from(d)}${burn(d)}`).join(', ');
}

/** `0` for `-0`, so that no figure prints as `-0`. */
export function noNegativeZero(n: number): number {
  return Object.is(n, -0) ? 0 : n;
}
