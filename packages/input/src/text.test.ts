import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from './text.js';

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
