import type { ServiceScorecard } from './service.js';

/**
 * One row per service and scorecard, for a report made with several scorecards (services
 * without `scorecards` give none): service, scorecard, level (`none`), score, failed rule ids
 * (a failed rule whose waiver expired says so) and waived rule ids (`-` for none). The caller
 * escapes the cells for its format.
 */
export function scorecardRows(
  services: readonly { name: string; scorecards?: readonly ServiceScorecard[] | undefined }[],
): string[][] {
  const rows: string[][] = [];
  const list = (ids: readonly string[]) => (ids.length === 0 ? '-' : ids.join(', '));
  for (const s of services) {
    for (const card of s.scorecards ?? []) {
      const failed = card.failed.map((id) => {
        const expired = card.expiredWaivers.find((w) => w.rule === id);
        return expired === undefined ? id : `${id} (waiver expired ${expired.expires})`;
      });
      rows.push([s.name, card.name, card.level ?? 'none', String(card.score), list(failed), list(card.waived)]);
    }
  }
  return rows;
}

/** Column heads of {@link scorecardRows} for a terminal table. */
export const SCORECARD_ROWS_HEAD = ['SERVICE', 'SCORECARD', 'LEVEL', 'SCORE', 'FAILED', 'WAIVED'];
/** Column titles of {@link scorecardRows} as words, for Markdown and HTML headers. */
export const SCORECARD_ROWS_TITLES = ['Service', 'Scorecard', 'Level', 'Score', 'Failed', 'Waived'];
