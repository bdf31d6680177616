import { roundHalfAwayFromZero } from '@pt/input';
import type { Slo } from './schema.js';

/** An SLO together with what follows from it. */
export interface SloEvaluation {
  readonly name: string;
  readonly target: number;
  readonly current: number;
  /** `current >= target`. */
  readonly met: boolean;
  /** Share of the error budget left, in percent, one decimal; 0 when the target is 100. */
  readonly budgetRemainingPct: number;
}

/** Attainment meets the objective: `current >= target`. */
export function isMet(slo: Pick<Slo, 'target' | 'current'>): boolean {
  return slo.current >= slo.target;
}

/**
 * Error budget left, in percent of the budget, rounded to one decimal (half away from zero).
 * The budget is `100 - target`; what is consumed is `100 - current`. A 100% target has no
 * budget, so nothing is left: 0.
 *
 * @example budgetRemainingPct({ target: 99.9, current: 99.95 }) // 50
 */
export function budgetRemainingPct(slo: Pick<Slo, 'target' | 'current'>): number {
  if (slo.target >= 100) return 0;
  const totalBudget = 100 - slo.target;
  const consumed = 100 - slo.current;
  const remaining = Math.max(0, totalBudget - consumed);
  return roundHalfAwayFromZero((remaining / totalBudget) * 100, 1);
}

/** Evaluates one SLO. */
export function evaluateSlo(slo: Slo): SloEvaluation {
  return {
    name: slo.name,
    target: slo.target,
    current: slo.current,
    met: isMet(slo),
    budgetRemainingPct: budgetRemainingPct(slo),
  };
}

/** All SLOs of one service, evaluated, with the breached ones singled out. */
export interface SloSummary {
  readonly total: number;
  readonly met: number;
  readonly evaluations: readonly SloEvaluation[];
  /** The SLOs whose attainment is below target, in their original order. */
  readonly breached: readonly SloEvaluation[];
}

/** Evaluates the SLOs of one service (in the order given). */
export function summarizeSlos(slos: readonly Slo[]): SloSummary {
  const evaluations = slos.map(evaluateSlo);
  const breached = evaluations.filter((e) => !e.met);
  return { total: evaluations.length, met: evaluations.length - breached.length, evaluations, breached };
}
