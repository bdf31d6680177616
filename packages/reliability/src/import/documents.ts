import { loadJson, type InputIssue } from '@pt/input';

/** The JSON values of a file, or the first problem in it (located: file, line, column). */
export type JsonDocuments =
  { readonly ok: true; readonly values: unknown[] } | { readonly ok: false; readonly issue: InputIssue };

const OPEN = new Set(['{', '[']);
const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t';

/** Index just past the value starting at `start` (a container's closing bracket, or a scalar's end). */
function valueEnd(text: string, start: number): number {
  if (!OPEN.has(text[start] ?? '')) {
    if (text[start] === '"') {
      for (let i = start + 1; i < text.length; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '"') return i + 1;
      }
      return text.length;
    }
    let i = start;
    while (i < text.length && !isSpace(text[i] ?? '') && !OPEN.has(text[i] ?? '')) i++;
    return i;
  }
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

/**
 * The JSON values of `text` one after another: one document, or several concatenated (as
 * `gh api --paginate` prints one array per page). Each is read by @pt/input's `loadJson`
 * (duplicate keys refused, syntax errors located in the whole file).
 */
export function jsonDocuments(text: string, file: string): JsonDocuments {
  const values: unknown[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (isSpace(text[i] ?? '') || (i === 0 && text.charCodeAt(0) === 0xfeff))) i++;
    if (i >= text.length) break;
    const end = valueEnd(text, i);
    // Blanks keep the line and column of every character: errors are located in the file.
    const padded = text.slice(0, i).replace(/[^\n]/g, ' ') + text.slice(i, end);
    const loaded = loadJson(padded, file);
    if ('issue' in loaded) return { ok: false, issue: loaded.issue };
    values.push(loaded.value);
    i = end;
  }
  return { ok: true, values };
}

/** The objects of some JSON values, arrays (and arrays of arrays, as `--slurp` gives) flattened. */
export function flattenRecords(values: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  const visit = (v: unknown, depth: number) => {
    if (Array.isArray(v) && depth < 3) for (const item of v) visit(item, depth + 1);
    else out.push(v);
  };
  for (const v of values) visit(v, 0);
  return out;
}
