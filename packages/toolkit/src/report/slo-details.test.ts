import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_FLEET } from '../demo.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderTable } from '../render/table.js';
import { evaluateSloSources } from '../slo/index.js';
import { PlatformToolkit } from '../toolkit.js';
import { ReportSchema } from './schema.js';

// The SLO evaluation itself is tested in @pt/slo; here, how the report and its renderers carry it.
const ROOT = new URL('../../../../', import.meta.url);
const read = (path: string) => ({ name: path, text: readFileSync(new URL(path, ROOT), 'utf8') });
const API = read('examples/slo/api-gateway.yaml');
const API_DATA = read('examples/slo/data/api-gateway-availability.csv');

describe('report with SLO details', () => {
  const fleet = {
    ...DEMO_FLEET,
    services: DEMO_FLEET.services.map((s, i) => (i === 0 ? { ...s, name: 'api-gateway' } : s)),
  };
  const plain = PlatformToolkit.fromFleet(fleet);
  const r = evaluateSloSources({ files: [API], data: [API_DATA] });
  if (!r.ok) throw new Error('load failed');
  const toolkit = PlatformToolkit.fromFleet(fleet, { sloDetails: r.details });

  it('adds sloDetails only to the services that have them, last, and stays a valid report', () => {
    const report = toolkit.report();
    expect(ReportSchema.parse(report)).toEqual(report);
    expect(Object.keys(report.services[0]!).at(-1)).toBe('sloDetails');
    expect(report.services[0]?.sloDetails).toHaveLength(2);
    expect(report.services[0]?.sloDetails?.[0]?.source).toBe('examples/slo/data/api-gateway-availability.csv');
    expect(report.services[0]?.sloDetails?.[1]).not.toHaveProperty('source');
    expect(report.services[1]).not.toHaveProperty('sloDetails');
    // The objective with data counts as a met SLO; the one without data counts in neither.
    const before = plain.report().services[0]!;
    expect([report.services[0]?.slosMet, report.services[0]?.slosTotal]).toEqual([
      before.slosMet + 1,
      before.slosTotal + 1,
    ]);
    expect(report.services[1]).toEqual(plain.report().services[1]);
  });

  it('renders an SLO section in table and markdown only when there are details', () => {
    const report = toolkit.report();
    const table = renderTable(report);
    expect(table).toContain('SLO error budgets');
    expect(table).toMatch(
      /api-gateway\s+api-gateway-availability\s+99\.9%\s+99\.9471%\s+47\.1%\s+0\.53x\s+0\.17x\s+83d8h12m37s\s+ok/,
    );
    expect(renderMarkdown(report)).toContain(
      '| api-gateway | api-gateway-availability | 99.9% | 99.9471% | 47.1% | 0.53x | 0.17x | 83d8h12m37s | ok |',
    );
    expect(renderTable(plain.report())).not.toContain('SLO error budgets');
    expect(renderMarkdown(plain.report())).not.toContain('SLO error budgets');
  });
});
