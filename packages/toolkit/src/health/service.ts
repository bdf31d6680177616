import { costProfile, type CostProfile } from '@pt/cost';
import {
  evaluateGovernance,
  governanceVerdict,
  hasGovernanceEvidence,
  scoreServiceOnEach,
  toServiceScorecard,
  type GovernanceOptions,
  type GovernanceResult,
  type GovernanceVerdict,
  type ScorecardResult,
  type Waiver,
} from '@pt/governance';
import { reliabilityScore, type ReliabilityMetrics, type ServiceDora } from '@pt/reliability';
import { roundHalfAwayFromZero } from '@pt/input';
import { breachesSlo, sloEvidence, summarizeSlos, type SloDetail, type SloEvidence, type SloSummary } from '@pt/slo';
import type { ServiceSpec } from '../fleet/schema.js';
import type { Health, Reason, ServiceReport } from '../report/schema.js';
import { assessHealth } from './rules.js';

/** What a service is evaluated with besides its spec: the governance scorecard and waivers, events' DORA. */
export interface ServiceOptions extends GovernanceOptions {
  /** Waivers from the fleet file (the scorecard's own come with `scorecard`). */
  readonly fleetWaivers?: readonly Waiver[];
  /** Set when the reliability section was derived from events. */
  readonly dora?: ServiceDora;
  /** OpenSLO objectives evaluated for this service (from SLI data or Prometheus): they feed the verdict. */
  readonly sloDetails?: readonly SloDetail[];
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
  /** The fleet file's SLOs. */
  readonly slos: SloSummary;
  /** Fleet SLOs and OpenSLO objectives together: what the verdict reads. */
  readonly sloEvidence: SloEvidence;
  /** OpenSLO objectives evaluated for this service (the report's `sloDetails`); empty without. */
  readonly sloDetails: readonly SloDetail[];
  readonly cost: CostProfile;
  readonly reliability: ReliabilityMetrics | null;
  /** 0..100, or null without a reliability section. */
  readonly reliabilityScore: number | null;
  /** The seed's five checks on the `governance` section (kept for callers of the seed's API). */
  readonly governance: GovernanceResult;
  /** Governance from the scorecards in effect (default: the seed's checks), waivers applied: what the verdict reads. */
  readonly governanceVerdict: GovernanceVerdict;
  readonly health: Health;
  readonly points: number;
  readonly reasons: readonly Reason[];
  /** The governance scorecard (default: the seed's checks); null with nothing to score. */
  readonly scorecard: ScorecardResult | null;
  /**
   * The result of every scorecard in effect that applies to this service (`appliesTo`), in their
   * order (the first is `scorecard`); empty with nothing to score or when none applies.
   */
  readonly scorecards: readonly ScorecardResult[];
  /** Has something to score: a `governance` section, `facts:` or catalog facts. */
  readonly scorable: boolean;
  /** Several scorecards were given: the report lists each one's result (`scorecards`). */
  readonly #severalScorecards: boolean;
  /** Where the reliability section came from, when it was derived from events. */
  readonly dora: ServiceDora | undefined;

  constructor(spec: ServiceSpec, options: ServiceOptions = {}) {
    this.spec = spec;
    this.dora = options.dora;
    this.name = spec.name;
    this.team = spec.team;
    this.tier = spec.tier;
    this.slos = summarizeSlos(spec.slos ?? []);
    this.sloDetails = options.sloDetails ?? [];
    this.sloEvidence = sloEvidence(spec.slos ?? [], this.sloDetails);
    this.cost = costProfile(spec.cost);
    this.reliability = spec.reliability ?? null;
    this.reliabilityScore = spec.reliability === undefined ? null : reliabilityScore(spec.reliability);
    this.governance = evaluateGovernance(spec.name, spec.governance);
    this.scorable = hasGovernanceEvidence(spec, options.catalogFacts);
    this.#severalScorecards = (options.scorecards?.length ?? 1) > 1;
    this.scorecards = scoreServiceOnEach(spec, options);
    this.scorecard = this.scorecards[0] ?? null;
    this.governanceVerdict = governanceVerdict(this.scorecards);
    // Evidence of any kind: SLOs (an objective counts once it has data), a cost, reliability or
    // governance section (billing rows and events fill cost and reliability), facts to score.
    const hasData =
      this.sloEvidence.total > 0 ||
      spec.cost !== undefined ||
      spec.reliability !== undefined ||
      spec.governance !== undefined ||
      this.scorable;
    const assessment = assessHealth({
      hasData,
      slos: this.sloEvidence,
      reliabilityScore: this.reliabilityScore,
      governance: this.governanceVerdict,
      cost: this.cost,
    });
    this.health = assessment.health;
    this.points = assessment.points;
    this.reasons = assessment.reasons;
  }

  /** Is any SLO of this service not met (a fleet SLO below target, an exhausted OpenSLO budget)? */
  get breachesSlo(): boolean {
    return breachesSlo(this.sloEvidence);
  }

  /** This service as a report v1 entry (key order as in the contract). */
  toReport(): ServiceReport {
    return {
      name: this.name,
      team: this.team,
      health: this.health,
      reliabilityScore: this.reliabilityScore,
      governance: this.governanceVerdict.status,
      monthlyCost: roundHalfAwayFromZero(this.cost.monthlyCost, 2),
      costTrend: this.cost.trend,
      slosMet: this.sloEvidence.met,
      slosTotal: this.sloEvidence.total,
      reasons: this.reasons.map((r) => ({ domain: r.domain, points: r.points, message: r.message })),
      ...(this.scorecard === null ? {} : { scorecard: toServiceScorecard(this.scorecard) }),
      ...(this.#severalScorecards ? { scorecards: this.scorecards.map(toServiceScorecard) } : {}),
      ...(this.dora === undefined ? {} : { dora: this.dora }),
      ...(this.sloDetails.length === 0 ? {} : { sloDetails: [...this.sloDetails] }),
    };
  }
}
