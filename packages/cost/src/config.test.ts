import { formatIssue } from '@pt/input';
import { describe, expect, it } from 'vitest';
import { CostConfigSchema } from './billing/allocation.js';
import { defaultCostConfig, overrideCostConfig, parseCostConfig } from './config.js';

describe('parseCostConfig', () => {
  it('reads YAML and locates problems', () => {
    expect(parseCostConfig('allocation:\n  split: even\n').ok).toBe(true);
    const bad = parseCostConfig('allocation:\n  split: fair\nmetric: BilledCost\n', 'cost.yaml');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]).toMatchObject({ file: 'cost.yaml', line: 2, path: 'allocation.split' });
  });

  const first = (text: string, file: string) => {
    const result = parseCostConfig(text, file);
    return result.ok ? 'ok' : formatIssue(result.issues[0] ?? { code: 'E_SYNTAX', file, path: '', message: '' });
  };

  it.each([
    // YAML refuses a repeated key; JSON keeps JSON.parse's rule (the last one wins).
    ['cost.yaml', 'metric: ListCost\nmetric: BilledCost\n', 'cost.yaml:2:1: YAML syntax error: duplicated mapping key'],
    [
      'cost.json',
      '{"metric": "Nope", "metric": "ListCost"}',
      'cost.json:1:20: JSON syntax error: duplicate key "metric"',
    ],
    ['cost.yaml', 'allocation: { split: even\n', /^cost\.yaml:2:1: YAML syntax error: /],
    // JSON is read as a fleet file's is (@pt/input's loader): syntax errors located.
    ['cost.json', '{"metric": }', 'cost.json:1:12: JSON syntax error: value expected'],
    // Each message says what was found (it used to say "is required" for every problem).
    [
      'cost.yaml',
      'anomalies:\n  threshold: "1e309"\n',
      'cost.yaml:2 anomalies.threshold: must be a number, got "1e309"',
    ],
    ['cost.yaml', 'anomalies:\n  threshold: -0\n', 'cost.yaml:2 anomalies.threshold: must be > 0, got 0'],
    [
      'cost.json',
      '{"anomalies": {"threshold": 1e309}}',
      'cost.json:1 anomalies.threshold: must be a finite number, got Infinity',
    ],
    [
      'cost.yaml',
      `allocation:\n  patterns:\n    - { field: ResourceName, match: "*", service: ${'s'.repeat(65_537)} }\n`,
      'cost.yaml:3 allocation.patterns[0].service: must be at most 65536 characters',
    ],
  ])('%s, case %#', (file, text, expected) => {
    if (typeof expected === 'string') expect(first(text, file)).toBe(expected);
    else expect(first(text, file)).toMatch(expected);
  });
});

describe('defaultCostConfig and overrideCostConfig', () => {
  it('defaults every part', () => {
    expect(defaultCostConfig()).toEqual(CostConfigSchema.parse({}));
  });

  it('puts command-line settings over the file, leaving absent ones', () => {
    const file = CostConfigSchema.parse({ metric: 'ListCost', allocation: { split: 'even', tagKeys: ['app'] } });
    expect(overrideCostConfig(file, {})).toEqual(file);
    expect(overrideCostConfig(file, { metric: undefined, split: undefined, onBadRow: undefined })).toEqual(file);
    const over = overrideCostConfig(file, { metric: 'EffectiveCost', split: 'proportional', onBadRow: 'skip' });
    expect(over).toEqual({
      ...file,
      metric: 'EffectiveCost',
      onBadRow: 'skip',
      allocation: { ...file.allocation, split: 'proportional' },
    });
    expect(file.metric).toBe('ListCost');
  });
});
