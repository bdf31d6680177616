import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastEvent } from './fast.js';
import { EventSchema } from './schema.js';

/** Values valid and invalid for every field, so that generated records land on both sides. */
const stamp = fc.constantFrom(
  '2026-11-02T10:00:00Z',
  '2026-11-02T12:00:00+02:00',
  '2026-11-01T09:00:00-05:00',
  '2026-11-02T10:00:00',
  '2026-02-30T10:00:00Z',
  '',
);
const anyValue = fc.oneof(
  fc.constantFrom('x', '', 'a'.repeat(201), 'success', 'failed', 'rolled-back', 'done', 'sev1'),
  stamp,
  fc.boolean(),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.constantFrom('c1', '', 3), { maxLength: 3 }),
);
const fields = [
  'type',
  'id',
  'service',
  'team',
  'time',
  'status',
  'changes',
  'unplanned',
  'start',
  'resolved',
  'severity',
  'deployment',
  'extra',
];
const okStamp = fc.constantFrom('2026-11-02T10:00:00Z', '2026-11-02T12:00:00+02:00', '2026-11-03T09:00:00-05:00');
const optional = { requiredKeys: [] as never[] };
/** Valid records of each type (optional fields present or not)... */
const validArb = fc.oneof(
  fc
    .record({
      type: fc.constant('deployment'),
      id: fc.constant('d1'),
      service: fc.constant('api'),
      time: okStamp,
      status: fc.constantFrom('success', 'failed', 'rolled-back'),
    })
    .chain((base) =>
      fc
        .record(
          { team: fc.constant('t'), changes: fc.array(fc.constant('c1'), { maxLength: 2 }), unplanned: fc.boolean() },
          optional,
        )
        .map((more) => ({ ...base, ...more })),
    ),
  fc.record({ type: fc.constant('change'), id: fc.constant('c1'), service: fc.constant('api'), time: okStamp }),
  fc
    .record({
      type: fc.constant('incident'),
      id: fc.constant('i1'),
      service: fc.constant('api'),
      start: okStamp,
      severity: fc.constant('sev1'),
    })
    .chain((base) =>
      fc
        .record({ resolved: okStamp, deployment: fc.constant('d1'), team: fc.constant('t') }, optional)
        .map((more) => ({ ...base, ...more })),
    ),
);
/** ...then, half of the time, one or two fields set to anything (valid or not). */
const recordArb = fc
  .tuple(validArb, fc.option(fc.dictionary(fc.constantFrom(...fields), anyValue, { minKeys: 1, maxKeys: 2 })))
  .map(([base, noise]) => ({ ...base, ...(noise ?? {}) }));

describe('fastEvent', () => {
  it('accepts exactly what EventSchema accepts, with the same value', () => {
    const seen = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(recordArb, (raw) => {
        const slow = EventSchema.safeParse(raw);
        const fast = fastEvent(raw);
        seen[slow.success ? 'valid' : 'invalid']++;
        if (slow.success) expect(fast).toEqual(slow.data);
        else expect(fast).toBeNull();
      }),
      { numRuns: 3000 },
    );
    // Both sides were exercised.
    expect(seen.valid).toBeGreaterThan(100);
    expect(seen.invalid).toBeGreaterThan(100);
  });

  it('rejects keys that are not plain data', () => {
    const raw = JSON.parse(
      '{"type":"change","id":"c","service":"s","time":"2026-11-02T10:00:00Z","__proto__":{}}',
    ) as unknown;
    expect(fastEvent(raw)).toBeNull();
    expect(EventSchema.safeParse(raw).success).toBe(false);
  });
});
