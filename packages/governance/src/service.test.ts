import { describe, expect, it } from 'vitest';
import { catalogFacts, parseCatalog } from './catalog.js';
import { governanceCheck, renderGovernanceCheck } from './fleet-check.js';
import { catalogFleet, renderFleetYaml } from './import-fleet.js';
import type { Waiver } from './scorecard-schema.js';
import { parseScorecard } from './scorecard.js';
import { scoreService, serviceFacts, toServiceScorecard, type GovernedService } from './service.js';

/** The services of a fleet file, as governance reads them. */
const SERVICES: readonly GovernedService[] = [
  {
    name: 'payments',
    team: 'payments',
    tier: 1,
    governance: { runbook: true, monitoring: true, ownership: true },
    facts: { lifecycle: 'production', runbook: false },
  },
  { name: 'search', team: 'platform', facts: { lifecycle: 'experimental' } },
  { name: 'batch', team: 'platform' },
];

/** The fleet file's waivers. */
const FLEET_WAIVERS: readonly Waiver[] = [
  { rule: 'documentation', service: 'payments', reason: 'docs migration', expires: '2026-03-15' },
  { rule: 'ownership', team: 'platform', reason: 're-org', expires: '2026-01-31' },
];

const service = (name: string): GovernedService => {
  const found = SERVICES.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no service ${name}`);
  return found;
};

describe('facts and scoring', () => {
  it('gives governance flags precedence over facts:, and facts: over catalog facts', () => {
    expect(serviceFacts(service('payments'), { lifecycle: 'experimental', system: 'audio', runbook: false })).toEqual({
      name: 'payments',
      team: 'payments',
      tier: 1,
      lifecycle: 'production',
      system: 'audio',
      runbook: true,
      monitoring: true,
      ownership: true,
    });
  });

  it('keeps a __proto__ fact as a fact, never as the prototype (as object spread would)', () => {
    const catalog = JSON.parse('{"__proto__": "x", "lifecycle": "beta"}') as Record<string, string>;
    const facts = serviceFacts({ name: 'svc', team: 't' }, catalog);
    expect(Object.getPrototypeOf(facts)).toBe(Object.prototype);
    expect(Object.keys(facts)).toEqual(['name', 'team', '__proto__', 'lifecycle']);
    expect(Object.getOwnPropertyDescriptor(facts, '__proto__')?.value).toBe('x');
  });

  it('scores only services with a governance section, facts or catalog facts', () => {
    expect(SERVICES.map((s) => scoreService(s)?.score ?? null)).toEqual([60, 0, null]);
    const catalog = new Map([['batch', { ownership: true }]]);
    expect(scoreService(service('batch'), { catalogFacts: catalog })?.score).toBe(20);
  });

  it('applies fleet waivers on the day given, and reports expired ones', () => {
    const on = (at: string) => {
      const result = scoreService(service('payments'), { fleetWaivers: FLEET_WAIVERS, at });
      return result === null ? null : toServiceScorecard(result);
    };
    expect(on('2026-03-15')).toMatchObject({ waived: ['documentation'], score: 80, expiredWaivers: [] });
    expect(on('2026-03-16')).toMatchObject({
      waived: [],
      score: 60,
      expiredWaivers: [{ rule: 'documentation', expires: '2026-03-15', reason: 'docs migration' }],
    });
    const search = scoreService(service('search'), { fleetWaivers: FLEET_WAIVERS, at: '2026-01-31' });
    expect(search?.waived).toEqual(['ownership']);
  });

  it('uses a custom scorecard', () => {
    const parsed = parseScorecard(
      `apiVersion: pt/v1
kind: Scorecard
name: lifecycle
levels: [ready]
rules:
  - { id: prod, title: In production, level: ready, condition: { fact: lifecycle, equals: production } }
`,
      'sc.yaml',
    );
    if (!parsed.ok) throw new Error('bad scorecard');
    const results = SERVICES.map((s) => scoreService(s, { scorecard: parsed.scorecard }));
    expect(results.map((r) => [r?.service, r?.level, r?.score])).toEqual([
      ['payments', 'ready', 100],
      ['search', null, 0],
      [undefined, undefined, undefined],
    ]);
    expect(results[1]?.failed).toEqual(['prod']);
  });
});

describe('governanceCheck', () => {
  it('rolls up the fleet and each team', () => {
    const at = '2026-03-16';
    const services = SERVICES.map((s) => ({
      name: s.name,
      scorecard: scoreService(s, { fleetWaivers: FLEET_WAIVERS, at }),
    }));
    const check = governanceCheck(services, { byTeam: true, at });
    expect(check.unscored).toEqual(['batch']);
    expect(check.fleet).toEqual({
      services: 2,
      levels: { bronze: 1, silver: 0, gold: 0, none: 1 },
      averageScore: 30,
      mostFailed: [
        { rule: 'documentation', failed: 2 },
        { rule: 'incident_response', failed: 2 },
        { rule: 'runbook', failed: 1 },
        { rule: 'monitoring', failed: 1 },
        { rule: 'ownership', failed: 1 },
      ],
    });
    expect(check.teams?.map((t) => [t.team, t.services, t.averageScore])).toEqual([
      ['payments', 1, 60],
      ['platform', 1, 0],
    ]);
    const text = renderGovernanceCheck(check);
    expect(text).toContain('Scorecard default: 2 services scored, waivers as of 2026-03-16\n');
    expect(text).toContain('  levels bronze 1 · silver 0 · gold 0 · none 1 · average score 30\n');
    expect(text).toMatch(/^payments {2}payments {2}bronze {2}\s+60 {2}silver {2}documentation$/m);
    expect(text).toContain('Expired waivers\n  payments: documentation expired 2026-03-15 (docs migration)\n');
    expect(text).toContain('  platform: 1 scored · average score 0 · bronze 0 · silver 0 · gold 0 · none 1\n');
  });
});

describe('catalogFleet', () => {
  it('prints a pt/v1 fleet file with one service per Component', () => {
    const { entities } = parseCatalog(
      `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: Checkout
  links: [{ url: 'https://wiki/runbooks/checkout' }]
  annotations: { pagerduty.com/service-id: P1 }
spec: { owner: group:default/shop, lifecycle: production, type: service }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: shop }
`,
      'catalog-info.yaml',
    );
    expect(renderFleetYaml(catalogFleet(entities))).toBe(`apiVersion: pt/v1
kind: Fleet
services:
  - name: checkout
    team: shop
    governance:
      runbook: true
      monitoring: false
      ownership: true
      documentation: false
      incidentResponse: true
    facts:
      kind: Component
      type: service
      owner: group:default/shop
      lifecycle: production
`);
    expect(catalogFacts(entities).get('checkout')?.['runbook']).toBe(true);
  });
});
