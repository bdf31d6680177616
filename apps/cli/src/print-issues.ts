import { write, type Io } from './stdio.js';

import type { InputIssue } from '@pt/toolkit';

/** Problems printed before the rest are only counted: a broken generator must not flood a terminal. */
export const MAX_PRINTED_ISSUES = 200;

/**
 * Prints located input problems on stderr, one per line, at most `MAX_PRINTED_ISSUES`; with
 * `--format json` (`io.issues`) collects them for the one JSON error instead.
 */
export async function printIssues(
  format: (issue: InputIssue) => string,
  issues: readonly InputIssue[],
  io: Io,
  again: string,
): Promise<void> {
  if (io.issues !== undefined) {
    io.issues.push(...issues.slice(0, MAX_PRINTED_ISSUES));
    return;
  }
  const shown = issues.slice(0, MAX_PRINTED_ISSUES);
  const more = issues.length - shown.length;
  await write(
    io.stderr,
    shown.map((issue) => `${format(issue)}\n`).join('') +
      (more > 0
        ? `… and ${more} more problem${more === 1 ? '' : 's'} (run '${again}' again once these are fixed)\n`
        : ''),
  );
}
