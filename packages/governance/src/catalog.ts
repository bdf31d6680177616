import { refineName } from '@pt/input';
import * as z from 'zod';
import type { Facts, FactValue } from './scorecard-schema.js';
import { issueMessages, loadYamlDocuments, locatedIssues, type GovernanceIssue } from './yaml.js';

const text = z.string().min(1);

/**
 * A Backstage catalog entity, as far as `pt` reads it. Envelope fields are checked; kind-specific
 * `spec` fields other than the ones read here are kept as they are (Backstage owns that format).
 */
export const CatalogEntitySchema = z.looseObject({
  apiVersion: text,
  kind: text,
  metadata: z.looseObject({
    // Backstage's own limit; a longer name cannot come from a real catalog.
    name: text.max(63, 'must be at most 63 characters').superRefine(refineName),
    namespace: text.optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    annotations: z.record(z.string(), z.string()).optional(),
    labels: z.record(z.string(), z.string()).optional(),
    tags: z.array(z.string()).optional(),
    links: z
      .array(
        z.looseObject({
          url: text,
          title: z.string().optional(),
          icon: z.string().optional(),
          type: z.string().optional(),
        }),
      )
      .optional(),
  }),
  spec: z
    .looseObject({
      // The owner becomes the team of the service: a look-alike would be a second team.
      owner: text.superRefine(refineName).optional(),
      lifecycle: text.optional(),
      system: text.optional(),
      type: text.optional(),
    })
    .optional(),
});
export type CatalogEntity = z.infer<typeof CatalogEntitySchema>;

/** Entities read from one catalog file, and the problems of the documents that could not be read. */
export interface CatalogParseResult {
  readonly entities: readonly CatalogEntity[];
  readonly issues: readonly GovernanceIssue[];
  /** Documents that are not empty: `entities.length` of them were valid, `invalid` were not. */
  readonly documents: number;
  /** Documents refused (each with one issue or more); a file that cannot be read at all counts 1. */
  readonly invalid: number;
}

/** Keys that would reach an object's prototype when copied: refused anywhere in an entity. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Every `__proto__`, `constructor` or `prototype` key in a document. The entity schema keeps keys
 * it does not know (Backstage owns the format), so they are not refused as unknown keys.
 */
function forbiddenKeys(value: unknown, path: (string | number)[]): { path: (string | number)[]; message: string }[] {
  if (value === null || typeof value !== 'object') return [];
  const found: { path: (string | number)[]; message: string }[] = [];
  if (Array.isArray(value)) value.forEach((item, i) => found.push(...forbiddenKeys(item, [...path, i])));
  else {
    for (const [key, child] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) found.push({ path: [...path, key], message: 'is not allowed as a key' });
      else found.push(...forbiddenKeys(child, [...path, key]));
    }
  }
  return found;
}

/**
 * Parses a catalog file (`catalog-info.yaml`, any number of `---` documents). Every valid
 * document gives an entity; every invalid one gives located issues. Empty documents are skipped.
 */
export function parseCatalog(source: string, filename = '<catalog>'): CatalogParseResult {
  const loaded = loadYamlDocuments(source, filename);
  if ('issue' in loaded) return { entities: [], issues: [loaded.issue], documents: 1, invalid: 1 };
  const entities: CatalogEntity[] = [];
  const problems: { path: readonly (string | number)[]; message: string }[] = [];
  let documents = 0;
  let invalid = 0;
  loaded.documents.forEach((doc, i) => {
    if (doc === null || doc === undefined) return;
    documents++;
    const result = CatalogEntitySchema.safeParse(doc, { reportInput: true });
    const forbidden = forbiddenKeys(doc, [i]);
    if (result.success && forbidden.length === 0) entities.push(result.data);
    else {
      invalid++;
      if (result.success) problems.push(...forbidden);
      else problems.push(...result.error.issues.flatMap(issueMessages([i])), ...forbidden);
    }
  });
  const issues = problems.length === 0 ? [] : locatedIssues(loaded, filename, problems, loaded.documents.length);
  return { entities, issues, documents, invalid };
}

/** Annotations that show an incident-response integration. */
export const INCIDENT_ANNOTATIONS = [
  'pagerduty.com/service-id',
  'pagerduty.com/integration-key',
  'opsgenie.com/component-selector',
];
/** Annotation that shows TechDocs documentation. */
export const DOCUMENTATION_ANNOTATION = 'backstage.io/techdocs-ref';
/** Annotation prefixes that show monitoring. */
export const MONITORING_ANNOTATION_PREFIXES = ['prometheus.io/', 'grafana/'];

/** `group:default/team-a` → `team-a`; `backstage/maintainers` → `maintainers`. */
export function ownerName(ref: string): string {
  const afterKind = ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref;
  return afterKind.includes('/') ? afterKind.slice(afterKind.lastIndexOf('/') + 1) : afterKind;
}

/** Facts derived from one entity (see the package README for the mapping). */
export function entityFacts(entity: CatalogEntity): Facts {
  const annotations = entity.metadata.annotations ?? {};
  const names = Object.keys(annotations);
  const links = entity.metadata.links ?? [];
  const facts: Facts = {};
  const set = (name: string, value: FactValue | undefined) => {
    if (value !== undefined) facts[name] = value;
  };
  set('kind', entity.kind);
  set('type', entity.spec?.type);
  set('owner', entity.spec?.owner);
  set('lifecycle', entity.spec?.lifecycle);
  set('system', entity.spec?.system);
  set('ownership', entity.spec?.owner !== undefined);
  set(
    'runbook',
    links.some((l) => /runbook/i.test(`${l.title ?? ''} ${l.type ?? ''} ${l.url}`)),
  );
  set(
    'incidentResponse',
    INCIDENT_ANNOTATIONS.some((a) => Object.hasOwn(annotations, a)),
  );
  set('documentation', Object.hasOwn(annotations, DOCUMENTATION_ANNOTATION));
  set(
    'monitoring',
    names.some((a) => MONITORING_ANNOTATION_PREFIXES.some((p) => a.startsWith(p))),
  );
  return facts;
}

/** Which catalog entities to import: each list, when given, must hold the entity's value. */
export interface CatalogFilter {
  /** Entity kinds, e.g. `Component` (compared case-insensitively, as Backstage does). */
  readonly kinds?: readonly string[];
  /** `spec.type` values, e.g. `service`. */
  readonly types?: readonly string[];
  /** `spec.lifecycle` values, e.g. `production`. */
  readonly lifecycles?: readonly string[];
}

/** The entities a filter keeps, in input order. An empty or absent list keeps every value. */
export function filterEntities(entities: readonly CatalogEntity[], filter: CatalogFilter): CatalogEntity[] {
  const kinds = filter.kinds?.map((k) => k.toLowerCase()) ?? [];
  const keep = (list: readonly string[] | undefined, value: string | undefined) =>
    list === undefined || list.length === 0 || (value !== undefined && list.includes(value));
  return entities.filter(
    (e) =>
      (kinds.length === 0 || kinds.includes(e.kind.toLowerCase())) &&
      keep(filter.types, e.spec?.type) &&
      keep(filter.lifecycles, e.spec?.lifecycle),
  );
}

/** Catalog entity kinds that become fleet services. */
export const SERVICE_KINDS = ['Component'];

/** A name made to fit the fleet file's service-name rule: lower case, other characters → `-`. */
export function serviceNameOf(entity: CatalogEntity): string {
  return entity.metadata.name
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 63);
}

/** A fleet-file service derived from a catalog Component. */
export interface ImportedService {
  readonly name: string;
  readonly team: string;
  readonly governance: {
    readonly runbook: boolean;
    readonly monitoring: boolean;
    readonly ownership: boolean;
    readonly documentation: boolean;
    readonly incidentResponse: boolean;
  };
  readonly facts: Facts;
}

/**
 * Fleet-file services from catalog entities: one per entity of the `kinds` (default
 * {@link SERVICE_KINDS}, compared case-insensitively), in input order (first name wins).
 */
export function importServices(
  entities: readonly CatalogEntity[],
  kinds: readonly string[] = SERVICE_KINDS,
): ImportedService[] {
  const wanted = new Set(kinds.map((k) => k.toLowerCase()));
  const seen = new Set<string>();
  const services: ImportedService[] = [];
  for (const entity of entities) {
    if (!wanted.has(entity.kind.toLowerCase())) continue;
    const name = serviceNameOf(entity);
    if (name === '' || seen.has(name)) continue;
    seen.add(name);
    const facts = entityFacts(entity);
    const flag = (k: string) => facts[k] === true;
    const rest: Facts = {};
    for (const k of ['kind', 'type', 'owner', 'lifecycle', 'system']) {
      const v = facts[k];
      if (v !== undefined) rest[k] = v;
    }
    services.push({
      name,
      team: entity.spec?.owner === undefined ? 'unowned' : ownerName(entity.spec.owner),
      governance: {
        runbook: flag('runbook'),
        monitoring: flag('monitoring'),
        ownership: flag('ownership'),
        documentation: flag('documentation'),
        incidentResponse: flag('incidentResponse'),
      },
      facts: rest,
    });
  }
  return services;
}

/** Facts per service name from catalog entities (Components only; first entity of a name wins). */
export function catalogFacts(entities: readonly CatalogEntity[]): Map<string, Facts> {
  const out = new Map<string, Facts>();
  for (const entity of entities) {
    if (!SERVICE_KINDS.includes(entity.kind)) continue;
    const name = serviceNameOf(entity);
    if (!out.has(name)) out.set(name, entityFacts(entity));
  }
  return out;
}
