import { describe, expect, it } from 'vitest';
import { escapeMarkdown, hasUnsafeCharacters, nameProblem, printable, printableExcerpt } from './text.js';

describe('escapeMarkdown', () => {
  it.each([
    ['a pipe', 'a|b', 'a\\|b'],
    ['angle brackets', '<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['a backslash before a pipe', 'a\\|b', 'a\\\\\\|b'],
    ['a line break', 'a\nb\r\nc\rd', 'a b c d'],
    ['emphasis and code', '*x* _y_ `z`', '\\*x\\* \\_y\\_ \\`z\\`'],
    ['a link', '[x](y)', '\\[x\\](y)'],
    ['an entity', '&lt;', '\\&lt;'],
    ['plain text', 'platform-team 2', 'platform-team 2'],
  ])('%s', (_label, input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('printable', () => {
  it.each([
    ['an escape sequence', 'a\u001b[2Jb', 'a\\u001b[2Jb'],
    ['a line break and a tab', 'a\nb\tc', 'a\\u000ab\\u0009c'],
    ['DEL and a C1 control', 'a\u007fb\u009bc', 'a\\u007fb\\u009bc'],
    ['the first character past C1', 'caf\u00e9 \u00a0x', 'caf\u00e9 \u00a0x'],
    ['plain text', 'checkout', 'checkout'],
  ])('%s', (_label, input, expected) => {
    expect(printable(input)).toBe(expected);
  });
});

describe('issue 22 item 6: one sanitizer for human-facing text', () => {
  it.each([
    ['a title-setting OSC and a screen clear', 'x\u001b]0;pwned\u0007\u001b[2J', 'x\\u001b]0;pwned\\u0007\\u001b[2J'],
    ['a right-to-left override', 'abc\u202edcba', 'abc\\u202edcba'],
    ['every bidi embedding and override', '\u202a\u202b\u202c\u202d\u202e', '\\u202a\\u202b\\u202c\\u202d\\u202e'],
    ['bidi isolates', '\u2066\u2067\u2068\u2069', '\\u2066\\u2067\\u2068\\u2069'],
    ['zero-width characters', 'pay\u200bments\u200c\u200d\u2060\ufeff', 'pay\\u200bments\\u200c\\u200d\\u2060\\ufeff'],
    ['letters of other scripts stay', 'caf\u00e9 \u65e5\u672c', 'caf\u00e9 \u65e5\u672c'],
  ])('printable: %s', (_label, input, expected) => {
    expect(printable(input)).toBe(expected);
    expect(hasUnsafeCharacters(input)).toBe(input !== expected);
  });

  it('cuts server text to 500 characters, then escapes it', () => {
    const cut = printableExcerpt(`${'x'.repeat(5_000_000)}`);
    expect(cut).toHaveLength(500);
    expect(cut.endsWith('…')).toBe(true);
    expect(printableExcerpt('short \u001b')).toBe('short \\u001b');
  });

  it.each([
    ['a team mention', 'ping @acme/payments', 'ping @&#8203;acme/payments'],
    ['a user mention', '@octocat', '@&#8203;octocat'],
    ['a bare https URL', 'see https://evil.example/x', 'see https:&#8203;//evil.example/x'],
    ['a www link', 'www.evil.example', 'www&#8203;.evil.example'],
    ['a control character', 'a\u001bb', 'a\\\\u001bb'],
    ['a zero-width space', 'a\u200bb', 'a\\\\u200bb'],
    ['a lone at sign', 'a @ b', 'a @ b'],
  ])('escapeMarkdown: %s', (_label, input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('issue 22 item 7: names that look alike are refused', () => {
  it.each([
    ['a zero-width space', 'payments\u200b', 'must not contain control or format characters (\\u200b at character 9)'],
    ['a right-to-left override', '\u202epayments', 'must not contain control or format characters (\\u202e at character 1)'],
    ['an escape', 'pay\u001bments', 'must not contain control or format characters (\\u001b at character 4)'],
    ['a soft hyphen', 'pay\u00adments', 'must not contain control or format characters (\\u00ad at character 4)'],
    ['a decomposed accent', 'cafe\u0301', 'must be in Unicode normalization form NFC (\\u0301 at character 5 combines with the character before it)'],
  ])('%s', (_label, name, problem) => {
    expect(nameProblem(name)).toBe(problem);
  });

  it.each(['payments', 'café', '日本', 'team a', 'ops-β'])('accepts %j', (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });
});
