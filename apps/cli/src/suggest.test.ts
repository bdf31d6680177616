import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { didYouMean, editDistance, nearest } from './suggest.js';

const COMMANDS = ['report', 'validate', 'demo', 'diff', 'schema', 'slo', 'cost', 'dora', 'governance', 'completion'];

describe('nearest', () => {
  it.each([
    ['reprot', COMMANDS, ['report']],
    ['raport', COMMANDS, ['report']],
    ['valdiate', COMMANDS, ['validate']],
    ['gov', COMMANDS, ['governance']],
    ['slp', COMMANDS, ['slo']],
    ['dem', COMMANDS, ['demo']],
    ['fromat', ['format', 'fleet', 'from', 'team'], ['format']],
    ['budgte', ['validate', 'budget', 'alerts', 'rules', 'status'], ['budget']],
    ['jsno', ['table', 'json', 'markdown'], ['json']],
  ])('%s → %j', (given, candidates, expected) => {
    expect(nearest(given, candidates)).toEqual(expected);
  });

  it.each([
    ['frobnicate', COMMANDS],
    ['x', COMMANDS],
    ['zzzzzz', COMMANDS],
  ])('%s: nothing close', (given, candidates) => {
    expect(nearest(given, candidates)).toEqual([]);
  });

  it('every nearest candidate is equally near, and never the word itself', () => {
    expect(nearest('dora', ['dora', 'dorb', 'dorc'])).toEqual(['dorb', 'dorc']);
  });
});

describe('didYouMean', () => {
  it.each([
    ['reprot', [], '; did you mean "report"?'],
    ['fromat', ['--'], '; did you mean "--format"?'],
    ['cots', [], '; did you mean "cost"?'],
    ['frobnicate', [], ''],
  ])('%s', (given, [prefix], expected) => {
    expect(didYouMean(given, given === 'fromat' ? ['format', 'team'] : COMMANDS, prefix)).toBe(expected);
  });

  it('lists ties with "or"', () => {
    expect(didYouMean('dorx', ['dora', 'dorb'])).toBe('; did you mean "dora" or "dorb"?');
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['report', 'report', 0],
    ['reprot', 'report', 1],
    ['fromat', 'format', 1],
    ['fromat', 'from', 2],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3], // optimal string alignment: no edit of a swapped pair
  ])('%s → %s: %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
  });

  it('is symmetric, zero only for equal words, and at most the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        expect(editDistance(b, a)).toBe(d);
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
      }),
    );
  });
});
