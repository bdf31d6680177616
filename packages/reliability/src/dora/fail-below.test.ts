import { describe, expect, it } from 'vitest';
import { DoraLevelSchema, isBelowLevel } from './levels.js';
import { groupsBelow, type DoraGroupReport, type DoraReport } from './report.js';

const group = (name: string, level: DoraGroupReport['level']) => ({ name, level }) as unknown as DoraGroupReport;
const report = (groups: DoraGroupReport[]) => ({ groups }) as unknown as DoraReport;

describe('isBelowLevel', () => {
  const levels = DoraLevelSchema.options;
  it.each(levels.flatMap((level, i) => levels.map((floor, j) => [level, floor, i > j] as const)))(
    '%s below %s: %s',
    (level, floor, expected) => {
      expect(isBelowLevel(level, floor)).toBe(expected);
    },
  );
});

describe('groupsBelow', () => {
  const groups = [group('a', 'elite'), group('b', 'high'), group('c', 'medium'), group('d', 'low'), group('e', null)];
  it.each([
    ['elite', ['b', 'c', 'd']],
    ['high', ['c', 'd']],
    ['medium', ['d']],
    ['low', []],
  ] as const)('below %s: %j; the group without a level is unrated', (floor, expected) => {
    const result = groupsBelow(report(groups), floor);
    expect(result.below.map((g) => g.name)).toEqual(expected);
    expect(result.unrated.map((g) => g.name)).toEqual(['e']);
  });
});
