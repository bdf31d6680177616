/**
 * How the toolkit composes @pt/governance: the fleet file carries facts and waivers, every
 * service is scored as it is evaluated, the report and its table show the scorecard, and the
 * fleet file `pt governance import-catalog` writes is one the fleet parser reads back. The
 * scoring, the check and the import themselves are tested in @pt/governance.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_FLEET } from '../demo.js';
import { parseFleet } from '../fleet/parse.js';
import { formatIssue } from '@pt/input';
import { renderHtml } from '../render/html.js';
import { serviceDetailHtml } from '../render/html-details.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderTable } from '../render/table.js';
import { ReportSchema } from '../report/schema.js';
import { PlatformToolkit } from '../toolkit.js';
import {
  DEFAULT_SCORECARD,
  catalogFleet,
  governanceCheck,
  parseCatalog,
  parseScorecard,
  renderFleetYaml,
} from '@pt/governance';
import type { Fleet } from '../fleet/schema.js';

const fleetText = `apiVersion: pt/v1
kind: Fleet
services:
  - name: payments
    team: payments
    tier: 1
    governance: { runbook: true, monitoring: true, ownership: true }
    facts: { lifecycle: production, runbook: false }
  - name: search
    team: platform
    facts: { lifecycle: experimental }
  - name: batch
    team: platform
waivers:
  - { rule: documentation, service: payments, reason: docs migration, expires: 2026-03-15 }
  - { rule: ownership, team: platform, reason: re-org, expires: 2026-01-31 }
`;

function fleet() {
  const parsed = parseFleet(fleetText, { filename: 'fleet.yaml' });
  if (!parsed.ok) throw new Error(parsed.issues.map(formatIssue).join('\n'));
  return parsed.fleet;
}

describe('the fleet file carries facts and waivers', () => {
  it('accepts them', () => {
    expect(fleet().services[0]?.facts).toEqual({ lifecycle: 'production', runbook: false });
    expect(fleet().waivers).toHaveLength(2);
  });

  it.each([
    [
      'an unknown key in a waiver',
      fleetText.replace('reason: re-org', 'reason: re-org, owner: x'),
      'fleet.yaml:16 waivers[1].owner: unknown key',
    ],
    [
      'a bad expiry date',
      fleetText.replace('2026-01-31', '2026-13-01'),
      'fleet.yaml:16 waivers[1].expires: must be a date YYYY-MM-DD, got "2026-13-01"',
    ],
    [
      'a fact that is a list',
      fleetText.replace('lifecycle: experimental', 'lifecycle: [a]'),
      'fleet.yaml:11 services[1].facts.lifecycle: must be a string, a finite number or a boolean',
    ],
    ['an unknown top-level key', `${fleetText}waiver: []\n`, 'fleet.yaml:17 waiver: unknown key'],
  ])('rejects %s, located', (_label, text, message) => {
    const parsed = parseFleet(text, { filename: 'fleet.yaml' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map(formatIssue)).toEqual([message]);
  });
});

describe('every service is scored as it is evaluated', () => {
  it('scores only services with a governance section, facts or catalog facts', () => {
    const toolkit = PlatformToolkit.fromFleet(fleet());
    expect(toolkit.services().map((s) => s.scorecard?.score ?? null)).toEqual([60, 0, null]);
    const withCatalog = PlatformToolkit.fromFleet(fleet(), { catalogFacts: new Map([['batch', { ownership: true }]]) });
    expect(withCatalog.get('batch').scorecard?.score).toBe(20);
    // Catalog facts are governance evidence: the scorecard in effect decides the status (4 of 5 fail).
    expect(toolkit.get('batch').toReport().governance).toBe('needs_review');
    expect(withCatalog.get('batch').toReport().governance).toBe('non_compliant');
    expect(withCatalog.get('batch').governanceVerdict.points).toBe(2);
  });

  it('applies fleet waivers on the day given, and reports expired ones', () => {
    const on = (at: string) => PlatformToolkit.fromFleet(fleet(), { at }).get('payments').toReport().scorecard;
    expect(on('2026-03-15')).toMatchObject({ waived: ['documentation'], score: 80, expiredWaivers: [] });
    expect(on('2026-03-16')).toMatchObject({
      waived: [],
      score: 60,
      expiredWaivers: [{ rule: 'documentation', expires: '2026-03-15', reason: 'docs migration' }],
    });
    const search = PlatformToolkit.fromFleet(fleet(), { at: '2026-01-31' }).get('search').scorecard;
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
    const report = PlatformToolkit.fromFleet(fleet(), { scorecard: parsed.scorecard }).report();
    expect(report.services.map((s) => [s.name, s.scorecard?.level, s.scorecard?.score])).toEqual([
      ['payments', 'ready', 100],
      ['search', null, 0],
      ['batch', undefined, undefined],
    ]);
    expect(report.services[1]?.scorecard?.failed).toEqual(['prod']);
  });
});

describe('governanceCheck', () => {
  it("reads the toolkit's evaluated services", () => {
    const toolkit = PlatformToolkit.fromFleet(fleet(), { at: '2026-03-16' });
    const check = governanceCheck(toolkit.services(), { byTeam: true, at: '2026-03-16' });
    expect(check.unscored).toEqual(['batch']);
    expect(check.services.map((s) => [s.service, s.level, s.score])).toEqual([
      ['payments', 'bronze', 60],
      ['search', null, 0],
    ]);
  });
});

describe('the report table', () => {
  it('shows level and score next to the status, with a legend, within 80 columns', () => {
    const table = renderTable(PlatformToolkit.fromFleet(DEMO_FLEET).report());
    expect(table).toContain('  governance level+score (scorecard default): G gold · B bronze\n');
    expect(table).toMatch(/ {2}api-gateway +healthy +85 {2}compliant G100 /);
    expect(table).toMatch(/ {2}payments +critical +60 {2}needs_review B60 /);
    for (const line of table.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('writes whole level names when two share an initial', () => {
    const parsed = parseScorecard(
      `apiVersion: pt/v1
kind: Scorecard
name: s
levels: [silver, standard]
rules:
  - { id: a, title: A, level: silver, condition: { fact: runbook, equals: true } }
  - { id: b, title: B, level: standard, condition: { fact: documentation, equals: true } }
`,
    );
    if (!parsed.ok) throw new Error('bad scorecard');
    const table = renderTable(PlatformToolkit.fromFleet(DEMO_FLEET, { scorecard: parsed.scorecard }).report());
    expect(table).toContain('compliant standard100');
    expect(table).toContain('needs_review silver50');
    expect(table).toContain('governance level+score (scorecard s): standard · silver\n');
  });
});

describe('several scorecards, each with appliesTo', () => {
  const card = (name: string, appliesTo: string, rule: string) => {
    const parsed = parseScorecard(
      `apiVersion: pt/v1\nkind: Scorecard\nname: ${name}\n${appliesTo}levels: [bronze, silver]\nrules:\n${rule}`,
      `${name}.yaml`,
    );
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
    return parsed.scorecard;
  };
  const production = card(
    'production',
    'appliesTo: { lifecycle: production, tier: [1] }\n',
    '  - { id: documented, title: Documented, level: bronze, condition: { fact: documentation, equals: true } }\n',
  );
  const experiments = card(
    'experiments',
    'appliesTo: { condition: { fact: lifecycle, equals: experimental } }\n',
    '  - { id: owned, title: Owned, level: bronze, condition: { fact: ownership, equals: true } }\n' +
      '  - { id: sunset, title: Sunset date, level: silver, condition: { fact: sunset, present: true } }\n',
  );
  const toolkit = () =>
    PlatformToolkit.fromFleet(fleet(), { scorecards: [DEFAULT_SCORECARD, production, experiments], at: '2026-03-16' });

  it('scores each service by every scorecard that applies, and the verdict counts them all', () => {
    const t = toolkit();
    expect(t.services().map((s) => [s.name, s.scorecards.map((r) => r.scorecard)])).toEqual([
      ['payments', ['default', 'production']],
      ['search', ['default', 'experiments']],
      ['batch', []],
    ]);
    // payments: default fails documentation and incident_response (runbook: false from facts: is
    // overridden by the governance flag), production fails documented: 3 failed → non_compliant, +2.
    const payments = t.get('payments');
    expect(payments.governanceVerdict.failed.map((r) => `${r.scorecard}/${r.rule}`)).toEqual([
      'default/documentation',
      'default/incident_response',
      'production/documented',
    ]);
    expect(payments.toReport().governance).toBe('non_compliant');
    expect(payments.points).toBe(2);
    expect(t.get('batch').toReport().governance).toBe('needs_review');
  });

  it('lists every result in the report (valid report v1), the first also as scorecard', () => {
    const report = toolkit().report();
    expect(ReportSchema.safeParse(report).success).toBe(true);
    const search = report.services[1];
    expect(search?.scorecard?.name).toBe('default');
    expect(search?.scorecards?.map((c) => [c.name, c.level, c.score, c.failed])).toEqual([
      ['default', null, 0, ['runbook', 'monitoring', 'ownership', 'documentation', 'incident_response']],
      ['experiments', null, 0, ['owned', 'sunset']],
    ]);
    expect(report.services[2]?.scorecards).toEqual([]);
    // One scorecard: the report keeps its shape (no scorecards key).
    expect(PlatformToolkit.fromFleet(fleet()).report().services[0]).not.toHaveProperty('scorecards');
  });

  it('shows every scorecard of every service in the table, Markdown and HTML', () => {
    const report = toolkit().report();
    const table = renderTable(report);
    expect(table).toContain('  governance level+score (first that applies; all under Scorecards): B bronze');
    expect(table).toMatch(/\nScorecards\nSERVICE +SCORECARD +LEVEL +SCORE +RULES\n/);
    expect(table).toMatch(/\npayments +production +none +0 +failed documented\n/);
    expect(table).toMatch(
      /\npayments +default +bronze +60 +failed documentation \(waiver expired\n {38}2026-03-15\), incident_response\n/,
    );
    expect(table).toMatch(/\nsearch +experiments +none +0 +failed owned, sunset\n/);
    for (const line of table.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const markdown = renderMarkdown(report);
    expect(markdown).toContain(
      '## Scorecards\n\n| Service | Scorecard | Level | Score | Failed | Waived |\n| --- | --- | --- | ---: | --- | --- |\n',
    );
    expect(markdown).toContain('| payments | production | none | 0 | documented | - |\n');
    const html = renderHtml(report);
    expect(html).toContain('<h2>Services per scorecard</h2><p>3 scorecards: default, production, experiments;');
    const payments = report.services[0];
    if (payments === undefined) throw new Error('fixture');
    const detail = serviceDetailHtml(payments);
    expect(detail).toContain('<h3>Scorecard default</h3>');
    expect(detail).toContain('<h3>Scorecard production</h3><p>Level none, score 0');
    expect(renderHtml(PlatformToolkit.fromFleet(fleet()).report())).not.toContain('Services per scorecard');
  });
});

describe('catalogFleet', () => {
  it('prints a fleet file that pt reads back', () => {
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
    const fleetFile: Fleet = catalogFleet(entities);
    const parsed = parseFleet(renderFleetYaml(fleetFile), { filename: 'imported.yaml' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.fleet.services).toEqual([
      {
        name: 'checkout',
        team: 'shop',
        governance: { runbook: true, monitoring: false, ownership: true, documentation: false, incidentResponse: true },
        facts: { kind: 'Component', type: 'service', owner: 'group:default/shop', lifecycle: 'production' },
      },
    ]);
  });
});
