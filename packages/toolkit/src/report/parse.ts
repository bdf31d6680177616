import { loadJson } from '../fleet/parse.js';
import { formatPath, messagesOf, type InputIssue, lineColumns, locateInJson, offsetOf, type Offsets } from '@pt/input';
import { ReportSchema, type Report } from './schema.js';

/** A report read back from `pt report --format json`, or every problem in it, located. */
export type ReportParseResult =
  { readonly ok: true; readonly report: Report } | { readonly ok: false; readonly issues: readonly InputIssue[] };

/**
 * Reads a JSON report (as `pt report --format json` writes it) and validates it against the report
 * schema. Problems are located (`old.json:12 services[3].health: …`); bad input never throws.
 */
export function parseReport(text: string, options: { filename?: string } = {}): ReportParseResult {
  const file = options.filename ?? '<input>';
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const loaded = loadJson(source, file);
  if ('issue' in loaded) return { ok: false, issues: [loaded.issue] };
  const result = ReportSchema.safeParse(loaded.value, { reportInput: true });
  if (result.success) return { ok: true, report: result.data };
  const problems = result.error.issues.flatMap(messagesOf);
  let offsets: Offsets = new Map();
  try {
    offsets = locateInJson(
      source,
      problems.map((p) => p.path),
    );
  } catch {
    // Locating is best effort (its scanner recurses, so deep nesting overflows the stack): the
    // issues are still reported, without lines.
  }
  const positions = lineColumns(source, [...offsets.values()]);
  return {
    ok: false,
    issues: problems.map(({ path, message }): InputIssue => {
      const offset = offsetOf(offsets, path);
      const at = offset === undefined ? undefined : positions.get(offset);
      return { code: 'E_SCHEMA', file, path: formatPath(path), message, ...(at ?? {}) };
    }),
  };
}
