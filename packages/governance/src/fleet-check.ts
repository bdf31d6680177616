import { printable } from '@pt/input';
import { describeAppliesTo } from './applies.js';
import type { Scorecard } from './scorecard-schema.js';
import { DEFAULT_SCORECARD, rollUp, rollUpByTeam, type ScorecardResult, type ScorecardRollup } from './scorecard.js';
import { toServiceScorecard, type ServiceScorecard } from './service.js';

/**
 * A service as the check reads it: its name and its scorecard results (`scoreService`,
 * `scoreServiceOnEach`). `scorecard` is its only result with one scorecard; `scorecards` every
 * result with several. `scorable`: it has something to score (default: it has a result), so
 * a scorecard without a result for it did not apply.
 */
export interface CheckedService {
  readonly name: string;
  readonly scorecard: ScorecardResult | null;
  readonly scorecards?: readonly ScorecardResult[];
  readonly scorable?: boolean;
}

/** One scorecard in the check: its services, the roll-ups. */
export interface ScorecardCheck {
  readonly scorecard: string;
  /** Levels, lowest first. */
  readonly levels: readonly string[];
  /** `appliesTo` in a few words (`type service; lifecycle production`), `every service` without. */
  readonly appliesTo: string;
  readonly services: readonly ({ readonly service: string; readonly team: string } & ServiceScorecard)[];
  /** Services with something to score that this scorecard's `appliesTo` leaves out. */
  readonly notApplicable: readonly string[];
  readonly fleet: ScorecardRollup;
  readonly teams?: readonly ({ readonly team: string } & ScorecardRollup)[];
}

/** A service below the `failBelow` level on a scorecard. */
export interface BelowLevel {
  readonly service: string;
  readonly scorecard: string;
  /** The level it reached; null: none. */
  readonly level: string | null;
}

/** `--fail-below`: the level asked for and every scored service below it. */
export interface FailBelowResult {
  readonly level: string;
  readonly below: readonly BelowLevel[];
  /** Scorecards that have no such level: not gated. */
  readonly notGated: readonly string[];
}

/**
 * `pt governance check`: every scored service, the fleet roll-up and, if asked, one per team.
 * The top-level fields are the (first) scorecard's; with several scorecards, `scorecards` has
 * one {@link ScorecardCheck} per scorecard, in the order given (the first repeats the top level).
 */
export interface GovernanceCheckReport extends ScorecardCheck {
  /** The day waivers were judged on, or null (no waiver applied). */
  readonly at: string | null;
  /** Services with nothing to score (no governance section, facts or catalog entry). */
  readonly unscored: readonly string[];
  readonly scorecards?: readonly ScorecardCheck[];
  readonly failBelow?: FailBelowResult;
}

/** Options of {@link governanceCheck}. */
export interface GovernanceCheckOptions {
  /** The scorecard the services were scored with; default the seed's checks. */
  readonly scorecard?: Scorecard;
  /** Every scorecard the services were scored with (several); when given, `scorecard` is not read. */
  readonly scorecards?: readonly Scorecard[];
  readonly byTeam?: boolean;
  readonly at?: string;
  /** A level: every scored service below it on a scorecard that has it is listed in `failBelow`. */
  readonly failBelow?: string;
}

/** Why `level` cannot be a `--fail-below` level (no scorecard has it), or null. */
export function failBelowProblem(scorecards: readonly Scorecard[], level: string): string | null {
  if (scorecards.some((card) => card.levels.includes(level))) return null;
  const levels = [...new Set(scorecards.flatMap((card) => card.levels))];
  return `unknown level "${level}"; levels are ${levels.join(', ')}`;
}

/** Is `reached` (null: no level) below `wanted` on this scorecard? False when it has no level `wanted`. */
export function isBelowLevel(scorecard: Scorecard, reached: string | null, wanted: string): boolean {
  const target = scorecard.levels.indexOf(wanted);
  if (target < 0) return false;
  return (reached === null ? -1 : scorecard.levels.indexOf(reached)) < target;
}

function resultsOf(service: CheckedService): readonly ScorecardResult[] {
  return service.scorecards ?? (service.scorecard === null ? [] : [service.scorecard]);
}

function scorecardCheck(scorecard: Scorecard, services: readonly CheckedService[], byTeam: boolean): ScorecardCheck {
  const results: ScorecardResult[] = [];
  const notApplicable: string[] = [];
  for (const s of services) {
    const result = resultsOf(s).find((r) => r.scorecard === scorecard.name);
    if (result !== undefined) results.push(result);
    else if (s.scorable ?? false) notApplicable.push(s.name);
  }
  const check: ScorecardCheck = {
    scorecard: scorecard.name,
    levels: [...scorecard.levels],
    appliesTo: describeAppliesTo(scorecard.appliesTo),
    services: results.map((r) => ({ service: r.service, team: r.team, ...toServiceScorecard(r) })),
    notApplicable,
    fleet: rollUp(scorecard, results),
  };
  if (!byTeam) return check;
  return { ...check, teams: rollUpByTeam(scorecard, results).map(({ team, rollup }) => ({ team, ...rollup })) };
}

/** Builds the governance check over services already evaluated with the scorecard(s). */
export function governanceCheck(
  services: readonly CheckedService[],
  options: GovernanceCheckOptions = {},
): GovernanceCheckReport {
  const cards = options.scorecards ?? [options.scorecard ?? DEFAULT_SCORECARD];
  const sections = cards.map((card) => scorecardCheck(card, services, options.byTeam === true));
  const first = sections[0] ?? scorecardCheck(DEFAULT_SCORECARD, services, options.byTeam === true);
  const check: GovernanceCheckReport = {
    scorecard: first.scorecard,
    levels: first.levels,
    appliesTo: first.appliesTo,
    at: options.at ?? null,
    services: first.services,
    notApplicable: first.notApplicable,
    unscored: services.filter((s) => !(s.scorable ?? resultsOf(s).length > 0)).map((s) => s.name),
    fleet: first.fleet,
    ...(first.teams === undefined ? {} : { teams: first.teams }),
  };
  const wanted = options.failBelow;
  const gate: FailBelowResult | undefined =
    wanted === undefined
      ? undefined
      : {
          level: wanted,
          below: cards.flatMap((card, i) =>
            (sections[i]?.services ?? [])
              .filter((s) => isBelowLevel(card, s.level, wanted))
              .map((s) => ({ service: s.service, scorecard: card.name, level: s.level })),
          ),
          notGated: cards.filter((card) => !card.levels.includes(wanted)).map((card) => card.name),
        };
  return {
    ...check,
    ...(cards.length > 1 ? { scorecards: sections } : {}),
    ...(gate === undefined ? {} : { failBelow: gate }),
  };
}

const levelLine = (rollup: ScorecardRollup) =>
  Object.entries(rollup.levels)
    .map(([level, n]) => `${level} ${n}`)
    .join(' · ');

const mostFailed = (rollup: ScorecardRollup) =>
  rollup.mostFailed.length === 0 ? 'none' : rollup.mostFailed.map((f) => `${f.rule} ${f.failed}`).join(' · ');

/** One scorecard's part of the check as text: summary, services, team roll-ups. */
function renderScorecardCheck(check: ScorecardCheck, at: string | null, unscored: readonly string[]): string[] {
  const out: string[] = [];
  const n = check.services.length;
  out.push(
    `Scorecard ${printable(check.scorecard)}: ${n} service${n === 1 ? '' : 's'} scored${at === null ? '' : `, waivers as of ${at}`}`,
  );
  if (check.appliesTo !== 'every service') out.push(`  applies to: ${printable(check.appliesTo)}`);
  out.push(`  levels ${levelLine(check.fleet)} · average score ${check.fleet.averageScore}`);
  out.push(`  most failed: ${mostFailed(check.fleet)}`);
  if (unscored.length > 0) out.push(`  not scored (nothing to score): ${unscored.map(printable).join(', ')}`);
  if (check.notApplicable.length > 0)
    out.push(`  not scored (appliesTo leaves out): ${check.notApplicable.map(printable).join(', ')}`);
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
  return out;
}

/** The `--fail-below` lines: the services below the level, or that none is. */
function renderFailBelow(gate: FailBelowResult, several: boolean): string[] {
  const out: string[] = [''];
  const where = (b: BelowLevel) => (several ? `${printable(b.scorecard)} ` : '');
  if (gate.below.length === 0) out.push(`Fail below ${printable(gate.level)}: no scored service is below it`);
  else {
    out.push(`Below ${printable(gate.level)} (--fail-below): ${gate.below.length}`);
    for (const b of gate.below) out.push(`  ${printable(b.service)}: ${where(b)}${b.level ?? 'none'}`);
  }
  if (gate.notGated.length > 0)
    out.push(`  not gated (no level ${printable(gate.level)}): ${gate.notGated.map(printable).join(', ')}`);
  return out;
}

/** The check as plain text for a terminal: one part per scorecard, then the `--fail-below` result. */
export function renderGovernanceCheck(check: GovernanceCheckReport): string {
  const sections = check.scorecards ?? [check];
  const out = sections.flatMap((section, i) => [
    ...(i === 0 ? [] : ['']),
    ...renderScorecardCheck(section, check.at, i === 0 ? check.unscored : []),
  ]);
  if (check.failBelow !== undefined) out.push(...renderFailBelow(check.failBelow, sections.length > 1));
  return `${out.join('\n').replace(/[ \t]+$/gm, '')}\n`;
}
