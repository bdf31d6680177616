import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '../events/schema.js';
import { DAY, HOUR, MIN, WINDOW, change, deploy, incident } from './fixtures.js';
import { DORA_2024, frequencyBucket, levelFor, worstLevel } from './levels.js';
import { doraByGroup, doraMetrics } from './metrics.js';
import { median, percentile } from './stats.js';

const deploys = (count: number) => Array.from({ length: count }, (_, i) => deploy(i));

describe('deployment frequency over a 28-day window', () => {
  it.each([
    // deployments, per day, per week, bucket, level
    [1, 1 / 28, 0.25, 'weekly-monthly', 'medium'],
    [3, 3 / 28, 0.75, 'weekly-monthly', 'medium'],
    [4, 1 / 7, 1, 'daily-weekly', 'high'],
    [28, 1, 7, 'daily-weekly', 'high'],
    [29, 29 / 28, 7.25, 'on-demand', 'elite'],
  ])('%s deployments → %s/day, %s/week, %s, %s', (count, perDay, perWeek, bucket, level) => {
    expect(doraMetrics(deploys(count), WINDOW).deploymentFrequency).toEqual({
      deployments: count,
      perDay,
      perWeek,
      bucket,
      level,
    });
  });

  it('counts a deployment at the window start, not one at its end (half-open)', () => {
    const m = doraMetrics([deploy(0), deploy(28 * 24), deploy(-1)], WINDOW);
    expect(m.deploymentFrequency?.deployments).toBe(1);
  });

  it('has no data, not zero, without deployments in the window', () => {
    const m = doraMetrics([deploy(-5), change('c', 3)], WINDOW);
    expect(m.deploymentFrequency).toBeNull();
    expect(m.changeFailureRate).toBeNull();
    expect(m.reworkRate).toBeNull();
    expect(m.level).toBeNull();
  });

  it.each([
    [2, 'on-demand'],
    [1, 'daily-weekly'],
    [1 / 7, 'daily-weekly'],
    [1 / 7 - 1e-9, 'weekly-monthly'],
    [1 / 30, 'weekly-monthly'],
    [1 / 90, 'monthly-six-monthly'],
    [1 / 180, 'monthly-six-monthly'],
    [1 / 200, 'less'],
  ])('bucket of %s a day is %s', (perDay, bucket) => {
    expect(frequencyBucket(perDay)).toBe(bucket);
  });
});

describe('lead time for changes', () => {
  it('odd count: median is the middle one, p90 the nearest rank', () => {
    // 1 h, 3 h, 10 h → median 3 h; p90 rank ceil(2.7) = 3 → 10 h
    const events = [
      change('a', 0),
      change('b', 1),
      change('c', 2),
      deploy(1, 'success', { changes: ['a'] }),
      deploy(4, 'success', { changes: ['b'] }),
      deploy(12, 'success', { changes: ['c'] }),
    ];
    expect(doraMetrics(events, WINDOW).leadTime).toEqual({ changes: 3, medianHours: 3, p90Hours: 10, level: 'elite' });
  });

  it('even count: median is the mean of the two middle ones', () => {
    // 1 h, 2 h, 4 h, 30 h → median 3 h; p90 rank ceil(3.6) = 4 → 30 h
    const events = [
      change('a', 10),
      change('b', 10),
      change('c', 10),
      change('d', 10),
      deploy(11, 'success', { changes: ['a'] }),
      deploy(12, 'success', { changes: ['b'] }),
      deploy(14, 'success', { changes: ['c'] }),
      deploy(40, 'success', { changes: ['d'] }),
    ];
    expect(doraMetrics(events, WINDOW).leadTime).toEqual({ changes: 4, medianHours: 3, p90Hours: 30, level: 'elite' });
  });

  it('compares instants, not wall clocks: offsets are applied', () => {
    // 10:00+02:00 is 08:00Z; deployed 09:30Z → 1.5 h
    const events: DeliveryEvent[] = [
      { type: 'change', id: 'tz', service: 'api', time: Date.parse('2026-11-02T10:00:00+02:00') },
      {
        type: 'deployment',
        id: 'd',
        service: 'api',
        time: Date.parse('2026-11-02T09:30:00Z'),
        status: 'success',
        changes: ['tz'],
      },
    ];
    expect(doraMetrics(events, WINDOW).leadTime?.medianHours).toBe(1.5);
  });

  it('counts a change once, at its first successful deployment; failed ones ship nothing', () => {
    const events = [
      change('a', 0),
      deploy(2, 'failed', { changes: ['a'] }),
      deploy(5, 'rolled-back', { changes: ['a'] }),
      deploy(48, 'success', { changes: ['a'] }),
      deploy(24, 'success', { changes: ['a', 'ghost'] }),
      deploy(30), // no changes: counts as a deployment, adds no lead time
    ];
    const m = doraMetrics(events, WINDOW);
    expect(m.leadTime).toEqual({ changes: 1, medianHours: 24, p90Hours: 24, level: 'high' });
    expect(m.deploymentFrequency?.deployments).toBe(5);
    expect(m.notes.unknownChanges).toBe(1);
  });

  it('leaves out changes first shipped before the window, and counts clock-skewed ones', () => {
    const events = [
      change('old', -48),
      deploy(-24, 'success', { changes: ['old'] }),
      deploy(5, 'success', { changes: ['old'] }),
      change('future', 10),
      deploy(9, 'success', { changes: ['future'] }),
    ];
    const m = doraMetrics(events, WINDOW);
    expect(m.leadTime).toBeNull();
    expect(m.notes.changesAfterDeployment).toBe(1);
  });

  it.each([
    [23 * HOUR, 'elite'],
    [DAY, 'high'],
    [7 * DAY, 'high'],
    [7 * DAY + 1, 'medium'],
    [30 * DAY, 'medium'],
    [31 * DAY, 'low'],
  ])('median lead time %s ms → %s', (ms, level) => {
    expect(levelFor(DORA_2024.leadTime, ms)).toBe(level);
  });
});

describe('change failure rate', () => {
  it('counts failed, rolled-back, and incident-linked deployments once each', () => {
    const linked = deploy(3);
    const events = [
      deploy(1),
      deploy(2, 'failed'),
      deploy(4, 'rolled-back', { id: 'rb' }),
      linked,
      incident(5, 6, { deployment: linked.id }),
      incident(7, 8, { deployment: linked.id }),
      incident(9, 10, { deployment: 'rb' }),
      incident(11, 12), // no known cause: not a change failure
    ];
    expect(doraMetrics(events, WINDOW).changeFailureRate).toEqual({
      deployments: 4,
      failed: 3,
      rate: 0.75,
      level: 'low',
    });
  });

  it.each([
    ['a single successful deployment', [deploy(1)], { deployments: 1, failed: 0, rate: 0, level: 'elite' }],
    ['a single failed deployment', [deploy(1, 'failed')], { deployments: 1, failed: 1, rate: 1, level: 'low' }],
    [
      'a single rolled-back deployment',
      [deploy(1, 'rolled-back')],
      { deployments: 1, failed: 1, rate: 1, level: 'low' },
    ],
    [
      'a single successful deployment that caused an incident',
      [deploy(1, 'success', { id: 'only' }), incident(2, 3, { deployment: 'only' })],
      { deployments: 1, failed: 1, rate: 1, level: 'low' },
    ],
  ] as const)('%s', (_what, events, expected) => {
    expect(doraMetrics(events, WINDOW).changeFailureRate).toEqual(expected);
  });

  it.each([
    [0, 'elite'],
    [0.05, 'elite'],
    [0.06, 'high'],
    [0.1, 'high'],
    [0.2, 'high'],
    [0.21, 'low'],
    [1, 'low'],
  ])('rate %s → %s (2024: medium 10% sits below high 20%, so no rate alone is medium)', (rate, level) => {
    expect(levelFor(DORA_2024.changeFailureRate, rate)).toBe(level);
  });
});

describe('time to restore', () => {
  it('odd count: median of incidents started in the window and resolved by its end', () => {
    const events = [
      incident(0, 0.5), // 30 min
      incident(10, 11.5), // 90 min
      incident(20, 30), // 600 min
      incident(-2, 1), // started before the window
      incident(100, undefined), // still open
      incident(28 * 24 - 1, 28 * 24 + 1), // resolved after the window's end: open at the end
    ];
    const m = doraMetrics(events, WINDOW);
    expect(m.timeToRestore).toEqual({ incidents: 3, medianMinutes: 90 });
    expect(m.notes.openIncidents).toBe(2);
  });

  it('even count: mean of the two middle durations', () => {
    const m = doraMetrics([incident(0, 20 / 60), incident(5, 5 + 40 / 60)], WINDOW);
    expect(m.timeToRestore).toEqual({ incidents: 2, medianMinutes: 30 });
  });

  it('is not classified: the levels apply to failed deployment recovery time', () => {
    const m = doraMetrics([deploy(0), incident(1, 100)], WINDOW);
    expect(m.timeToRestore).toEqual({ incidents: 1, medianMinutes: 99 * 60 });
    expect(m.failedDeploymentRecoveryTime).toBeNull();
    // 1 deployment in 28 days is medium; a 99 h restore would have made it low
    expect(m.level).toBe('medium');
  });
});

describe('failed deployment recovery time (DORA 2024)', () => {
  it('median time from each failed deployment to the next successful one of its service', () => {
    const events = [
      deploy(1, 'failed'), // → 1.5 h later (success at 2.5)
      deploy(2.5),
      deploy(10, 'rolled-back'), // → 30 min later
      deploy(10.5),
      deploy(20, 'success', { id: 'bad' }), // named by an incident → 4 h later (success at 24)
      incident(20.1, 21, { deployment: 'bad' }),
      deploy(21, 'success', { service: 'web' }), // another service's success does not recover api
      deploy(24),
      deploy(30, 'failed'), // recovered after the window's end: unrecovered
      deploy(28 * 24 + 1),
    ];
    const m = doraMetrics(events, WINDOW);
    // 30, 90, 240 min → median 90 min: high
    expect(m.failedDeploymentRecoveryTime).toEqual({ deployments: 3, medianMinutes: 90, level: 'high' });
    expect(m.notes.unrecoveredDeployments).toBe(1);
    // the incident's own time to restore is apart: 54 min
    expect(m.timeToRestore?.medianMinutes).toBeCloseTo(54, 9);
  });

  it('a failed deployment followed by another failed one waits for the success after both', () => {
    const m = doraMetrics([deploy(1, 'failed'), deploy(2, 'failed'), deploy(3)], WINDOW);
    // 2 h and 1 h → median 1.5 h
    expect(m.failedDeploymentRecoveryTime).toEqual({ deployments: 2, medianMinutes: 90, level: 'high' });
  });

  it('the level of the service follows recovery time, not incident time to restore', () => {
    const events = [deploy(1, 'failed'), deploy(1.5), incident(2, 100)];
    expect(doraMetrics(events, WINDOW).failedDeploymentRecoveryTime?.level).toBe('elite');
  });

  it.each([
    [59 * MIN, 'elite'],
    [HOUR, 'high'],
    [DAY - 1, 'high'],
    [DAY, 'low'],
  ])('%s ms → %s', (ms, level) => {
    expect(levelFor(DORA_2024.failedDeploymentRecoveryTime, ms)).toBe(level);
  });
});

describe('rework rate and the service level', () => {
  it('is unplanned deployments over deployments', () => {
    const events = [deploy(1, 'success', { unplanned: true }), deploy(2), deploy(3, 'failed'), deploy(4)];
    expect(doraMetrics(events, WINDOW).reworkRate).toEqual({ deployments: 4, unplanned: 1, rate: 0.25 });
  });

  it('a service is as good as its worst classified metric', () => {
    expect(worstLevel(['elite', null, 'medium', 'high'])).toBe('medium');
    expect(worstLevel([null, null])).toBeNull();
    // 30 deployments (elite), CFR 1/30 (elite), recovery 90 min (high) → high
    const events = [...deploys(28), deploy(30, 'failed'), deploy(31.5)];
    expect(doraMetrics(events, WINDOW).level).toBe('high');
  });
});

describe('stats', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('median %j = %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
  it.each([
    [[], 90, null],
    [[7], 90, 7],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10],
    [[10, 20], 50, 10],
  ])('percentile %j p%s = %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe('doraByGroup', () => {
  it('counts an incident against the deployment it names, even in another service', () => {
    const events: DeliveryEvent[] = [
      deploy(1, 'success', { id: 'pay-1', service: 'payments' }),
      deploy(2, 'success', { id: 'pay-2', service: 'payments' }),
      incident(3, 4, { service: 'checkout', deployment: 'pay-2' }),
    ];
    const payments = doraByGroup(events, WINDOW).groups.find((g) => g.group === 'payments');
    expect(payments?.metrics.changeFailureRate).toEqual({ deployments: 2, failed: 1, rate: 0.5, level: 'low' });
  });

  it('groups by service by default, sorted, and counts events without a group per service', () => {
    const events: DeliveryEvent[] = [
      deploy(1, 'success', { service: 'web' }),
      deploy(2),
      deploy(3, 'success', { service: 'zz' }),
      change('c', 1, 'zz'),
    ];
    const byGroup = doraByGroup(events, WINDOW, (e) => (e.service === 'zz' ? undefined : e.service));
    expect(byGroup.groups.map((g) => [g.group, g.events])).toEqual([
      ['api', 1],
      ['web', 1],
    ]);
    expect(byGroup.ungrouped).toEqual([{ service: 'zz', events: 2 }]);
  });
});

// Property tests: arbitrary event sets over a few services.
const hours = fc.integer({ min: -24 * 40, max: 24 * 40 });
const eventArb: fc.Arbitrary<DeliveryEvent> = fc.oneof(
  fc
    .record({
      id: fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5', 'd6'),
      h: hours,
      status: fc.constantFrom('success' as const, 'failed' as const, 'rolled-back' as const),
      changes: fc.array(fc.constantFrom('c1', 'c2', 'c3', 'c4'), { maxLength: 3 }),
      unplanned: fc.boolean(),
    })
    .map(({ id, h, status, changes, unplanned }) => deploy(h, status, { id, changes, unplanned })),
  fc.record({ id: fc.constantFrom('c1', 'c2', 'c3', 'c4'), h: hours }).map(({ id, h }) => change(id, h)),
  fc
    .record({
      h: hours,
      len: fc.option(fc.integer({ min: 0, max: 24 * 5 })),
      cause: fc.option(fc.constantFrom('d1', 'd2')),
    })
    .map(({ h, len, cause }) =>
      incident(h, len === null ? undefined : h + len, cause === null ? {} : { deployment: cause }),
    ),
);
/** Unique ids per type, as the parser guarantees. */
const eventsArb = fc.array(eventArb, { maxLength: 40 }).map((events) => {
  const seen = new Set<string>();
  return events.filter((e) => {
    const key = `${e.type}:${e.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
});

describe('properties', () => {
  it('change failure rate and rework rate are in [0, 1]', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const m = doraMetrics(events, WINDOW);
        for (const rate of [m.changeFailureRate?.rate, m.reworkRate?.rate]) {
          if (rate !== undefined) {
            expect(rate).toBeGreaterThanOrEqual(0);
            expect(rate).toBeLessThanOrEqual(1);
          }
        }
      }),
    );
  });

  it('metrics do not depend on the order of events', () => {
    fc.assert(
      fc.property(
        eventsArb.chain((events) =>
          fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
        ),
        ([events, shuffled]) => {
          expect(doraMetrics(shuffled, WINDOW)).toEqual(doraMetrics(events, WINDOW));
        },
      ),
    );
  });

  it('no metric is 0-as-if-measured: each is null exactly when its sample is empty', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const m = doraMetrics(events, WINDOW);
        const deployed = events.filter((e) => e.type === 'deployment' && e.time >= WINDOW.start && e.time < WINDOW.end);
        expect(m.deploymentFrequency === null).toBe(deployed.length === 0);
        expect(m.leadTime === null || m.leadTime.changes > 0).toBe(true);
        expect(m.timeToRestore === null || m.timeToRestore.incidents > 0).toBe(true);
      }),
    );
  });
});
