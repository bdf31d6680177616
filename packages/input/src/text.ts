/** Escapes text from input for GitHub Markdown: characters that format, link, open HTML or split a table cell; line breaks. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/[\\`*_[\]<>|~&]/g, (ch) => `\\${ch}`);
}
