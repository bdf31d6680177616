/**
 * Valid fleets for property tests, built from the ranges of the fleet schema (DESIGN §2). Numbers
 * lean towards the thresholds of the health rules so that boundaries are hit often.
 */
import { nameProblem } from '@pt/input';
import fc from 'fast-check';
import { SERVICE_NAME_PATTERN, type Fleet, type ServiceSpec } from './schema.js';

/** A double in [min, max], never -0 (JSON cannot tell -0 from 0). */
export const double = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x));

export const percentArb = fc.oneof(
  double(0, 100),
  fc.constantFrom(0, 5, 15, 30, 50, 98, 99, 99.5, 99.9, 99.95, 99.99, 100),
);
export const targetArb = fc.oneof(
  fc.double({ min: 0, max: 100, minExcluded: true, noNaN: true }),
  fc.constantFrom(90, 99, 99.5, 99.9, 99.99, 100),
);
export const amountArb = fc.oneof(double(0, 1e7), fc.constantFrom(0, 1.005, 2.675, 3000, 3500));

export const sloArb = fc.record({
  name: fc.string({ minLength: 1, maxLength: 12 }).filter((n) => nameProblem(n) === undefined),
  target: targetArb,
  current: percentArb,
});

export const monthArb = fc
  .integer({ min: 0, max: 239 })
  .map((m) => `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
export const entriesArb = fc.uniqueArray(fc.record({ month: monthArb, amount: amountArb }), {
  selector: (e) => e.month,
  maxLength: 6,
});
export const costArb = fc.record(
  {
    budgetMonthly: fc.oneof(amountArb, fc.constant(0)),
    currency: fc.constantFrom('USD', 'EUR', 'JPY', 'GBP'),
    entries: entriesArb,
  },
  { requiredKeys: [] },
);

export const reliabilityArb = fc.record({
  uptimePct: percentArb,
  mttrMinutes: fc.oneof(double(0, 10_000), fc.constantFrom(0, 5, 15, 30, 60, 61)),
  incidents30d: fc.oneof(fc.nat({ max: 100 }), fc.constantFrom(0, 2, 5, 6)),
  changeFailureRatePct: percentArb,
});

export const governanceArb = fc.record(
  {
    runbook: fc.boolean(),
    monitoring: fc.boolean(),
    ownership: fc.boolean(),
    documentation: fc.boolean(),
    incidentResponse: fc.boolean(),
  },
  { requiredKeys: [] },
);

export const serviceArb: fc.Arbitrary<ServiceSpec> = fc.record(
  {
    name: fc.stringMatching(SERVICE_NAME_PATTERN),
    // Any team the schema takes: a name with a space at an end is a look-alike, refused.
    team: fc.oneof(
      fc.constantFrom('platform', 'payments', 'storefront'),
      fc.string({ minLength: 1, maxLength: 10 }).filter((t) => nameProblem(t) === undefined),
    ),
    tier: fc.integer({ min: 1, max: 3 }),
    slos: fc.uniqueArray(sloArb, { selector: (s) => s.name, maxLength: 4 }),
    cost: costArb,
    reliability: reliabilityArb,
    governance: governanceArb,
  },
  { requiredKeys: ['name', 'team'] },
);

export const fleetArb: fc.Arbitrary<Fleet> = fc
  .uniqueArray(serviceArb, { selector: (s) => s.name, maxLength: 8 })
  .map((services) => ({ apiVersion: 'pt/v1' as const, kind: 'Fleet' as const, services }));

/**
 * `text` with one slice deleted, repeated or replaced by `insert`: broken variants of a valid
 * file, for fuzzing parsers. The slice is at most `maxLength` characters.
 */
export function mutatedText(
  text: string,
  options: { readonly maxLength: number; readonly insert: fc.Arbitrary<string> },
): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.nat(text.length),
      fc.nat(options.maxLength),
      fc.constantFrom('delete', 'repeat', 'replace'),
      options.insert,
    )
    .map(([at, length, how, insert]) => {
      const slice = text.slice(at, at + length);
      const rest = text.slice(at + length);
      if (how === 'delete') return text.slice(0, at) + rest;
      if (how === 'repeat') return text.slice(0, at) + slice + slice + rest;
      return text.slice(0, at) + insert + rest;
    });
}
