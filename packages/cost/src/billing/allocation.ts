import { nameProblem, refineName } from '@pt/input';
import * as z from 'zod';
import { FOCUS_METRICS, MAX_KEY_CELL_LENGTH } from './focus.js';

/** Row fields a pattern rule may match. */
export const PATTERN_FIELDS = ['ResourceName', 'ResourceId', 'SubAccountId', 'SubAccountName'] as const;
export type PatternField = (typeof PATTERN_FIELDS)[number];

/** A glob: `*` any run of characters, `?` one character, everything else literal. */
const GLOB = z
  .string()
  .min(1)
  .regex(/^[^[\]\\]*$/, 'may use * and ? as wildcards; [, ] and \\ are not allowed');

/** A tag key: any text but quotes and backslashes (it becomes a JSON path in SQL). */
export const TagKeySchema = z
  .string()
  .min(1)
  .regex(/^[^"\\]+$/, 'may not contain " or \\');

/** How billing rows are assigned to services. */
export const AllocationSchema = z
  .strictObject({
    tagKeys: z
      .array(TagKeySchema)
      .default(['service', 'app'])
      .describe('Tag keys naming the service, tried in order; the value is trimmed and lower-cased.'),
    sharedTag: z
      .strictObject({ key: TagKeySchema, value: z.string().min(1) })
      .default({ key: 'shared', value: 'true' })
      .describe('A row whose tag `key` equals `value` (any case) is shared cost.'),
    sharedServiceValues: z
      .array(z.string().min(1).superRefine(refineName))
      .default(['shared'])
      .describe('A service tag with one of these values (any case) also marks shared cost.'),
    patterns: z
      .array(
        z.strictObject({
          field: z.enum(PATTERN_FIELDS),
          match: GLOB,
          // As long as a service a tag may name (a longer one is a bad row in the billing data).
          service: z.string().min(1).max(MAX_KEY_CELL_LENGTH).superRefine(refineName),
        }),
      )
      .default([])
      .describe('Rules for rows without a service tag, first match wins.'),
    split: z.enum(['proportional', 'even']).default('proportional').describe('How shared cost is split.'),
  })
  .describe('Allocation of billing rows to services.');
export type Allocation = z.infer<typeof AllocationSchema>;
export type AllocationInput = z.input<typeof AllocationSchema>;

/** Anomaly detection settings. */
export const AnomalySettingsSchema = z.strictObject({
  threshold: z.number().positive().default(3.5).describe('Robust z-score above which a day is anomalous.'),
  minCost: z.number().min(0).default(1).describe('Minimum absolute deviation from the median, in currency units.'),
});
export type AnomalySettings = z.infer<typeof AnomalySettingsSchema>;

/** A monthly budget. */
export const BudgetSchema = z.strictObject({
  monthly: z.number().positive(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('USD'),
});
export type Budget = z.infer<typeof BudgetSchema>;

/** Budgets by team and by service (a service's fleet `budgetMonthly` is used when it has none here). */
export const BudgetsSchema = z
  .strictObject({
    teams: z.record(z.string().min(1).superRefine(refineName), BudgetSchema).default({}),
    services: z.record(z.string().min(1).superRefine(refineName), BudgetSchema).default({}),
    thresholds: z.array(z.number().positive()).default([50, 80, 100]).describe('Alert thresholds in percent.'),
  })
  .describe('Monthly budgets by team and service.');
export type Budgets = z.infer<typeof BudgetsSchema>;

/** The cost configuration file (`--cost-config`). Every part is optional. */
export const CostConfigSchema = z
  .strictObject({
    metric: z.enum(FOCUS_METRICS).default('BilledCost'),
    onBadRow: z.enum(['error', 'skip']).default('error'),
    allocation: AllocationSchema.default(AllocationSchema.parse({})),
    anomalies: AnomalySettingsSchema.default(AnomalySettingsSchema.parse({})),
    budgets: BudgetsSchema.default(BudgetsSchema.parse({})),
  })
  .describe('How billing data is read, allocated and analysed.');
export type CostConfig = z.infer<typeof CostConfigSchema>;
export type CostConfigInput = z.input<typeof CostConfigSchema>;

/** Where a row's cost goes. */
export type Target = { readonly kind: 'service'; readonly service: string } | { readonly kind: 'shared' } | null;

/** A tag value that cannot name a service (a look-alike): the row is bad, this says why. */
export interface TagProblem {
  readonly kind: 'bad';
  /** The tag key whose value was refused. */
  readonly key: string;
  readonly message: string;
}

/**
 * A tag value as the service it names: spaces (U+0020) around it trimmed, then lower-cased
 * (undefined when nothing remains: the next tag key is tried); or,
 * when what remains is not a usable name ({@link nameProblem}: control or format characters, a
 * space character other than U+0020 at an end, not NFC), why not. DuckDB's `trim` removes the same
 * spaces, so both engines read a value alike.
 */
export function tagServiceName(value: string): { service: string } | { problem: string } | undefined {
  const trimmed = value.replace(/^ +| +$/g, '');
  if (trimmed === '') return undefined;
  const problem = nameProblem(trimmed);
  return problem === undefined ? { service: trimmed.toLowerCase() } : { problem };
}

const SHARED: Target = { kind: 'shared' };

/** A glob as an anchored regular expression (same meaning as SQL `GLOB` for `*` and `?`). */
export function globToRegExp(glob: string): RegExp {
  const body = [...glob]
    .map((ch) => (ch === '*' ? '[\\s\\S]*' : ch === '?' ? '[\\s\\S]' : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'u');
}

/** Cache entries kept before a cache is cleared (memory stays bounded). */
const CACHE_LIMIT = 50_000;

/**
 * Decides the target of rows. Decisions are cached by the Tags text and by the pattern fields,
 * which repeat heavily in real exports, so a million rows parse only their distinct tag sets.
 */
export class Allocator {
  readonly #config: Allocation;
  readonly #tagCache = new Map<string, Target | TagProblem | undefined>();
  readonly #patternCache = new Map<string, Target>();
  readonly #patterns: { field: PatternField; re: RegExp; target: Target }[];
  readonly #sharedValues: ReadonlySet<string>;
  readonly #serviceTargets = new Map<string, Target>();
  readonly #patternFields: readonly PatternField[];

  constructor(config: Allocation) {
    this.#config = config;
    this.#patterns = config.patterns.map((p) => ({
      field: p.field,
      re: globToRegExp(p.match),
      target: this.#service(p.service.trim().toLowerCase()),
    }));
    this.#patternFields = [...new Set(this.#patterns.map((p) => p.field))];
    this.#sharedValues = new Set(config.sharedServiceValues.map((v) => v.toLowerCase()));
  }

  /** Fields the pattern rules read. */
  get patternFields(): readonly PatternField[] {
    return this.#patternFields;
  }

  /**
   * The decision from tags alone: a target, or undefined to fall through to patterns. With
   * `escaped`, `tags` is a CSV cell's raw text whose quotes are still doubled.
   */
  fromTags(tags: string | null, escaped = false): Target | TagProblem | undefined {
    if (tags === null) return undefined;
    const cached = this.#tagCache.get(tags);
    if (cached !== undefined || this.#tagCache.has(tags)) return cached;
    const decision = this.#decideTags(escaped ? tags.replaceAll('""', '"') : tags);
    if (this.#tagCache.size >= CACHE_LIMIT) this.#tagCache.clear();
    this.#tagCache.set(JSON.parse(JSON.stringify(tags)) as string, decision);
    return decision;
  }

  /** One target object per service, so that targets can be compared by identity. */
  #service(name: string): Target {
    let target = this.#serviceTargets.get(name);
    if (target === undefined) {
      target = { kind: 'service', service: name };
      this.#serviceTargets.set(name, target);
    }
    return target;
  }

  #decideTags(tags: string): Target | TagProblem | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(tags);
    } catch {
      return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const record = parsed as Record<string, unknown>;
    const shared = Object.hasOwn(record, this.#config.sharedTag.key) ? record[this.#config.sharedTag.key] : undefined;
    if (typeof shared === 'string' && shared.toLowerCase() === this.#config.sharedTag.value.toLowerCase()) {
      return SHARED;
    }
    for (const key of this.#config.tagKeys) {
      const value = Object.hasOwn(record, key) ? record[key] : undefined;
      if (typeof value !== 'string') continue;
      const name = tagServiceName(value);
      if (name === undefined) continue;
      if ('problem' in name) return { kind: 'bad', key, message: `tag "${key}" ${name.problem}` };
      return this.#sharedValues.has(name.service) ? SHARED : this.#service(name.service);
    }
    return undefined;
  }

  /** The decision from the pattern rules, given the row's pattern-field values. */
  fromPatterns(values: Readonly<Record<PatternField, string | null>>): Target {
    if (this.#patterns.length === 0) return null;
    const key = this.#patternFields.map((f) => values[f] ?? '\u0000').join('\u0001');
    const cached = this.#patternCache.get(key);
    if (cached !== undefined) return cached;
    let decision: Target = null;
    for (const p of this.#patterns) {
      const value = values[p.field];
      if (value !== null && p.re.test(value)) {
        decision = p.target;
        break;
      }
    }
    if (this.#patternCache.size >= CACHE_LIMIT) this.#patternCache.clear();
    this.#patternCache.set(JSON.parse(JSON.stringify(key)) as string, decision);
    return decision;
  }
}
