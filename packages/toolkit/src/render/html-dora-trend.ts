import { trendCell, type ServiceDoraTrend } from '@pt/reliability';

const cell = (v: number | null, unit: string) => (v === null ? '–' : `${v}${unit}`);

/**
 * A service's DORA trend (the `trend` of its `dora` key): one row per period with its level,
 * deployments, failed ones, lead time, change failure rate and recovery time, under a caption
 * with the deployments' sparkline and the levels by initial. Empty without a trend. Nothing in it
 * comes from input text: times are formatted by us, levels an enum, the rest numbers.
 */
export function doraTrendBlock(trend: ServiceDoraTrend | undefined): string {
  if (trend === undefined || trend.periods.length === 0) return '';
  const rows = trend.periods.map(
    (p) =>
      `<tr><td>${p.start.slice(0, 10)}</td><td>${p.level ?? 'no data'}</td><td>${p.deployments}</td>` +
      `<td>${p.failed}</td><td>${cell(p.leadTimeHours, ' h')}</td><td>${cell(p.changeFailureRatePct, '%')}</td>` +
      `<td>${cell(p.recoveryMinutes, ' min')}</td></tr>`,
  );
  const n = trend.periods.length;
  return (
    `<section class="domain dora-trend"><h3>DORA trend, last ${n} ${trend.every}${n === 1 ? '' : 's'}</h3>` +
    `<p class="spark">${trendCell(trend)}</p>` +
    '<table><thead><tr><th>Period from</th><th>Level</th><th>Deploys</th><th>Failed</th><th>Lead time p50</th>' +
    `<th>Change fail</th><th>Recovery</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`
  );
}
