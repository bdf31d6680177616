import type { ServiceDora } from './service-dora.js';
import { trendCell } from './service-trend.js';

/** Column titles of {@link doraDetailRows} for a terminal table. */
export const DORA_DETAIL_HEAD = [
  'SERVICE',
  'DEPLOYS',
  'CHANGE FAIL',
  'MTTR',
  'INCIDENTS',
  'UPTIME',
  'DORA LEVEL',
  'TREND',
];
/** The same titles as words, for Markdown and HTML headers. */
export const DORA_DETAIL_TITLES = [
  'Service',
  'Deploys',
  'Change fail',
  'MTTR',
  'Incidents',
  'Uptime',
  'DORA level',
  'Trend',
];

/**
 * The fleet report's DORA rows, one per service whose reliability came from events: deployments,
 * change failure rate, MTTR, incidents, uptime, the DORA level (`-` without data) and the trend
 * (deployments per period as a sparkline, then each period's level by initial; `-` without one).
 */
export function doraDetailRows(services: readonly { name: string; dora?: ServiceDora | undefined }[]): string[][] {
  const rows: string[][] = [];
  for (const s of services) {
    const d = s.dora;
    if (d === undefined) continue;
    rows.push([
      s.name,
      String(d.deployments),
      `${d.changeFailureRatePct}%`,
      d.resolvedIncidents === 0 ? '-' : `${d.mttrMinutes}m`,
      String(d.incidents30d),
      `${d.uptimePct}%`,
      d.level ?? '-',
      trendCell(d.trend),
    ]);
  }
  return rows;
}
