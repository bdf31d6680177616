import type { WallTime } from '../calendar.js';
import type { Duration } from '../duration.js';
import type { MetricSource } from './schema.js';

/** How an SLI is measured, resolved from an inline `indicator` or an `indicatorRef`. */
export type Indicator =
  | {
      readonly kind: 'ratio';
      readonly name: string;
      /** `good`/`bad`: count of those events over `total`; `raw`: the query is already a ratio. */
      readonly form: 'good' | 'bad' | 'raw';
      /** Counters (the default) grow over time; otherwise each value is a count per interval. */
      readonly counter: boolean;
      /** With `form: 'raw'`: whether the ratio is of successes or of failures. */
      readonly rawType?: 'success' | 'failure';
      readonly numerator: MetricSource;
      readonly total?: MetricSource;
    }
  | { readonly kind: 'threshold'; readonly name: string; readonly metric: MetricSource };

/** The SLO's time window: rolling, or aligned to a calendar in a time zone. */
export type SloWindow =
  | { readonly kind: 'rolling'; readonly duration: Duration }
  | {
      readonly kind: 'calendar';
      readonly duration: Duration;
      readonly startTime: WallTime;
      readonly timeZone: string;
    };

export type BudgetingMethod = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';

/** One objective, with its target as a fraction in (0, 1]. */
export interface Objective {
  readonly displayName?: string;
  readonly target: number;
  readonly op?: 'lte' | 'gte' | 'lt' | 'gt';
  readonly value?: number;
  readonly timeSliceTarget?: number;
  readonly timeSliceWindow?: Duration;
  readonly indicator: Indicator;
}

/** A burn-rate alert condition (OpenSLO `AlertCondition`), resolved. */
export interface AlertConditionDefinition {
  readonly name: string;
  readonly severity: string;
  readonly op: 'lte' | 'gte' | 'lt' | 'gt';
  readonly threshold: number;
  readonly lookbackWindow: Duration;
  readonly alertAfter: Duration;
}

/** An alert policy with its condition and notification targets resolved. */
export interface AlertPolicyDefinition {
  readonly name: string;
  readonly condition: AlertConditionDefinition;
  readonly notificationTargets: readonly { readonly name: string; readonly target: string }[];
}

/** One OpenSLO `SLO`, validated and with every reference resolved. */
export interface SloDefinition {
  readonly name: string;
  readonly displayName?: string;
  /** `spec.service`: matched against fleet service names. */
  readonly service: string;
  readonly description?: string;
  readonly budgetingMethod: BudgetingMethod;
  readonly window: SloWindow;
  readonly objectives: readonly Objective[];
  readonly alertPolicies: readonly AlertPolicyDefinition[];
  /** The SLO's `metadata.labels` (a list of values joined by commas) and `metadata.annotations`. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  /** The `metadata` of the OpenSLO `Service` named by `spec.service`, when one is loaded with the SLO. */
  readonly serviceMetadata?: {
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  /** Where it was defined: file name and 1-based document index. */
  readonly source: { readonly file: string; readonly document: number };
}
