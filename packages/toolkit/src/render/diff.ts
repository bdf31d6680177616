import type { FieldChange, ReportDiff, ServiceDiff } from '../report/diff.js';
import { escapeMarkdown } from './markdown.js';
import { printable } from './table.js';

const shown = (value: string | number | null): string => (value === null ? '-' : String(value));

function headline(diff: ReportDiff): string {
  const { changed, added, removed, unchanged, regressions } = diff.summary;
  return `${changed} changed, ${added} added, ${removed} removed, ${unchanged} unchanged; ${regressions} regression${regressions === 1 ? '' : 's'}`;
}

const changeText = (c: FieldChange) =>
  `${c.field} ${shown(c.before)} → ${shown(c.after)}${c.regression ? ' (worse)' : ''}`;

function serviceText(s: ServiceDiff): string {
  const mark = s.status === 'added' ? '+' : s.status === 'removed' ? '-' : '~';
  const head = `${mark} ${printable(s.name)} (${printable(s.team)})`;
  if (s.status === 'added') return `${head}: new, ${s.health}${s.regression ? ' (worse)' : ''}\n`;
  if (s.status === 'removed') return `${head}: removed (was ${s.health})\n`;
  return `${head}${s.regression ? ': regression' : ''}\n${s.changes.map((c) => `    ${changeText(c)}\n`).join('')}`;
}

/** A diff as plain text: one headline, then one block per service that changed, appeared or went away. */
export function renderDiffText(diff: ReportDiff): string {
  return `${headline(diff)}\n${diff.services.length > 0 ? '\n' : ''}${diff.services.map(serviceText).join('')}`;
}

/** A diff as GitHub Markdown, for a pull-request comment. */
export function renderDiffMarkdown(diff: ReportDiff): string {
  const out = ['# Fleet report diff', '', headline(diff), ''];
  if (diff.services.length > 0) {
    out.push('| Service | Team | Change | Details |', '| --- | --- | --- | --- |');
    for (const s of diff.services) {
      const change = s.status === 'changed' ? (s.regression ? '**regression**' : 'changed') : s.status;
      const details =
        s.status === 'changed'
          ? s.changes.map((c) => escapeMarkdown(changeText(c))).join('<br>')
          : escapeMarkdown(s.health);
      out.push(`| ${escapeMarkdown(s.name)} | ${escapeMarkdown(s.team)} | ${change} | ${details} |`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
