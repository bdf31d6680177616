/**
 * Text helpers every domain's renderers share: text from input made safe for the formats `pt`
 * prints. {@link printable} is the one sanitizer of human-facing text (terminal tables, stderr,
 * and, inside {@link escapeMarkdown}, Markdown).
 */

/**
 * Characters that can drive a terminal or disguise text: C0 and C1 controls (escape sequences,
 * line breaks), bidirectional overrides, embeddings, isolates and marks (U+202A–202E, U+2066–2069,
 * U+200E, U+200F, U+061C) and zero-width or invisible characters (U+200B–200D, U+2060, U+FEFF,
 * U+00AD, the tag characters U+E0000–E007F).
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u{e0000}-\u{e007f}]/gu;

/** A character as an escape: `\u200b`, or `\u{e0041}` beyond U+FFFF. */
function escaped(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Whether text holds a character {@link printable} escapes (a control, bidi or zero-width character). */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}

/** Text with none of {@link UNSAFE}'s characters for certain, tested first: cheaper than the replacement's scan. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Text from input made safe for a terminal: every control, bidi or zero-width character is shown
 * escaped (`\u001b`, `\u202e`, `\u200b`), so it can neither drive the terminal (set the title,
 * clear the screen) nor make two different names look the same.
 */
export function printable(text: string): string {
  return PRINTABLE_ASCII.test(text) ? text : text.replace(UNSAFE, escaped);
}

/** Longest text from a server (an error message) that `pt` quotes, in characters. */
export const MAX_SERVER_TEXT = 500;

/** Text from a server made {@link printable} and cut to `max` characters (default {@link MAX_SERVER_TEXT}), with `…`. */
export function printableExcerpt(text: string, max = MAX_SERVER_TEXT): string {
  return printable(text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text);
}

/**
 * Text {@link escapeMarkdown} leaves as it is, tested first (most text is such, and the escapes'
 * five replacements cost far more than one test): printable ASCII other than the characters it
 * escapes and `@`, with neither `://` nor `www.` (below).
 */
const MARKDOWN_PLAIN = /^[ !"#$%'()+,\-./0-9:;=?A-Z^a-z{}]*$/;
const WWW = /www\./i;

/**
 * Escapes text from input for GitHub Markdown: characters that format, link, open HTML or split a
 * table cell; line breaks; and, as {@link printable}, control, bidi and zero-width characters.
 * `@mentions` and bare URLs are neutralized (a zero-width space entity after `@`, in `://` and
 * after `www`), so a comment quoting data neither notifies a team nor shows a live link.
 */
export function escapeMarkdown(text: string): string {
  if (MARKDOWN_PLAIN.test(text) && !text.includes('://') && !WWW.test(text)) return text;
  return printable(text.replace(/\r?\n|\r/g, ' '))
    .replace(/[\\`*_[\]<>|~&]/g, (ch) => `\\${ch}`)
    .replace(/@(?=[\p{L}\p{N}])/gu, '@&#8203;')
    .replace(/(\p{L})(:\/\/)/gu, '$1:&#8203;//')
    .replace(/\b(www)\./giu, '$1&#8203;.');
}

/** Control, format (bidi, zero-width, soft hyphen, tag…) and line or paragraph separator characters. */
const NAME_UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** A surrogate without its other half (JSON can write one: `"\ud800"`); it prints as `�`. */
const LONE_SURROGATE = /\p{Cs}/u;
/** A space character (U+0020, no-break space, em space…) at either end. */
const EDGE_SPACE = /^\p{Zs}|\p{Zs}$/u;

/**
 * Why a name (a service, a team, a tag value or key that groups) cannot be used, or undefined
 * when it can: control or format characters (`payments\u200b` prints like `payments` and would be
 * a second team), an unpaired surrogate, a space at either end (`payments ` pads like
 * `payments` in a table) and text not in Unicode NFC (`é` as `e` + U+0301 looks like the
 * one-character `é`). Two names that pass and print the same through such invisible differences
 * are the same string.
 */
export function nameProblem(name: string): string | undefined {
  const bad = NAME_UNSAFE.exec(name);
  if (bad !== null) {
    return `must not contain control or format characters (${escaped(bad[0])} at character ${bad.index + 1})`;
  }
  const lone = LONE_SURROGATE.exec(name);
  if (lone !== null) return `must not contain an unpaired surrogate (${escaped(lone[0])} at character ${lone.index + 1})`;
  if (EDGE_SPACE.test(name)) return 'must not start or end with a space';
  if (name.normalize('NFC') !== name) return `must be in Unicode normalization form NFC${nfcCulprit(name)}`;
  return undefined;
}

/**
 * Which character keeps a name out of NFC, so that the message shows what the eye cannot:
 * ` (\u0301 at character 5 combines with the character before it)`; empty when no single one does.
 */
function nfcCulprit(name: string): string {
  let previous = '';
  let index = 0;
  for (const ch of name) {
    const at = `${escaped(ch)} at character ${index + 1}`;
    if (ch.normalize('NFC') !== ch) return ` (${at} has another form in NFC)`;
    const pair = previous + ch;
    if (previous !== '' && /\p{M}/u.test(ch) && pair.normalize('NFC') !== pair) {
      return ` (${at} combines with the character before it)`;
    }
    previous = ch;
    index += ch.length;
  }
  return '';
}
