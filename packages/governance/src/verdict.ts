import { NON_COMPLIANT_FAILURES } from './checks.js';
import type { GovernanceStatus } from './schema.js';
import type { ScorecardResult } from './scorecard.js';

/** One rule of one scorecard, as the verdict names it. */
export interface VerdictRule {
  readonly scorecard: string;
  readonly rule: string;
  /** The rule's failure message (`{service}` filled in); empty for a waived rule. */
  readonly message: string;
}

/** A waiver that covered a rule but whose day has passed: it counts as no waiver. */
export interface ExpiredWaiverNote {
  readonly scorecard: string;
  readonly rule: string;
  readonly expires: string;
}

/**
 * A service's governance from the scorecards in effect for it (one or more): the failed,
 * non-waived rules of every applicable scorecard are its failed checks.
 */
export interface GovernanceVerdict {
  /** 0 failed → `compliant`; 1–2 → `needs_review`; 3 or more → `non_compliant`; no scorecard → `needs_review`. */
  readonly status: GovernanceStatus;
  /** Health points: 2 from {@link NON_COMPLIANT_FAILURES} failed rules, 1 from one, else 0. */
  readonly points: number;
  readonly failed: readonly VerdictRule[];
  /** Rules that fail but pass through an active waiver: listed, never counted. */
  readonly waived: readonly VerdictRule[];
  /** Waivers for failed rules that had expired on the day judged (the rule counts as failed). */
  readonly expired: readonly ExpiredWaiverNote[];
}

/**
 * Combines the results of every scorecard that applies to one service into its governance
 * verdict. No result (nothing to score) is `needs_review` with no points, as the seed's
 * absent `governance` section.
 */
export function governanceVerdict(results: readonly ScorecardResult[]): GovernanceVerdict {
  const failed: VerdictRule[] = [];
  const waived: VerdictRule[] = [];
  const expired: ExpiredWaiverNote[] = [];
  for (const result of results) {
    for (const rule of result.rules) {
      const entry = { scorecard: result.scorecard, rule: rule.id, message: rule.message };
      if (rule.waived) waived.push(entry);
      else if (!rule.passed) {
        failed.push(entry);
        for (const w of result.expiredWaivers) {
          if (w.rule === rule.id) expired.push({ scorecard: result.scorecard, rule: rule.id, expires: w.expires });
        }
      }
    }
  }
  const n = failed.length;
  const status: GovernanceStatus =
    results.length === 0
      ? 'needs_review'
      : n === 0
        ? 'compliant'
        : n >= NON_COMPLIANT_FAILURES
          ? 'non_compliant'
          : 'needs_review';
  return { status, points: n >= NON_COMPLIANT_FAILURES ? 2 : n >= 1 ? 1 : 0, failed, waived, expired };
}

/**
 * The reason text: `2 governance checks failed: a; b`, then `; waived: documentation` and
 * `; waiver for runbook expired 2026-01-31 (counted)` when there are any; null when there is
 * nothing to say. With several scorecards, rule ids are prefixed with their scorecard.
 */
export function describeGovernanceVerdict(verdict: GovernanceVerdict): string | null {
  const scorecards = new Set([...verdict.failed, ...verdict.waived].map((r) => r.scorecard));
  const id = (r: { scorecard: string; rule: string }) => (scorecards.size > 1 ? `${r.scorecard}/${r.rule}` : r.rule);
  const parts: string[] = [];
  const n = verdict.failed.length;
  if (n > 0)
    parts.push(
      `${n} governance ${n === 1 ? 'check' : 'checks'} failed: ${verdict.failed.map((r) => r.message).join('; ')}`,
    );
  if (verdict.waived.length > 0) parts.push(`waived: ${verdict.waived.map(id).join(', ')}`);
  for (const e of verdict.expired) parts.push(`waiver for ${id(e)} expired ${e.expires} (counted)`);
  return parts.length === 0 ? null : parts.join('; ');
}
