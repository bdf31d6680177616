import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FocusAggregator } from './aggregate.js';
import { AllocationSchema } from './allocation.js';
import { cutCube, describeRange, parseDayRange } from './range.js';
import { allocate, summarize } from './split.js';
import { allocationForTag, parseGrouping } from './tags.js';

const SAMPLE = readFileSync(new URL('../../test/fixtures/focus/focus_sample.csv', import.meta.url), 'utf8');
const cubeOf = (allocation = AllocationSchema.parse({})) => {
  const agg = new FocusAggregator({ metric: 'BilledCost', onBadRow: 'error', allocation });
  agg.write(SAMPLE);
  return agg.end();
};

describe('parseDayRange', () => {
  it.each([
    [{ month: '2024-09' }, { from: '2024-09-01', to: '2024-10-01' }],
    [{ month: '2024-12' }, { from: '2024-12-01', to: '2025-01-01' }],
    [{ from: '2024-09-10' }, { from: '2024-09-10', to: undefined }],
    [
      { from: '2024-09-10', to: '2024-09-11' },
      { from: '2024-09-10', to: '2024-09-11' },
    ],
    [{}, null],
  ])('%j → %j', (input, range) => {
    expect(parseDayRange(input)).toEqual({ ok: true, range });
  });
  it.each([
    [{ month: '2024-13' }, '--month must be a month YYYY-MM; got "2024-13"'],
    [{ month: '2024-09', from: '2024-09-01' }, '--month cannot be combined with --from or --to'],
    [{ from: '2024-02-30' }, '--from must be a date YYYY-MM-DD (UTC); got "2024-02-30"'],
    [{ to: '2024-09-01T10:00' }, '--to must be a date YYYY-MM-DD (UTC); got "2024-09-01T10:00"'],
    [
      { from: '2024-09-02', to: '2024-09-02' },
      '--to (2024-09-02) must be after --from (2024-09-02); the range is half-open',
    ],
  ])('%j is refused', (input, message) => {
    expect(parseDayRange(input)).toEqual({ ok: false, message });
  });
});

describe('cutCube', () => {
  const cube = cubeOf();
  const total = (c: typeof cube) => c.cells.reduce((a, x) => a + x.amount, 0n);
  it('splits the rows and the total exactly into inside and outside (half-open at the split day)', () => {
    const before = cutCube(cube, { to: '2024-09-15' });
    const after = cutCube(cube, { from: '2024-09-15' });
    expect(before.rowsInside + after.rowsInside).toBe(1000);
    expect(before.rowsOutside).toBe(after.rowsInside);
    expect(total(before.cube) + total(after.cube)).toBe(total(cube));
    expect(before.lastDay! < '2024-09-15').toBe(true);
    expect(after.firstDay! >= '2024-09-15').toBe(true);
  });
  it('a month with no data: nothing inside, every row outside, said', () => {
    const cut = cutCube(cube, { from: '2024-10-01', to: '2024-11-01' });
    expect(cut).toMatchObject({ rowsInside: 0, rowsOutside: 1000, firstDay: null });
    expect(describeRange(cut, { from: '2024-10-01', to: '2024-11-01' })).toBe(
      'Range: ChargePeriodStart from 2024-10-01 to before 2024-11-01 (UTC); no rows in it; 0 rows in it, 1000 rows outside left out',
    );
  });
});

describe('grouping by a tag', () => {
  it('parses --by', () => {
    expect(parseGrouping('tag:application')).toEqual({ ok: true, grouping: { by: 'service', tag: 'application' } });
    expect(parseGrouping('month')).toEqual({ ok: true, grouping: { by: 'month' } });
    expect(parseGrouping('tag:')).toMatchObject({ ok: false });
    expect(parseGrouping('tag:a"b')).toMatchObject({ ok: false });
    expect(parseGrouping('colour')).toMatchObject({ ok: false });
  });
  it('allocates the sample by its application tag: tagged rows leave (unallocated), the total is unchanged', () => {
    const plain = summarize(allocate(cubeOf(), { method: 'proportional' }), 'service')[0]!;
    const allocation = allocationForTag(AllocationSchema.parse({}), 'application');
    const tagged = summarize(allocate(cubeOf(allocation), { method: 'proportional' }), 'service')[0]!;
    expect(plain.groups.map((g) => g.key)).toEqual(['(unallocated)']);
    expect(tagged.total).toBe(plain.total);
    expect(tagged.groups.length).toBeGreaterThan(1);
    expect(tagged.groups.reduce((a, g) => a + g.amount, 0n)).toBe(tagged.total);
  });
});
