import type { ServiceScorecard } from './service.js';

/** Column titles of {@link scorecardDetailRows}, for Markdown and HTML headers. */
export const SCORECARD_DETAIL_TITLES = ['Service', 'Scorecard', 'Level', 'Score', 'Failed', 'Waived'];

/**
 * The fleet report's scorecard rows: one per scored service with a rule failed or waived (a
 * service passing every rule has nothing to break down). Failed rules are the ones that count,
 * an expired waiver named beside its rule; waived rules never count. `-` for none.
 */
export function scorecardDetailRows(
  services: readonly { name: string; scorecard?: ServiceScorecard | undefined }[],
): string[][] {
  const rows: string[][] = [];
  for (const s of services) {
    const card = s.scorecard;
    if (card === undefined || (card.failed.length === 0 && card.waived.length === 0)) continue;
    const expired = new Map(card.expiredWaivers.map((w) => [w.rule, w.expires]));
    const failed = card.failed.map((id) => {
      const expires = expired.get(id);
      return expires === undefined ? id : `${id} (waiver expired ${expires})`;
    });
    rows.push([
      s.name,
      card.name,
      card.level ?? '-',
      String(card.score),
      failed.length === 0 ? '-' : failed.join(', '),
      card.waived.length === 0 ? '-' : card.waived.join(', '),
    ]);
  }
  return rows;
}
