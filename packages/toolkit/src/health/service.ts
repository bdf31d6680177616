import { costProfile, type CostProfile } from '@pt/cost';
import {
  evaluateGovernance,
  scoreService,
  toServiceScorecard,
  type GovernanceOptions,
  type GovernanceResult,
  type ScorecardResult,
  type Waiver,
} from '@pt/governance';
import { reliabilityScore, type ReliabilityMetrics, type ServiceDora } from '@pt/reliability';
import { roundHalfAwayFromZero } from '@pt/input';
import { summarizeSlos, type SloSummary } from '@pt/slo';
import type { ServiceSpec } from '../fleet/schema.js';
import type { Health, Reason, ServiceReport } from '../report/schema.js';
import { assessHealth } from './rules.js';

/** What a service is evaluated with besides its spec: the governance scorecard and waivers, events' DORA. */
export interface ServiceOptions extends GovernanceOptions {
  /** Waivers from the fleet file (the scorecard's own come with `scorecard`). */
  readonly fleetWaivers?: readonly Waiver[];
  /** Set when the reliability section was derived from events. */
  readonly dora?: ServiceDora;
}

/**
 * One service with every domain evaluated. Immutable: built once from its spec, then read.
 *
 * @example
 * const s = new PlatformService({ name: 'api', team: 'platform', slos: [{ name: 'availability', target: 99.9, current: 99.95 }] });
 * s.health; // 'healthy'
 */
export class PlatformService {
  readonly name: string;
  readonly team: string;
  readonly tier: number | undefined;
  readonly spec: ServiceSpec;
  readonly slos: SloSummary;
  readonly cost: CostProfile;
  readonly reliability: ReliabilityMetrics | null;
  /** 0..100, or null without a reliability section. */
  readonly reliabilityScore: number | null;
  readonly governance: GovernanceResult;
  readonly health: Health;
  readonly points: number;
  readonly reasons: readonly Reason[];
  /** The governance scorecard (default: the seed's checks); null with nothing to score. */
  readonly scorecard: ScorecardResult | null;
  /** Where the reliability section came from, when it was derived from events. */
  readonly dora: ServiceDora | undefined;

  constructor(spec: ServiceSpec, options: ServiceOptions = {}) {
    this.spec = spec;
    this.dora = options.dora;
    this.name = spec.name;
    this.team = spec.team;
    this.tier = spec.tier;
    this.slos = summarizeSlos(spec.slos ?? []);
    this.cost = costProfile(spec.cost);
    this.reliability = spec.reliability ?? null;
    this.reliabilityScore = spec.reliability === undefined ? null : reliabilityScore(spec.reliability);
    this.governance = evaluateGovernance(spec.name, spec.governance);
    const hasData =
      this.slos.total > 0 || spec.cost !== undefined || spec.reliability !== undefined || spec.governance !== undefined;
    const assessment = assessHealth({
      hasData,
      slos: this.slos,
      reliabilityScore: this.reliabilityScore,
      governance: this.governance,
      cost: this.cost,
    });
    this.health = assessment.health;
    this.points = assessment.points;
    this.reasons = assessment.reasons;
    this.scorecard = scoreService(spec, options);
  }

  /** Is any SLO of this service not met? */
  get breachesSlo(): boolean {
    return this.slos.breached.length > 0;
  }

  /** This service as a report v1 entry (key order as in the contract). */
  toReport(): ServiceReport {
    return {
      name: this.name,
      team: this.team,
      health: this.health,
      reliabilityScore: this.reliabilityScore,
      governance: this.governance.status,
      monthlyCost: roundHalfAwayFromZero(this.cost.monthlyCost, 2),
      costTrend: this.cost.trend,
      slosMet: this.slos.met,
      slosTotal: this.slos.total,
      reasons: this.reasons.map((r) => ({ domain: r.domain, points: r.points, message: r.message })),
      ...(this.scorecard === null ? {} : { scorecard: toServiceScorecard(this.scorecard) }),
      ...(this.dora === undefined ? {} : { dora: this.dora }),
    };
  }
}
