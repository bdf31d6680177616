import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '@pt/input';
import { parseFleet } from './fleet/parse.js';
import { FleetSchema, type ServiceSpec } from './fleet/schema.js';
import { fleetArb, reliabilityArb, serviceArb, sloArb } from './fleet/arbitraries.fixture.js';
import { healthFromPoints } from './health/rules.js';
import { PlatformService } from './health/service.js';
import { buildReport } from './report/build.js';
import { ReportSchema, type Health } from './report/schema.js';
import { renderJson } from './render/json.js';
import { PlatformToolkit } from './toolkit.js';

/** A service that has data (never `unknown`), for the monotonicity properties. */
const measuredServiceArb = serviceArb.filter((s) => new PlatformService(s).health !== 'unknown');

const RANK: Record<Health, number> = { unknown: -1, healthy: 0, degraded: 1, critical: 2 };
const rank = (spec: ServiceSpec) => RANK[new PlatformService(spec).health];

// ---------------------------------------------------------------------------------------------

describe('the fleet arbitrary', () => {
  it('generates fleets the schema accepts', () => {
    fc.assert(
      fc.property(fleetArb, (fleet) => {
        expect(FleetSchema.safeParse(fleet).success).toBe(true);
      }),
    );
  });
});

describe('parseFleet never throws', () => {
  const check = (text: string, filename?: string) => {
    const result = parseFleet(text, filename === undefined ? {} : { filename });
    if (result.ok) {
      expect(FleetSchema.safeParse(result.fleet).success).toBe(true);
    } else {
      expect(result.issues.length).toBeGreaterThan(0);
      for (const issue of result.issues) {
        expect(['E_SYNTAX', 'E_SCHEMA', 'E_TOO_LARGE']).toContain(issue.code);
        expect(formatIssue(issue).startsWith(issue.file)).toBe(true);
      }
      // Sorted by line (issues without a line come first).
      const lines = result.issues.map((i) => i.line ?? 0);
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
    }
  };

  it('for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom(undefined, 'f.yaml', 'f.json'), check),
      { numRuns: 300 },
    );
  });

  it('for strings made of YAML and JSON punctuation', () => {
    const unit = fc.constantFrom(
      ...'{}[]:,-&*!|>\'"#%@` \n\t?'.split(''),
      'a',
      '1',
      '.nan',
      '__proto__',
      'services',
      'name',
      '---\n',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), (text) => check(text)),
      { numRuns: 300 },
    );
  });

  it('for arbitrary JSON values written as JSON or as YAML', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        check(JSON.stringify(value), 'f.json');
        check(dump(value), 'f.yaml');
      }),
      { numRuns: 150 },
    );
  });

  it('for valid fleets with one part replaced by an arbitrary value', () => {
    type Path = (string | number)[];
    const paths = (value: unknown, at: Path = []): Path[] => {
      const out: Path[] = [at];
      if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
      else if (typeof value === 'object' && value !== null) {
        for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
      }
      return out;
    };
    const replace = (value: unknown, path: Path, replacement: unknown): unknown => {
      const [head, ...rest] = path;
      if (head === undefined) return replacement;
      if (Array.isArray(value)) {
        return (value as unknown[]).map((v, i) => (i === head ? replace(v, rest, replacement) : v));
      }
      if (typeof value === 'object' && value !== null) {
        return { ...value, [head]: replace((value as Record<string, unknown>)[head], rest, replacement) };
      }
      return value;
    };
    fc.assert(
      fc.property(fleetArb, fc.nat(), fc.jsonValue({ maxDepth: 3 }), (fleet, pick, replacement) => {
        const all = paths(fleet);
        const mutated = replace(fleet, all[pick % all.length] ?? [], replacement);
        check(JSON.stringify(mutated, null, 2), 'f.json');
        check(dump(mutated), 'f.yaml');
      }),
      { numRuns: 120 },
    );
  });
});

describe('valid fleets round-trip through JSON and YAML', () => {
  it('parse to the fleet they were written from, the same from either format', () => {
    fc.assert(
      fc.property(fleetArb, (fleet) => {
        const fromJson = parseFleet(JSON.stringify(fleet, null, 2), { filename: 'f.json' });
        const fromYaml = parseFleet(dump(fleet), { filename: 'f.yaml' });
        expect(fromJson).toEqual({ ok: true, fleet });
        expect(fromYaml).toEqual(fromJson);
      }),
      { numRuns: 100 },
    );
  });
});

describe('health never improves when a check fails', () => {
  const worse = (before: ServiceSpec, after: ServiceSpec) => {
    expect(RANK[new PlatformService(before).health]).toBeGreaterThanOrEqual(0);
    expect(rank(after)).toBeGreaterThanOrEqual(rank(before));
    expect(new PlatformService(after).points).toBeGreaterThanOrEqual(new PlatformService(before).points);
  };

  it('lowering an SLO’s current below its target', () => {
    fc.assert(
      fc.property(
        measuredServiceArb,
        sloArb,
        fc.nat(),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (s, extra, i, f) => {
          const slos = s.slos !== undefined && s.slos.length > 0 ? s.slos : [extra];
          const index = i % slos.length;
          const before = { ...s, slos };
          const after = {
            ...s,
            // `target * f` can round back up to a tiny target: then 0.
            slos: slos.map((slo, j) =>
              j === index ? { ...slo, current: slo.target * f < slo.target ? slo.target * f : 0 } : slo,
            ),
          };
          expect(new PlatformService(after).breachesSlo).toBe(true);
          worse(before, after);
        },
      ),
    );
  });

  it('removing a governance flag or setting it to false', () => {
    const flags = ['runbook', 'monitoring', 'ownership', 'documentation', 'incidentResponse'] as const;
    fc.assert(
      fc.property(measuredServiceArb, fc.constantFrom(...flags), fc.boolean(), (s, flag, remove) => {
        const governance = s.governance ?? {};
        const changed = { ...governance };
        if (remove) delete changed[flag];
        else changed[flag] = false;
        worse({ ...s, governance }, { ...s, governance: changed });
      }),
    );
  });

  it('raising the latest cost over the budget', () => {
    fc.assert(
      fc.property(
        measuredServiceArb,
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 0.01, max: 1e6, noNaN: true }),
        (s, budget, excess) => {
          const entries = s.cost?.entries ?? [];
          const latest = [...entries].sort((a, b) => (a.month < b.month ? -1 : 1)).at(-1)?.month ?? '2024-01';
          const raised = [...entries.filter((e) => e.month !== latest), { month: latest, amount: budget + excess }];
          const before = { ...s, cost: { ...s.cost, budgetMonthly: budget, entries } };
          const after = { ...s, cost: { ...s.cost, budgetMonthly: budget, entries: raised } };
          expect(new PlatformService(after).cost.overBudget).toBe(true);
          worse(before, after);
        },
      ),
    );
  });

  it('worsening a reliability metric', () => {
    fc.assert(
      fc.property(
        measuredServiceArb,
        reliabilityArb,
        fc.constantFrom('uptimePct', 'mttrMinutes', 'incidents30d', 'changeFailureRatePct'),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (s, fallback, metric, f) => {
          const r = s.reliability ?? fallback;
          const after = { ...r };
          switch (metric) {
            case 'uptimePct':
              after.uptimePct = r.uptimePct * f;
              break;
            case 'changeFailureRatePct':
              after.changeFailureRatePct = r.changeFailureRatePct + (100 - r.changeFailureRatePct) * f;
              break;
            case 'mttrMinutes':
              after.mttrMinutes = r.mttrMinutes + 1000 * f;
              break;
            case 'incidents30d':
              after.incidents30d = r.incidents30d + Math.round(10 * f);
              break;
          }
          const before = { ...s, reliability: r };
          const worsened = { ...s, reliability: after };
          expect(new PlatformService(worsened).reliabilityScore).toBeLessThanOrEqual(
            new PlatformService(before).reliabilityScore ?? 0,
          );
          worse(before, worsened);
        },
      ),
    );
  });
});

describe('report invariants', () => {
  it('points equal the sum of reason points; health follows from points', () => {
    const order = ['slo', 'reliability', 'governance', 'cost'];
    fc.assert(
      fc.property(serviceArb, (spec) => {
        const s = new PlatformService(spec);
        expect(s.points).toBe(s.reasons.reduce((sum, r) => sum + r.points, 0));
        expect(s.reasons.length).toBeLessThanOrEqual(4);
        const domains = s.reasons.map((r) => order.indexOf(r.domain));
        expect(domains).toEqual([...new Set(domains)].sort((a, b) => a - b));
        if (s.health === 'unknown') {
          expect(s.points).toBe(0);
          expect(s.reasons).toEqual([]);
        } else {
          expect(s.health).toBe(healthFromPoints(s.points));
        }
        expect(s.reasons.some((r) => r.domain === 'slo')).toBe(s.breachesSlo && s.health !== 'unknown');
      }),
      { numRuns: 300 },
    );
  });

  it('summary counts add up to totalServices', () => {
    fc.assert(
      fc.property(fleetArb, (fleet) => {
        const report = PlatformToolkit.fromFleet(fleet).report();
        const m = report.summary;
        expect(m.totalServices).toBe(fleet.services.length);
        expect(m.healthy + m.degraded + m.critical + m.unknown).toBe(m.totalServices);
        for (const n of [m.sloBreaches, m.overBudget, m.governanceCompliant]) {
          expect(n).toBeGreaterThanOrEqual(0);
          expect(n).toBeLessThanOrEqual(m.totalServices);
        }
        expect(m.sloBreaches).toBe(report.services.filter((s) => s.slosMet < s.slosTotal).length);
        expect(m.governanceCompliant).toBe(report.services.filter((s) => s.governance === 'compliant').length);
        expect(m.avgReliabilityScore).toBeGreaterThanOrEqual(0);
        expect(m.avgReliabilityScore).toBeLessThanOrEqual(100);
        expect(report.services.map((s) => s.name)).toEqual(fleet.services.map((s) => s.name));
      }),
    );
  });

  it('team reports partition the fleet report', () => {
    fc.assert(
      fc.property(fleetArb, (fleet) => {
        const toolkit = PlatformToolkit.fromFleet(fleet);
        const all = toolkit.report();
        const byTeam = toolkit.teams().map((team) => toolkit.report({ team }));
        expect(byTeam.reduce((n, r) => n + r.summary.totalServices, 0)).toBe(all.summary.totalServices);
        for (const [i, team] of toolkit.teams().entries()) {
          expect(byTeam[i]?.services).toEqual(all.services.filter((s) => s.team === team));
        }
      }),
    );
  });

  it('the report JSON round-trips through ReportSchema', () => {
    fc.assert(
      fc.property(fleetArb, (fleet) => {
        const report = buildReport(fleet.services.map((s) => new PlatformService(s)));
        const parsed = ReportSchema.parse(JSON.parse(renderJson(report)));
        expect(parsed).toEqual(report);
        expect(renderJson(parsed)).toBe(renderJson(report));
      }),
    );
  });
});
