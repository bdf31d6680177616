/**
 * Using @pt/toolkit from code: parse a fleet file, inspect one service, build and render the
 * report. CI typechecks this file and runs it (toolkit-usage.test.ts).
 *
 * Run it yourself: `npx vitest run --root examples` (Node 20 cannot run .ts directly).
 */
import { readFile } from 'node:fs/promises';
import { PlatformToolkit, formatIssue, parseFleet, renderMarkdown, type Report } from '@pt/toolkit';

export interface UsageResult {
  readonly report: Report;
  readonly markdown: string;
  readonly paymentsWhy: readonly string[];
}

export async function main(fleetFile = new URL('./fleet.yaml', import.meta.url)): Promise<UsageResult> {
  // 1. Parse and validate. Bad input never throws: it comes back as located issues.
  const text = await readFile(fleetFile, 'utf8');
  const parsed = parseFleet(text, { filename: 'fleet.yaml' });
  if (!parsed.ok) {
    throw new Error(`invalid fleet:\n${parsed.issues.map(formatIssue).join('\n')}`);
  }

  // 2. Compose: every service evaluated in the four domains.
  const toolkit = PlatformToolkit.fromFleet(parsed.fleet);
  const payments = toolkit.get('payments');
  const paymentsWhy = payments.reasons.map((r) => `+${r.points} ${r.domain}: ${r.message}`);

  // 3. Report v1, for the whole fleet or one team, and a renderer.
  const report = toolkit.report();
  const markdown = renderMarkdown(toolkit.report({ team: 'payments' }));
  return { report, markdown, paymentsWhy };
}
