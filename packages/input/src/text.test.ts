import { describe, expect, it } from 'vitest';
import { escapeMarkdown, printable } from './text.js';

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
    ['an escape sequence', 'a\u001b[2Jb', 'a?[2Jb'],
    ['a line break and a tab', 'a\nb\tc', 'a?b?c'],
    ['DEL and a C1 control', 'a\u007fb\u009bc', 'a?b?c'],
    ['the first character past C1', 'caf\u00e9 \u00a0x', 'caf\u00e9 \u00a0x'],
    ['plain text', 'checkout', 'checkout'],
  ])('%s', (_label, input, expected) => {
    expect(printable(input)).toBe(expected);
  });
});
