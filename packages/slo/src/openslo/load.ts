import {
  aliasRefusal,
  describeValue as describe,
  formatIssue,
  loadYaml,
  locatedIssues,
  locateInYaml,
  messagesWith,
  stripBom,
  type DocumentPath as DocPath,
  type InputIssue,
  type LoadedYaml,
  type PathMessage,
} from '@pt/input';
import type { z } from 'zod';
import { parseWallTime } from '../calendar.js';
import { parseDuration, type Duration } from '../duration.js';
import type {
  AlertConditionDefinition,
  AlertPolicyDefinition,
  Indicator,
  Objective,
  SloDefinition,
  SloWindow,
} from './model.js';
import {
  KIND_SCHEMAS,
  OPENSLO_API_VERSION,
  OPENSLO_KINDS,
  type OpenSloAlertCondition,
  type OpenSloKind,
  type OpenSloSlo,
  type SliSpec,
} from './schema.js';

/** One OpenSLO file to load: a name for messages and its text. */
export interface OpenSloFile {
  readonly name: string;
  readonly text: string;
}

/** A problem in an OpenSLO file, located by file, document (1-based), line and path. */
export type OpenSloIssue = InputIssue & {
  /** `E_SYNTAX` YAML; `E_SCHEMA` object invalid; `E_REFERENCE` unresolved ref; `E_DUPLICATE` name clash. */
  readonly code: 'E_SYNTAX' | 'E_SCHEMA' | 'E_REFERENCE' | 'E_DUPLICATE';
  /** Errors reject the input; warnings are printed and the input is still used. */
  readonly severity: 'error' | 'warning';
  /** 1-based index of the YAML document in the file (`---` separated). */
  readonly document: number;
};

/** Every object loaded, by kind, and the SLOs ready to evaluate. */
export interface OpenSloCatalog {
  readonly slos: readonly SloDefinition[];
  /** Names of every object loaded, by kind, in file order. */
  readonly names: Readonly<Record<OpenSloKind, readonly string[]>>;
}

export type OpenSloLoadResult =
  | { readonly ok: true; readonly catalog: OpenSloCatalog; readonly warnings: readonly OpenSloIssue[] }
  | { readonly ok: false; readonly issues: readonly OpenSloIssue[] };

interface Pending {
  readonly code: OpenSloIssue['code'];
  readonly severity: OpenSloIssue['severity'];
  readonly file: number;
  /** 0-based document index. */
  readonly document: number;
  readonly path: DocPath;
  readonly message: string;
}

interface Loaded {
  readonly file: number;
  readonly document: number;
  readonly base: DocPath;
  readonly kind: OpenSloKind;
  readonly name: string;
  readonly value: unknown;
}

/** `slos.yaml:12 (document 1) spec.objectives[0].target: must be <= 1, got 99.9` (the one issue wording). */
export const formatOpenSloIssue: (issue: OpenSloIssue) => string = formatIssue;

/** OpenSLO's own wording: its refinements name what is wrong, and a union lists accepted forms. */
function openSloWording(issue: z.core.$ZodIssue, path: DocPath, got: string): PathMessage[] | undefined {
  if (issue.code === 'custom') return [{ path, message: issue.message }];
  if (issue.code === 'invalid_union') return [{ path, message: `is not any of the accepted forms, got ${got}` }];
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function toDuration(text: string): Duration {
  const d = parseDuration(text);
  if (d === null) throw new Error(`unreachable: duration ${text} passed validation`);
  return d;
}

/**
 * Loads OpenSLO v1 files: YAML with one or more documents (`---`), each holding one object or
 * a list of objects of the kinds `Service`, `SLO`, `SLI`, `DataSource`, `AlertPolicy`,
 * `AlertCondition`, `AlertNotificationTarget`. Validates every object, checks names are unique per
 * kind across all files, resolves `indicatorRef`, `alertPolicyRef`, `conditionRef` and
 * `targetRef`, and returns every SLO normalised (targets as fractions). Every problem is
 * collected and located; bad input never throws.
 */
export function loadOpenSlo(files: readonly OpenSloFile[]): OpenSloLoadResult {
  try {
    return loadAll(files);
  } catch (error) {
    // A last line of defence: parsers can still run out of stack on pathological input.
    const reason =
      error instanceof RangeError
        ? 'the document is nested or aliased too deeply'
        : error instanceof Error
          ? error.message
          : String(error);
    const file = files.length === 1 ? (files[0]?.name ?? '<input>') : files.map((f) => f.name).join(', ');
    return {
      ok: false,
      issues: [
        {
          code: 'E_SYNTAX',
          severity: 'error',
          file,
          document: 1,
          path: '',
          message: `cannot read the input: ${reason}`,
        },
      ],
    };
  }
}

function loadAll(files: readonly OpenSloFile[]): OpenSloLoadResult {
  const pending: Pending[] = [];
  const eventsOf: (LoadedYaml['events'] | undefined)[] = [];
  const syntax: OpenSloIssue[] = [];
  const loaded: Loaded[] = [];

  files.forEach((f, fileIndex) => {
    // The alias guard runs one document at a time, below: a bomb in one document leaves the others read.
    const read = loadYaml(f.text, { file: f.name, maxAliasExpansion: false });
    if (!read.ok) {
      const { line } = read.issue;
      syntax.push({
        code: 'E_SYNTAX',
        severity: 'error',
        file: f.name,
        document: 1,
        ...(line === undefined ? {} : { line }),
        path: '',
        message: read.issue.message,
      });
      eventsOf.push(undefined);
      return;
    }
    const events = read.events;
    const documents = read.documents;
    eventsOf.push(events);
    if (documents.every((doc) => doc === null || doc === undefined)) {
      // Nothing to read is a mistake (a wrong or truncated file), never "valid".
      syntax.push({
        code: 'E_SCHEMA',
        severity: 'error',
        file: f.name,
        document: 1,
        path: '',
        message: 'the file is empty; expected OpenSLO objects (apiVersion: openslo/v1, kind, metadata, spec)',
      });
      return;
    }
    documents.forEach((doc, d) => {
      const add = (path: DocPath, message: string, code: Pending['code'] = 'E_SCHEMA') =>
        pending.push({ code, severity: 'error', file: fileIndex, document: d, path, message });
      if (doc === null || doc === undefined) return;
      // Each document may expand to the guard's floor (100,000 nodes), however few are written.
      const refused = aliasRefusal(doc, events, 0);
      if (refused !== undefined) {
        add([], `YAML aliases expand beyond ${refused.limit} nodes; refusing to read further`);
        return;
      }
      const items: { base: DocPath; value: unknown }[] = Array.isArray(doc)
        ? (doc as unknown[]).map((value: unknown, i) => ({ base: [i], value }))
        : [{ base: [], value: doc }];
      for (const { base, value } of items) {
        if (!isRecord(value)) {
          add(
            base,
            `must be an OpenSLO object (a mapping with apiVersion, kind, metadata, spec), got ${describe(value)}`,
          );
          continue;
        }
        if (value['apiVersion'] !== OPENSLO_API_VERSION) {
          add(
            [...base, 'apiVersion'],
            `must be "${OPENSLO_API_VERSION}", got ${describe(value['apiVersion'])}` +
              (typeof value['apiVersion'] === 'string' && value['apiVersion'].startsWith('openslo/')
                ? ' (only OpenSLO v1 is read)'
                : ''),
          );
          continue;
        }
        const kind = OPENSLO_KINDS.find((k) => k === value['kind']);
        if (kind === undefined) {
          add([...base, 'kind'], `must be one of ${OPENSLO_KINDS.join(', ')}, got ${describe(value['kind'])}`);
          continue;
        }
        const result = KIND_SCHEMAS[kind].safeParse(value, { reportInput: true });
        if (!result.success) {
          for (const m of result.error.issues.flatMap(messagesWith({ base, wording: openSloWording }))) {
            add(m.path, m.message);
          }
          continue;
        }
        loaded.push({ file: fileIndex, document: d, base, kind, name: result.data.metadata.name, value: result.data });
      }
    });
  });

  // Names are unique per kind across every file loaded together.
  const byKind = new Map<OpenSloKind, Map<string, Loaded>>();
  for (const kind of OPENSLO_KINDS) byKind.set(kind, new Map());
  for (const object of loaded) {
    const names = byKind.get(object.kind) ?? new Map<string, Loaded>();
    const first = names.get(object.name);
    if (first !== undefined) {
      pending.push({
        code: 'E_DUPLICATE',
        severity: 'error',
        file: object.file,
        document: object.document,
        path: [...object.base, 'metadata', 'name'],
        message: `${object.kind} "${object.name}" is already defined in ${files[first.file]?.name ?? ''} (document ${first.document + 1})`,
      });
    } else names.set(object.name, object);
  }
  const find = (kind: OpenSloKind, name: string) => byKind.get(kind)?.get(name);

  const slos: SloDefinition[] = [];
  for (const object of loaded) {
    const at = (path: DocPath) => [...object.base, ...path];
    const problem = (
      path: DocPath,
      message: string,
      severity: Pending['severity'] = 'error',
      code: Pending['code'] = 'E_REFERENCE',
    ) => pending.push({ code, severity, file: object.file, document: object.document, path: at(path), message });
    if (object.kind === 'AlertPolicy') {
      resolvePolicy(object.value as { spec: PolicySpec }, ['spec'], find, problem);
    }
    if (object.kind === 'SLI') {
      checkMetricSources((object.value as { spec: SliSpec }).spec, ['spec'], find, problem);
    }
    if (object.kind !== 'SLO') continue;
    const slo = object.value as OpenSloSlo;
    const built = buildSlo(slo, find, problem);
    if (built !== null) {
      slos.push({ ...built, source: { file: files[object.file]?.name ?? '', document: object.document + 1 } });
    }
  }

  const issues = [...syntax, ...locate(files, eventsOf, pending)];
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) return { ok: false, issues };
  const names = Object.fromEntries(
    OPENSLO_KINDS.map((k) => [k, [...(byKind.get(k)?.keys() ?? [])]]),
  ) as unknown as Record<OpenSloKind, string[]>;
  return { ok: true, catalog: { slos, names }, warnings: issues };
}

type Finder = (kind: OpenSloKind, name: string) => Loaded | undefined;
type Problem = (path: DocPath, message: string, severity?: Pending['severity'], code?: Pending['code']) => void;
type PolicySpec = OpenSloAlertPolicySpec;
type OpenSloAlertPolicySpec = z.infer<(typeof KIND_SCHEMAS)['AlertPolicy']>['spec'];

function conditionOf(name: string, spec: OpenSloAlertCondition['spec']): AlertConditionDefinition {
  return {
    name,
    severity: spec.severity,
    op: spec.condition.op,
    threshold: spec.condition.threshold,
    lookbackWindow: toDuration(spec.condition.lookbackWindow),
    alertAfter: toDuration(spec.condition.alertAfter),
  };
}

function resolvePolicy(
  policy: { metadata?: { name: string }; spec: PolicySpec },
  path: DocPath,
  find: Finder,
  problem: Problem,
): AlertPolicyDefinition | null {
  let ok = true;
  const conditions: AlertConditionDefinition[] = [];
  policy.spec.conditions.forEach((c, i) => {
    if ('conditionRef' in c) {
      const found = find('AlertCondition', c.conditionRef);
      if (found === undefined) {
        problem([...path, 'conditions', i, 'conditionRef'], `no AlertCondition named "${c.conditionRef}" is loaded`);
        ok = false;
      } else conditions.push(conditionOf(found.name, (found.value as OpenSloAlertCondition).spec));
    } else conditions.push(conditionOf(c.metadata.name, c.spec));
  });
  const targets: { name: string; target: string }[] = [];
  policy.spec.notificationTargets.forEach((t, i) => {
    if ('targetRef' in t) {
      const found = find('AlertNotificationTarget', t.targetRef);
      if (found === undefined) {
        problem(
          [...path, 'notificationTargets', i, 'targetRef'],
          `no AlertNotificationTarget named "${t.targetRef}" is loaded`,
        );
        ok = false;
      } else targets.push({ name: found.name, target: (found.value as { spec: { target: string } }).spec.target });
    } else targets.push({ name: t.metadata.name, target: t.spec.target });
  });
  const condition = conditions[0];
  if (!ok || condition === undefined) return null;
  return { name: policy.metadata?.name ?? '', condition, notificationTargets: targets };
}

function checkMetricSources(spec: SliSpec, path: DocPath, find: Finder, problem: Problem): void {
  const sources: [DocPath, { metricSourceRef?: string | undefined; type?: string | undefined }][] = [];
  if (spec.thresholdMetric) sources.push([['thresholdMetric', 'metricSource'], spec.thresholdMetric.metricSource]);
  const r = spec.ratioMetric;
  if (r) {
    for (const part of ['good', 'bad', 'total', 'raw'] as const) {
      const m = r[part];
      if (m) sources.push([['ratioMetric', part, 'metricSource'], m.metricSource]);
    }
  }
  for (const [p, source] of sources) {
    if (source.metricSourceRef !== undefined && find('DataSource', source.metricSourceRef) === undefined) {
      problem(
        [...path, ...p, 'metricSourceRef'],
        `no DataSource named "${source.metricSourceRef}" is loaded (kept: data sources are often configured elsewhere)`,
        'warning',
      );
    }
    if (source.metricSourceRef === undefined && source.type === undefined) {
      problem([...path, ...p], 'needs type or metricSourceRef', 'error', 'E_SCHEMA');
    }
  }
}

function indicatorOf(name: string, spec: SliSpec): Indicator {
  const r = spec.ratioMetric;
  if (r === undefined) {
    const metric = spec.thresholdMetric?.metricSource ?? {};
    return { kind: 'threshold', name, metric };
  }
  const form = r.good !== undefined ? 'good' : r.bad !== undefined ? 'bad' : 'raw';
  const numerator = (r.good ?? r.bad ?? r.raw)?.metricSource ?? {};
  return {
    kind: 'ratio',
    name,
    form,
    counter: r.counter ?? true,
    ...(r.rawType === undefined ? {} : { rawType: r.rawType }),
    numerator,
    ...(r.total === undefined ? {} : { total: r.total.metricSource }),
  };
}

function buildSlo(slo: OpenSloSlo, find: Finder, problem: Problem): Omit<SloDefinition, 'source'> | null {
  const spec = slo.spec;
  let ok = true;
  const resolveIndicator = (
    inline: { metadata: { name: string }; spec: SliSpec } | undefined,
    ref: string | undefined,
    path: DocPath,
  ): Indicator | null => {
    if (inline !== undefined) {
      checkMetricSources(inline.spec, [...path, 'indicator', 'spec'], find, problem);
      return indicatorOf(inline.metadata.name, inline.spec);
    }
    if (ref !== undefined) {
      const found = find('SLI', ref);
      if (found === undefined) {
        problem([...path, 'indicatorRef'], `no SLI named "${ref}" is loaded`);
        ok = false;
        return null;
      }
      return indicatorOf(found.name, (found.value as { spec: SliSpec }).spec);
    }
    return null;
  };
  const top = resolveIndicator(spec.indicator, spec.indicatorRef, ['spec']);
  const objectives: Objective[] = [];
  spec.objectives.forEach((o, i) => {
    const own = resolveIndicator(o.indicator, o.indicatorRef, ['spec', 'objectives', i]);
    const indicator = own ?? top;
    if (indicator === null) return;
    const target = o.target ?? (o.targetPercent ?? 0) / 100;
    if (indicator.kind === 'ratio' && (o.op !== undefined || o.value !== undefined)) {
      problem(
        ['spec', 'objectives', i, o.value !== undefined ? 'value' : 'op'],
        'op and value apply to thresholdMetric SLIs only; ignored for this ratioMetric',
        'warning',
        'E_SCHEMA',
      );
    }
    if (indicator.kind === 'threshold' && (o.op === undefined || o.value === undefined)) {
      problem(['spec', 'objectives', i], 'a thresholdMetric objective needs op and value', 'error', 'E_SCHEMA');
      ok = false;
      return;
    }
    objectives.push({
      ...(o.displayName === undefined ? {} : { displayName: o.displayName }),
      target,
      ...(indicator.kind === 'threshold' && o.op !== undefined && o.value !== undefined
        ? { op: o.op, value: o.value }
        : {}),
      ...(o.timeSliceTarget === undefined ? {} : { timeSliceTarget: o.timeSliceTarget }),
      ...(o.timeSliceWindow === undefined ? {} : { timeSliceWindow: toDuration(o.timeSliceWindow) }),
      indicator,
    });
  });

  const w = spec.timeWindow[0];
  if (w === undefined) return null;
  const duration = toDuration(w.duration);
  let window: SloWindow;
  if (w.isRolling || w.calendar === undefined) window = { kind: 'rolling', duration };
  else {
    const startTime = parseWallTime(w.calendar.startTime);
    if (startTime === null) return null;
    window = { kind: 'calendar', duration, startTime, timeZone: w.calendar.timeZone };
    if (duration.unit === 's' || duration.unit === 'm' || duration.unit === 'h') {
      problem(
        ['spec', 'timeWindow', 0, 'duration'],
        `a calendar window of ${w.duration} is shorter than a day (m is minutes; a month is ${duration.amount}M)`,
        'warning',
        'E_SCHEMA',
      );
    }
  }
  for (const [i, o] of objectives.entries()) {
    if (o.timeSliceWindow !== undefined && durationMsSafe(o.timeSliceWindow) > durationMsSafe(duration)) {
      problem(
        ['spec', 'objectives', i, 'timeSliceWindow'],
        'must not be longer than the time window',
        'error',
        'E_SCHEMA',
      );
      ok = false;
    }
  }

  const alertPolicies: AlertPolicyDefinition[] = [];
  (spec.alertPolicies ?? []).forEach((p, i) => {
    const path: DocPath = ['spec', 'alertPolicies', i];
    if ('alertPolicyRef' in p) {
      const found = find('AlertPolicy', p.alertPolicyRef);
      if (found === undefined) {
        problem([...path, 'alertPolicyRef'], `no AlertPolicy named "${p.alertPolicyRef}" is loaded`);
        ok = false;
        return;
      }
      // Its own references are reported where the policy is defined.
      const resolved = resolvePolicy(
        found.value as { metadata: { name: string }; spec: PolicySpec },
        [],
        find,
        () => undefined,
      );
      if (resolved === null) ok = false;
      else alertPolicies.push(resolved);
    } else {
      const resolved = resolvePolicy(p, path, find, problem);
      if (resolved === null) ok = false;
      else alertPolicies.push(resolved);
    }
  });

  if (!ok || objectives.length !== spec.objectives.length) return null;
  const service = find('Service', spec.service)?.value as { metadata: OpenSloMetadata } | undefined;
  const serviceMetadata = service === undefined ? undefined : metadataOf(service.metadata);
  return {
    name: slo.metadata.name,
    ...(slo.metadata.displayName === undefined ? {} : { displayName: slo.metadata.displayName }),
    service: spec.service,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    budgetingMethod: spec.budgetingMethod,
    window,
    objectives,
    alertPolicies,
    ...metadataOf(slo.metadata),
    ...(serviceMetadata === undefined || Object.keys(serviceMetadata).length === 0 ? {} : { serviceMetadata }),
  };
}

type OpenSloMetadata = OpenSloSlo['metadata'];

/** Labels (a list of values joined by commas) and annotations of an object's metadata, when it has any. */
function metadataOf(metadata: OpenSloMetadata): Pick<SloDefinition, 'labels' | 'annotations'> {
  const labels = Object.entries(metadata.labels ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]);
  const annotations = Object.entries(metadata.annotations ?? {});
  return {
    ...(labels.length === 0 ? {} : { labels: Object.fromEntries(labels) as Record<string, string> }),
    ...(annotations.length === 0 ? {} : { annotations: Object.fromEntries(annotations) }),
  };
}

function durationMsSafe(d: Duration): number {
  const unit = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, M: 2_592_000, Q: 7_776_000, Y: 31_536_000 }[d.unit];
  return d.amount * unit;
}

function locate(
  files: readonly OpenSloFile[],
  eventsOf: readonly (LoadedYaml['events'] | undefined)[],
  pending: readonly Pending[],
): OpenSloIssue[] {
  return files.flatMap((f, i) => {
    const mine = pending.filter((p) => p.file === i);
    if (mine.length === 0) return [];
    const events = eventsOf[i];
    const text = stripBom(f.text);
    const problems = mine.map((p) => ({ ...p, path: [p.document, ...p.path] }));
    return locatedIssues(problems, {
      file: f.name,
      text,
      ...(events === undefined ? {} : { locate: (paths) => locateInYaml(text, paths, events, { documents: 'all' }) }),
      documents: { show: 'field' },
    }) as OpenSloIssue[];
  });
}
