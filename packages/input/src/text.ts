/**
 * Text helpers every domain's renderers share: text from input made safe for the formats `pt`
 * prints.
 */

/** Escapes text from input for GitHub Markdown: characters that format, link, open HTML or split a table cell; line breaks. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/[\\`*_[\]<>|~&]/g, (ch) => `\\${ch}`);
}

/** Text from input made safe for a terminal: C0 and C1 control characters become `?`. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
