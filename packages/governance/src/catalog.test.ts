import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIssue } from '@pt/input';
import { describe, expect, it } from 'vitest';
import {
  catalogFacts,
  entityFacts,
  importServices,
  ownerName,
  parseCatalog,
  serviceNameOf,
  type CatalogEntity,
} from './catalog.js';
import { DEFAULT_SCORECARD, evaluateScorecard } from './scorecard.js';

/** The Backstage example entities copied under test/fixtures/backstage (see SOURCE.md there). */
const FIXTURES = fileURLToPath(new URL('../test/fixtures/backstage', import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
    )
    .sort();
}

const fixtures = yamlFiles(FIXTURES).map((path) => [relative(FIXTURES, path), readFileSync(path, 'utf8')] as const);

describe('every Backstage fixture imports', () => {
  it('there are 20 fixture files', () => {
    expect(fixtures).toHaveLength(20);
  });

  it.each(fixtures)('%s', (name, text) => {
    const r = parseCatalog(text, name);
    expect(r.issues).toEqual([]);
    expect(r.entities.length).toBeGreaterThan(0);
  });

  it('gives the 27 entities SOURCE.md lists, by kind', () => {
    const entities = fixtures.flatMap(([name, text]) => parseCatalog(text, name).entities);
    const kinds: Record<string, number> = {};
    for (const e of entities) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
    expect(entities).toHaveLength(27);
    expect(kinds).toEqual({ Component: 10, API: 4, System: 2, Domain: 1, Resource: 1, Group: 3, User: 5, Location: 1 });
  });

  it('imports one service per Component, with its owner as team and its facts', () => {
    const entities = fixtures.flatMap(([name, text]) => parseCatalog(text, name).entities);
    const services = importServices(entities);
    expect(services).toHaveLength(10);
    expect(services.find((s) => s.name === 'backstage-demo')).toEqual({
      name: 'backstage-demo',
      team: 'maintainers',
      governance: { runbook: false, monitoring: false, ownership: true, documentation: true, incidentResponse: false },
      facts: { kind: 'Component', type: 'website', owner: 'backstage/maintainers', lifecycle: 'experimental' },
    });
    expect(services.find((s) => s.name === 'artist-lookup')?.facts).toEqual({
      kind: 'Component',
      type: 'service',
      owner: 'team-a',
      lifecycle: 'experimental',
      system: 'artist-engagement-portal',
    });
    expect(services.find((s) => s.name === 'shuffle-api')?.team).toBe('guest');
    expect(catalogFacts(entities).get('backstage-demo')?.['documentation']).toBe(true);
  });
});

const entity = (over: Partial<CatalogEntity['metadata']>, spec: CatalogEntity['spec'] = { owner: 'team-a' }) =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'svc', ...over },
    spec,
  }) as CatalogEntity;

describe('the fact mapping', () => {
  it.each<[string, CatalogEntity, Record<string, unknown>]>([
    ['an owner', entity({}), { ownership: true, owner: 'team-a' }],
    ['no owner', entity({}, { type: 'service' }), { ownership: false }],
    [
      'a runbook link (by title)',
      entity({ links: [{ url: 'https://x/y', title: 'On-call Runbook' }] }),
      { runbook: true },
    ],
    ['a runbook link (by url)', entity({ links: [{ url: 'https://wiki/runbooks/svc' }] }), { runbook: true }],
    ['a link that is no runbook', entity({ links: [{ url: 'https://x', title: 'Dashboard' }] }), { runbook: false }],
    ['PagerDuty', entity({ annotations: { 'pagerduty.com/service-id': 'P123' } }), { incidentResponse: true }],
    ['TechDocs', entity({ annotations: { 'backstage.io/techdocs-ref': 'dir:.' } }), { documentation: true }],
    ['a Prometheus rule', entity({ annotations: { 'prometheus.io/rule': 'up == 0' } }), { monitoring: true }],
    ['a Grafana dashboard', entity({ annotations: { 'grafana/dashboard-selector': 'svc' } }), { monitoring: true }],
    [
      'other annotations',
      entity({ annotations: { 'github.com/project-slug': 'a/b' } }),
      { monitoring: false, documentation: false, incidentResponse: false },
    ],
  ])('%s', (_label, e, expected) => {
    expect(entityFacts(e)).toMatchObject(expected);
  });

  it('feeds the default scorecard', () => {
    const e = entity({
      links: [{ url: 'https://x/runbook' }],
      annotations: {
        'pagerduty.com/service-id': 'P1',
        'backstage.io/techdocs-ref': 'dir:.',
        'grafana/tag-selector': 'x',
      },
    });
    const r = evaluateScorecard(DEFAULT_SCORECARD, { name: 'svc', team: 'team-a', facts: entityFacts(e) });
    expect([r.level, r.score]).toEqual(['gold', 100]);
  });

  it.each([
    ['team-a', 'team-a'],
    ['group:team-a', 'team-a'],
    ['user:guest', 'guest'],
    ['group:default/team-a', 'team-a'],
    ['backstage/maintainers', 'maintainers'],
  ])('owner %s → team %s', (ref, team) => {
    expect(ownerName(ref)).toBe(team);
  });

  it('makes a catalog name a valid service name', () => {
    expect(serviceNameOf(entity({ name: 'My_Service.V2' }))).toBe('my_service.v2');
    expect(serviceNameOf(entity({ name: '-Web App' }))).toBe('web-app');
  });
});

describe('malformed catalog files give located errors', () => {
  it.each<[string, string, string[]]>([
    [
      'a document without a name, another with a bad annotation',
      `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ok
spec:
  owner: team-a
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  title: no name
spec:
  owner: team-a
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: api
  annotations:
    pagerduty.com/service-id: 42
`,
      [
        'cat.yaml:10 document 2 metadata.name: is required',
        'cat.yaml:20 document 3 metadata.annotations["pagerduty.com/service-id"]: must be a string, got 42',
      ],
    ],
    [
      'a single document with a bad owner and links',
      `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: svc
  links: [{ title: no url }]
spec:
  owner: ""
`,
      ['cat.yaml:5 metadata.links[0].url: is required', 'cat.yaml:7 spec.owner: must not be empty'],
    ],
    ['not a mapping', `- a\n- b\n`, ['cat.yaml:1: must be a mapping, got a list']],
    [
      'keys that reach a prototype, anywhere (the schema keeps keys it does not know)',
      `apiVersion: a\nkind: Component\nmetadata: { name: x }\n__proto__: { polluted: true }\nspec:\n  constructor: 1\n  list: [{ prototype: 2 }]\n`,
      [
        'cat.yaml:4 __proto__: is not allowed as a key',
        'cat.yaml:6 spec.constructor: is not allowed as a key',
        'cat.yaml:7 spec.list[0].prototype: is not allowed as a key',
      ],
    ],
    [
      'a name longer than Backstage allows',
      `apiVersion: a\nkind: Component\nmetadata:\n  name: ${'n'.repeat(64)}\n`,
      [`cat.yaml:4 metadata.name: must be at most 63 characters, got "${'n'.repeat(37)}..."`],
    ],
    ['a YAML syntax error', `kind: [Component\n`, ['cat.yaml:2:1: YAML syntax error: deficient indentation']],
  ])('%s', (_label, text, expected) => {
    const r = parseCatalog(text, 'cat.yaml');
    const lines = r.issues.map(
      (i) =>
        `${i.file}${i.line === undefined ? '' : `:${i.line}`}${i.code === 'E_SYNTAX' && i.column !== undefined ? `:${i.column}` : ''}${i.path === '' ? '' : ` ${i.path}`}: ${i.message}`,
    );
    expect(lines).toEqual(expected);
  });

  it('keeps the valid documents of a file that has an invalid one', () => {
    const r = parseCatalog('apiVersion: a\nkind: Component\nmetadata: { name: ok }\n---\nkind: X\n', 'cat.yaml');
    expect(r.entities.map((e) => e.metadata.name)).toEqual(['ok']);
    expect(r.issues).toHaveLength(2);
  });

  it('skips empty documents', () => {
    expect(parseCatalog('---\n---\napiVersion: a\nkind: Group\nmetadata: { name: g }\n').issues).toEqual([]);
  });
});

describe('issue 22 item 7: look-alike entity names and owners are refused, located', () => {
  const entity = (name: string, owner: string) =>
    `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: "${name}"\nspec:\n  owner: "${owner}"\n`;
  it.each([
    [
      'an owner with a zero-width space',
      entity('payments', 'team-payments\\u200b'),
      'c.yaml:6 spec.owner: must not contain control or format characters (\\u200b at character 14), got "team-payments\\u200b"',
    ],
    [
      'a name with a right-to-left override',
      entity('\\u202epayments', 'team-a'),
      'c.yaml:4 metadata.name: must not contain control or format characters (\\u202e at character 1), got "\\u202epayments"',
    ],
    [
      'an owner not in NFC',
      entity('payments', 'cafe\\u0301'),
      'c.yaml:6 spec.owner: must be in Unicode normalization form NFC (\\u0301 at character 5 combines with the character before it), got "cafe\u0301"',
    ],
  ])('%s', (_label, text, expected) => {
    const r = parseCatalog(text, 'c.yaml');
    expect(r.entities).toEqual([]);
    expect(r.issues.map(formatIssue)).toEqual([expected]);
  });
});
