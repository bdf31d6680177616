/**
 * The one check of names used as keys (services, teams, tag values that name a service, catalog
 * owners), shared by every domain's schema: {@link nameProblem} as a zod refinement, and the
 * form in which names are compared for duplicates.
 */
import type { z } from 'zod';
import { nameProblem } from './text.js';

/**
 * A zod refinement refusing a name {@link nameProblem} refuses, with its reason. Later checks of
 * the same value (a pattern, a length) are skipped, so a look-alike gets one message, the one
 * that says what is wrong: `services[1].team: must not contain control or format characters
 * (\u200b at character 9), got "payments\u200b"`.
 */
export function refineName(value: string, ctx: z.core.$RefinementCtx<string>): void {
  const problem = nameProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, input: value, continue: false });
}

/** The form two names are compared in: Unicode NFC (`cafe\u0301` and `café` are one name). */
export function nameKey(name: string): string {
  return name.normalize('NFC');
}

/**
 * Indexes of the names that repeat an earlier one, compared after NFC normalization. Entries
 * that are not strings (a list that failed to parse may hold anything) are skipped.
 */
export function duplicateNameIndexes(names: readonly unknown[]): number[] {
  const seen = new Set<string>();
  const duplicates: number[] = [];
  names.forEach((name, index) => {
    if (typeof name !== 'string') return;
    const key = nameKey(name);
    if (seen.has(key)) duplicates.push(index);
    seen.add(key);
  });
  return duplicates;
}
