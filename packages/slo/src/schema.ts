import { refineName } from '@pt/input';
import * as z from 'zod';

/** A percentage: a finite number in 0..100. */
const percent = z.number().min(0).max(100);

/**
 * One service level objective as written in a fleet file: a target attainment and the
 * currently measured attainment, both in percent.
 */
export const SloSchema = z
  .strictObject({
    name: z.string().min(1).superRefine(refineName).describe('Unique within the service, e.g. "availability".'),
    target: percent.gt(0).describe('Objective in percent, 0 < target <= 100, e.g. 99.9.'),
    current: percent.describe('Measured attainment in percent, 0..100.'),
  })
  .describe('A service level objective and its current attainment.');

/** A service level objective (type derived from {@link SloSchema}). */
export type Slo = z.infer<typeof SloSchema>;
