import { printable } from '@pt/input';
import type { Scorecard } from './scorecard-schema.js';
import { DEFAULT_SCORECARD, rollUp, rollUpByTeam, type ScorecardResult, type ScorecardRollup } from './scorecard.js';
import { toServiceScorecard, type ServiceScorecard } from './service.js';

/** A service as the check reads it: its name and its scorecard (`scoreService`), null when not scored. */
export interface CheckedService {
  readonly name: string;
  readonly scorecard: ScorecardResult | null;
}

/** `pt governance check`: every scored service, the fleet roll-up and, if asked, one per team. */
export interface GovernanceCheckReport {
  readonly scorecard: string;
  /** Levels, lowest first. */
  readonly levels: readonly string[];
  /** The day waivers were judged on, or null (no waiver applied). */
  readonly at: string | null;
  readonly services: readonly ({ readonly service: string; readonly team: string } & ServiceScorecard)[];
  /** Services with nothing to score (no governance section, facts or catalog entry). */
  readonly unscored: readonly string[];
  readonly fleet: ScorecardRollup;
  readonly teams?: readonly ({ readonly team: string } & ScorecardRollup)[];
}

/** Builds the governance check over services already evaluated with `scorecard`. */
export function governanceCheck(
  services: readonly CheckedService[],
  options: { readonly scorecard?: Scorecard; readonly byTeam?: boolean; readonly at?: string } = {},
): GovernanceCheckReport {
  const scorecard = options.scorecard ?? DEFAULT_SCORECARD;
  const scored = services.flatMap((s) => (s.scorecard === null ? [] : [s.scorecard]));
  const results: ScorecardResult[] = scored;
  const check: GovernanceCheckReport = {
    scorecard: scorecard.name,
    levels: [...scorecard.levels],
    at: options.at ?? null,
    services: results.map((r) => ({ service: r.service, team: r.team, ...toServiceScorecard(r) })),
    unscored: services.filter((s) => s.scorecard === null).map((s) => s.name),
    fleet: rollUp(scorecard, results),
  };
  if (options.byTeam !== true) return check;
  return { ...check, teams: rollUpByTeam(scorecard, results).map(({ team, rollup }) => ({ team, ...rollup })) };
}

const levelLine = (rollup: ScorecardRollup) =>
  Object.entries(rollup.levels)
    .map(([level, n]) => `${level} ${n}`)
    .join(' · ');

const mostFailed = (rollup: ScorecardRollup) =>
  rollup.mostFailed.length === 0 ? 'none' : rollup.mostFailed.map((f) => `${f.rule} ${f.failed}`).join(' · ');

/** The check as plain text for a terminal. */
export function renderGovernanceCheck(check: GovernanceCheckReport): string {
  const out: string[] = [];
  const n = check.services.length;
  out.push(
    `Scorecard ${printable(check.scorecard)}: ${n} service${n === 1 ? '' : 's'} scored${check.at === null ? '' : `, waivers as of ${check.at}`}`,
  );
  out.push(`  levels ${levelLine(check.fleet)} · average score ${check.fleet.averageScore}`);
  out.push(`  most failed: ${mostFailed(check.fleet)}`);
  if (check.unscored.length > 0)
    out.push(`  not scored (nothing to score): ${check.unscored.map(printable).join(', ')}`);
  if (n > 0) {
    const rows = check.services.map((s) => [
      printable(s.service),
      printable(s.team),
      s.level ?? 'none',
      String(s.score),
      s.nextLevel ?? '-',
      s.gap.join(', ') || '-',
    ]);
    const head = ['SERVICE', 'TEAM', 'LEVEL', 'SCORE', 'NEXT', 'TO FIX FOR NEXT'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: readonly string[]) =>
      cells
        .map((c, i) => (i === 3 ? c.padStart(widths[i] ?? 0) : i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
        .join('  ');
    out.push('', line(head), ...rows.map(line));
  }
  if (check.teams !== undefined) {
    out.push('', 'By team');
    for (const t of check.teams) {
      out.push(`  ${printable(t.team)}: ${t.services} scored · average score ${t.averageScore} · ${levelLine(t)}`);
      out.push(`    most failed: ${mostFailed(t)}`);
    }
  }
  const waived = check.services.filter((s) => s.waived.length > 0);
  if (waived.length > 0) {
    out.push('', 'Waived (counted as passing)');
    for (const s of waived) out.push(`  ${printable(s.service)}: ${s.waived.join(', ')}`);
  }
  const expired = check.services.filter((s) => s.expiredWaivers.length > 0);
  if (expired.length > 0) {
    out.push('', 'Expired waivers');
    for (const s of expired) {
      for (const w of s.expiredWaivers) {
        out.push(`  ${printable(s.service)}: ${w.rule} expired ${w.expires} (${printable(w.reason)})`);
      }
    }
  }
  return `${out.join('\n').replace(/[ \t]+$/gm, '')}\n`;
}
