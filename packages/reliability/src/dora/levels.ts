import * as z from 'zod';

/** DORA performance levels, best first. */
export const DoraLevelSchema = z.enum(['elite', 'high', 'medium', 'low']);
export type DoraLevel = z.infer<typeof DoraLevelSchema>;

/** Deployment frequency buckets, most frequent first. */
export const DeploymentFrequencyBucketSchema = z.enum([
  'on-demand',
  'daily-weekly',
  'weekly-monthly',
  'monthly-six-monthly',
  'less',
]);
export type DeploymentFrequencyBucket = z.infer<typeof DeploymentFrequencyBucketSchema>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A month is 30 days and six months 180 days wherever DORA speaks of months. */
export const MONTH_MS = 30 * DAY;
export const WEEK_MS = 7 * DAY;
export const DAY_MS = DAY;

/** One level's published figure: a value `below` it (strict) or `atMost` it (inclusive) reaches the level. */
export interface LevelTier {
  readonly level: DoraLevel;
  readonly bound: number;
  readonly strict: boolean;
}

/**
 * The published DORA 2024 figures as data (State of DevOps Report 2024, "software delivery
 * performance levels"); see the package README for the source and which figures were confirmed.
 * Tiers are tried best first; the first one reached wins, else `low`.
 */
export const DORA_2024 = {
  /** Bucket → level: on demand is elite, daily–weekly high, weekly–monthly medium, rarer low. */
  deploymentFrequency: {
    'on-demand': 'elite',
    'daily-weekly': 'high',
    'weekly-monthly': 'medium',
    'monthly-six-monthly': 'low',
    less: 'low',
  } as const satisfies Record<DeploymentFrequencyBucket, DoraLevel>,
  /** Median lead time in ms: elite < 1 day, high <= 1 week, medium <= 1 month, else low. */
  leadTime: [
    { level: 'elite', bound: DAY, strict: true },
    { level: 'high', bound: WEEK_MS, strict: false },
    { level: 'medium', bound: MONTH_MS, strict: false },
  ] as const satisfies readonly LevelTier[],
  /**
   * Change failure rate (0..1): elite 5%, high 20%, medium 10%, low 40%. The 2024 clusters put
   * medium (10%) below high (20%); tried in level order, a rate above 5% and up to 20% is high,
   * so no rate alone is medium. That is what the published figures say; we do not reorder them.
   */
  changeFailureRate: [
    { level: 'elite', bound: 0.05, strict: false },
    { level: 'high', bound: 0.2, strict: false },
    { level: 'medium', bound: 0.1, strict: false },
  ] as const satisfies readonly LevelTier[],
  /**
   * Median failed deployment recovery time in ms: elite < 1 hour, high < 1 day, medium < 1 day,
   * else low. Incident time to restore is measured apart and not classified by this row.
   */
  failedDeploymentRecoveryTime: [
    { level: 'elite', bound: HOUR, strict: true },
    { level: 'high', bound: DAY, strict: true },
    { level: 'medium', bound: DAY, strict: true },
  ] as const satisfies readonly LevelTier[],
} as const;

/** The first tier `value` reaches, else `low`. */
export function levelFor(tiers: readonly LevelTier[], value: number): DoraLevel {
  for (const tier of tiers) {
    if (tier.strict ? value < tier.bound : value <= tier.bound) return tier.level;
  }
  return 'low';
}

/**
 * The DORA bucket of an average rate of deployments per day: more than one a day is on demand;
 * at least once a week daily–weekly; at least once a month (30 days) weekly–monthly; at least
 * once in six months (180 days) monthly–six-monthly; else less.
 */
export function frequencyBucket(perDay: number): DeploymentFrequencyBucket {
  if (perDay > 1) return 'on-demand';
  if (perDay >= 1 / 7) return 'daily-weekly';
  if (perDay >= 1 / 30) return 'weekly-monthly';
  if (perDay >= 1 / 180) return 'monthly-six-monthly';
  return 'less';
}

const ORDER: Record<DoraLevel, number> = { elite: 0, high: 1, medium: 2, low: 3 };

/** Whether `level` is worse than `floor` (`medium` is below `high`; a level is never below itself). */
export function isBelowLevel(level: DoraLevel, floor: DoraLevel): boolean {
  return ORDER[level] > ORDER[floor];
}

/** The worst of some levels; `null` when there is none. */
export function worstLevel(levels: readonly (DoraLevel | null)[]): DoraLevel | null {
  let worst: DoraLevel | null = null;
  for (const level of levels) {
    if (level !== null && (worst === null || ORDER[level] > ORDER[worst])) worst = level;
  }
  return worst;
}
