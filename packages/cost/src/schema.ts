import * as z from 'zod';
import { MAX_AMOUNT_UNITS } from './billing/money.js';

/** Larger amounts are refused: the sums, averages and changes derived from them must stay finite numbers. */
const AMOUNT_LIMIT = `must be at most ${MAX_AMOUNT_UNITS} (10^15), so that sums of amounts stay representable`;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/**
 * Indexes of entries whose month repeats an earlier entry's. Reads its input defensively, so
 * it can also run on data that failed other checks (every error is reported at once).
 */
export function duplicateMonthIndexes(entries: readonly unknown[]): number[] {
  const seen = new Set<string>();
  const duplicates: number[] = [];
  entries.forEach((entry, index) => {
    const month = typeof entry === 'object' && entry !== null ? (entry as { month?: unknown }).month : undefined;
    if (typeof month !== 'string') return;
    if (seen.has(month)) duplicates.push(index);
    seen.add(month);
  });
  return duplicates;
}

/** One month of spend for a service. */
export const CostEntrySchema = z
  .strictObject({
    month: z.string().regex(MONTH, 'must be a month as YYYY-MM').describe('Calendar month, YYYY-MM.'),
    amount: z.number().min(0).max(MAX_AMOUNT_UNITS, AMOUNT_LIMIT).describe('Spend in the month, >= 0, at most 10^15.'),
  })
  .describe('Spend of one month.');

/** The cost section of a service: a monthly budget and monthly spend, in one currency. */
export const CostSchema = z
  .strictObject({
    budgetMonthly: z
      .number()
      .min(0)
      .max(MAX_AMOUNT_UNITS, AMOUNT_LIMIT)
      .optional()
      .describe('Monthly budget, >= 0 and at most 10^15; 0 or absent means no budget.'),
    currency: z
      .string()
      .refine((c) => CURRENCIES.has(c), 'must be an ISO 4217 currency code such as USD')
      .optional()
      .describe('ISO 4217 code; USD when absent.'),
    entries: z
      .array(CostEntrySchema)
      .superRefine(
        (entries: unknown, ctx) => {
          // Runs even when entries have other problems (so every error is reported at once),
          // hence even when `entries` is not a list at all.
          if (!Array.isArray(entries)) return;
          for (const index of duplicateMonthIndexes(entries)) {
            const month = (entries[index] as CostEntry).month;
            ctx.addIssue({
              code: 'custom',
              path: [index, 'month'],
              message: `duplicate month "${month}"`,
              input: month,
              params: { complete: true },
            });
          }
        },
        { when: () => true },
      )
      .optional()
      .describe('Monthly spend; order does not matter, months are unique.'),
  })
  .describe('Budget and monthly spend of a service.');

export type CostEntry = z.infer<typeof CostEntrySchema>;
export type Cost = z.infer<typeof CostSchema>;

/** Direction of spend between the two latest months. */
export const CostTrendSchema = z.enum(['stable', 'increasing', 'spiking', 'decreasing']);
export type CostTrend = z.infer<typeof CostTrendSchema>;

/** The currency assumed when a cost section names none. */
export const DEFAULT_CURRENCY = 'USD';
