import { SCORECARD_ROWS_TITLES, scorecardRows } from '@pt/governance';
import type { Report } from '../report/schema.js';
import { plural } from './format.js';
import { escapeHtml as escape } from './html-details.js';

/**
 * The fleet's services on every scorecard, for a report made with several scorecards (each
 * service's `scorecards`): one row per service and scorecard that applies, with level, score,
 * failed and waived rules; scorecards named in order of first appearance. '' for a report made
 * with one scorecard or none.
 */
export function fleetScorecardsSection(report: Report): string {
  const rows = scorecardRows(report.services);
  if (rows.length === 0) return '';
  const names = new Set(rows.map((r) => r[1] ?? ''));
  const head = `<thead><tr>${SCORECARD_ROWS_TITLES.map((t) => `<th scope="col">${t}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escape(c)}</th>` : `<td${i === 3 ? ' class="num"' : ''}>${escape(c)}</td>`)).join('')}</tr>`,
    )
    .join('');
  return (
    `<section class="fleet-scorecards"><h2>Services per scorecard</h2>` +
    `<p>${plural(names.size, 'scorecard')}: ${[...names].map(escape).join(', ')}; each service is scored by every scorecard that applies to it.</p>` +
    `<div class="scroll"><table>${head}<tbody>${body}</tbody></table></div></section>`
  );
}
