import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FOCUS_SPEC_COLUMNS, focusColumnsOf, inferFocusVersion } from './focus-spec.js';
import { FocusValidator, type ConformanceProblem } from './validate.js';

const SAMPLE = readFileSync(new URL('../../test/fixtures/focus/focus_sample.csv', import.meta.url), 'utf8');

function check(text: string, version?: '1.0' | '1.1' | '1.2', chunk = text.length) {
  const problems: ConformanceProblem[] = [];
  const v = new FocusValidator({ version, onProblem: (p) => problems.push(p) });
  for (let i = 0; i < text.length; i += chunk) v.write(text.slice(i, i + chunk));
  return { result: v.end(), problems };
}

describe('FOCUS columns per version', () => {
  it('1.0 has 43 columns, 1.1 50, 1.2 57, 21 mandatory in each', () => {
    expect(['1.0', '1.1', '1.2'].map((v) => focusColumnsOf(v as '1.0').length)).toEqual([43, 50, 57]);
    for (const v of ['1.0', '1.1', '1.2'] as const) {
      expect(focusColumnsOf(v).filter((c) => c.level === 'mandatory')).toHaveLength(21);
    }
    expect(new Set(FOCUS_SPEC_COLUMNS.map((c) => c.name)).size).toBe(FOCUS_SPEC_COLUMNS.length);
  });
  it('infers the version from the newest columns present', () => {
    expect(inferFocusVersion(['BilledCost'])).toBe('1.0');
    expect(inferFocusVersion(['BilledCost', 'ServiceSubcategory'])).toBe('1.1');
    expect(inferFocusVersion(['ServiceSubcategory', 'InvoiceId'])).toBe('1.2');
  });
});

describe('FocusValidator', () => {
  it('finds exactly the 14 violations of the FOCUS 1.0 sample, all in its 7 Oracle usage rows', () => {
    const { result, problems } = check(SAMPLE);
    expect(result).toMatchObject({ version: '1.0', versionFrom: 'columns', rows: 1000, problemCount: 14 });
    expect(result.counts).toMatchObject({ 'not-null': 7, 'allowed-value': 7 });
    expect(new Set(problems.map((p) => `${p.column}: ${p.message}`))).toEqual(
      new Set([
        'ContractedCost: must not be null',
        'ChargeFrequency: "Usage-based" is not an allowed value (One-Time, Recurring, Usage-Based)',
      ]),
    );
    const lines = SAMPLE.split('\n');
    for (const p of problems) expect(lines[p.line - 1]).toContain('"Oracle","Oracle"');
    expect(result.unknownColumns).toEqual(['Id']);
  });
  it('checks the same sample against 1.1 and 1.2 (no mandatory column was added)', () => {
    expect(check(SAMPLE, '1.1').result).toMatchObject({ version: '1.1', versionFrom: 'given', problemCount: 14 });
    expect(check(SAMPLE, '1.2').result.problemCount).toBe(14);
  });
  const header = SAMPLE.slice(0, SAMPLE.indexOf('\n'));
  const row = SAMPLE.slice(SAMPLE.indexOf('\n') + 1).split('\n')[0] ?? '';
  const rewrite = (from: string, to: string) => `${header}\n${row.replace(from, to)}\n`;
  it.each([
    ['bad currency', rewrite('"USD"', '"XYZ"'), 'BillingCurrency', 'currency'],
    ['lower-case currency', rewrite('"USD"', '"usd"'), 'BillingCurrency', 'currency'],
    ['bad category', rewrite('"Usage"', '"Usag"'), 'ChargeCategory', 'allowed-value'],
    ['null category', rewrite('"Usage"', 'NULL'), 'ChargeCategory', 'not-null'],
    ['bad class', rewrite('"Usage",NULL', '"Usage","Refund"'), 'ChargeClass', 'allowed-value'],
    ['bad decimal', rewrite('0.00000080000', '"1,5"'), 'BilledCost', 'column-type'],
    ['bad datetime', rewrite('"2024-10-01 00:00:00"', '"2024-02-30 00:00:00"'), 'BillingPeriodEnd', 'column-type'],
    [
      'non-UTC datetime',
      rewrite('"2024-10-01 00:00:00"', '"2024-10-01T00:00:00+02:00"'),
      'BillingPeriodEnd',
      'column-type',
    ],
    [
      'pricing quantity of usage',
      rewrite(',2.00000000000,"Requests"', ',NULL,"Requests"'),
      'PricingQuantity',
      'conditional-null',
    ],
  ])('%s is located and counted', (_, text, column, rule) => {
    const { result, problems } = check(text);
    expect(problems).toEqual([expect.objectContaining({ line: 2, column, rule })]);
    expect(result.counts[rule as 'currency']).toBe(1);
    expect(result.problemCount).toBe(1);
  });
  it('a missing mandatory column, a misnamed one and a short row', () => {
    const text = 'billed_cost,BillingCurrency\n1,USD\n2\n';
    const { problems, result } = check(text, '1.0');
    expect(problems.filter((p) => p.rule === 'required-column')).toHaveLength(19);
    expect(problems).toContainEqual(expect.objectContaining({ line: 1, column: 'billed_cost', rule: 'column-name' }));
    expect(problems).toContainEqual(expect.objectContaining({ line: 3, column: '', rule: 'field-count' }));
    expect(result.counts['column-name']).toBe(1);
  });
  it('gives the same problems for any chunking', () => {
    const text = rewrite('"USD"', '"XYZ"') + rewrite('"Usage"', '"Usag"').slice(header.length + 1);
    const whole = check(text).problems;
    expect(whole).toHaveLength(2);
    for (const chunk of [1, 7, 100]) expect(check(text, undefined, chunk).problems).toEqual(whole);
  });
});
