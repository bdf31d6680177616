import { describe, expect, it } from 'vitest';
import { DEMO_FLEET } from '../demo.js';
import { formatIssue } from '@pt/input';
import { renderJson } from '../render/json.js';
import { PlatformToolkit } from '../toolkit.js';
import { parseReport } from './parse.js';

const report = PlatformToolkit.fromFleet(DEMO_FLEET).report();

describe('parseReport', () => {
  it('reads back what renderJson writes', () => {
    expect(parseReport(renderJson(report))).toEqual({ ok: true, report });
    expect(parseReport(`\ufeff${renderJson(report)}`)).toEqual({ ok: true, report });
  });

  it.each([
    ['{"schemaVersion": 2', 'r.json:1:20: JSON syntax error: close brace expected'],
    ['[]', 'r.json:1: must be a mapping, got a list'],
  ])('rejects %j', (text, first) => {
    const result = parseReport(text, { filename: 'r.json' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(formatIssue(result.issues[0] ?? { code: 'E_SCHEMA', file: '', path: '', message: '' })).toBe(first);
  });

  it('locates schema problems on their line', () => {
    const text = renderJson(report).replace('"health": "critical"', '"health": "on fire"');
    const result = parseReport(text, { filename: 'r.json' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map(formatIssue)).toEqual([
        `r.json:${text.split('\n').findIndex((l) => l.includes('on fire')) + 1} services[1].health: must be "healthy" or "degraded" or "critical" or "unknown", got "on fire"`,
      ]);
    }
  });

  it('reports a schema problem under nesting too deep to locate, instead of overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const text = renderJson(report).replace('"services": [', `"services": [${deep},`);
    const result = parseReport(text, { filename: 'r.json' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map(formatIssue)[0]).toBe('r.json services[0]: must be a mapping, got a list');
  });
});
