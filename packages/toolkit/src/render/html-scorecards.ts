import { SCORECARD_ROWS_TITLES, scorecardRows } from '@pt/governance';
import type { Report, ServiceReport } from '../report/schema.js';
import { plural } from './format.js';
import { escapeHtml as escape, type FleetSection } from './html-details.js';

/**
 * The fleet's services on every scorecard, a service at a time (see {@link fleetScorecardsSection}).
 * It keeps one rendered row per service and scorecard: memory grows with the fleet, only for a
 * report made with several scorecards (the streamed report does not take that case).
 */
export class FleetScorecards implements FleetSection {
  readonly #names = new Set<string>();
  readonly #rows: string[] = [];
  add(s: ServiceReport): void {
    if (s.scorecards === undefined || s.scorecards.length === 0) return;
    for (const r of scorecardRows([s])) {
      this.#names.add(r[1] ?? '');
      this.#rows.push(
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escape(c)}</th>` : `<td${i === 3 ? ' class="num"' : ''}>${escape(c)}</td>`)).join('')}</tr>`,
      );
    }
  }
  html(): string {
    if (this.#rows.length === 0) return '';
    const names = this.#names;
    const head = `<thead><tr>${SCORECARD_ROWS_TITLES.map((t) => `<th scope="col">${t}</th>`).join('')}</tr></thead>`;
    return (
      `<section class="fleet-scorecards"><h2>Services per scorecard</h2>` +
      `<p>${plural(names.size, 'scorecard')}: ${[...names].map(escape).join(', ')}; each service is scored by every scorecard that applies to it.</p>` +
      `<div class="scroll"><table>${head}<tbody>${this.#rows.join('')}</tbody></table></div></section>`
    );
  }
}

/**
 * The fleet's services on every scorecard, for a report made with several scorecards (each
 * service's `scorecards`): one row per service and scorecard that applies, with level, score,
 * failed and waived rules; scorecards named in order of first appearance. '' for a report made
 * with one scorecard or none.
 */
export function fleetScorecardsSection(report: Report): string {
  const section = new FleetScorecards();
  for (const s of report.services) section.add(s);
  return section.html();
}
