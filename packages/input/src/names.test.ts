import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { messagesOf } from './issues.js';
import { duplicateNameIndexes, nameKey, refineName } from './names.js';

const messages = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value, { reportInput: true });
  return result.success ? [] : result.error.issues.flatMap(messagesOf).map((m) => `${m.path.join('.')}: ${m.message}`);
};

describe('issue 22 item 7: one name check for every schema', () => {
  const team = z.string().min(1).superRefine(refineName);
  const label = z.string().superRefine(refineName).regex(/^[a-z]+$/, 'must be a-z');

  it.each([
    ['payments', []],
    ['café', []],
    ['payments\u200b', [': must not contain control or format characters (\\u200b at character 9), got "payments\\u200b"']],
    ['cafe\u0301', [': must be in Unicode normalization form NFC (\\u0301 at character 5 combines with the character before it), got "cafe\u0301"']],
    [' payments', [': must not start or end with a space, got " payments"']],
    ['payments\u00a0', [': must not start or end with a space, got "payments\u00a0"']],
    ['pay\ud800', [': must not contain an unpaired surrogate (\\ud800 at character 4), got "pay\\ud800"']],
    ['pay\u{e0041}', [': must not contain control or format characters (\\u{e0041} at character 4), got "pay\\u{e0041}"']],
  ])('a team %j', (value, expected) => {
    expect(messages(team, value)).toEqual(expected);
  });

  it('one message for a look-alike, not also the pattern it fails', () => {
    expect(messages(label, 'pay\u200b')).toEqual([
      ': must not contain control or format characters (\\u200b at character 4), got "pay\\u200b"',
    ]);
    expect(messages(label, 'Pay')).toEqual([': must be a-z, got "Pay"']);
  });

  it('a key of a mapping is refused at its own path, escaped', () => {
    const budgets = z.record(z.string().superRefine(refineName), z.number());
    expect(messages(z.strictObject({ teams: budgets }), { teams: { payments: 1, 'payments\u200b': 2 } })).toEqual([
      'teams.payments\u200b: key must not contain control or format characters (\\u200b at character 9), got "payments\\u200b"',
    ]);
  });

  it.each([
    [['a', 'b', 'a'], [2]],
    [['café', 'cafe\u0301'], [1]],
    [['x', 1, null, 'x'], [3]],
    [[], []],
  ])('duplicates after NFC in %j', (names, expected) => {
    expect(duplicateNameIndexes(names)).toEqual(expected);
  });

  it('nameKey is NFC', () => {
    expect(nameKey('cafe\u0301')).toBe('café');
  });
});
