import * as z from 'zod';
import type { ChangeEvent, DeploymentEvent } from '../events/schema.js';
import { parseTimestamp } from '../events/time.js';
import type { ImportResult, SkippedRecord } from './git.js';

/** A record of an input file, named for messages (`deployments.json: deployment 42`). */
export interface SourceRecord {
  readonly source: string;
  readonly value: unknown;
}

export interface GitHubImportOptions {
  /** The service of every event; default: the repository's name from the records' API URLs. */
  readonly service?: string;
  /**
   * The deployment environment that is production; default: deployments whose `environment` is
   * `production` or whose `production_environment` is true.
   */
  readonly environment?: string;
}

const time = z.string().refine((t) => parseTimestamp(t) !== null, 'must be an ISO 8601 time');
const repoUrl = z.string();

/** `GET /repos/{owner}/{repo}/deployments` items (fields as the REST API documents them). */
const DeploymentSchema = z.object({
  id: z.number().int(),
  sha: z.string(),
  ref: z.string(),
  environment: z.string(),
  production_environment: z.boolean().optional(),
  created_at: time,
  repository_url: repoUrl,
  statuses_url: z.string(),
});
/** `GET /repos/{owner}/{repo}/deployments/{id}/statuses` items. */
const StatusSchema = z.object({
  id: z.number().int(),
  state: z.enum(['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success']),
  created_at: time,
  deployment_url: z.string(),
});
/** `GET /repos/{owner}/{repo}/pulls?state=closed` items. */
const PullSchema = z.object({
  number: z.number().int(),
  url: z.string(),
  created_at: time,
  merged_at: time.nullable(),
  merge_commit_sha: z.string().nullable(),
  head: z.object({ sha: z.string() }),
});
/** `GET /repos/{owner}/{repo}/pulls/{number}/commits` items. */
const CommitSchema = z.object({
  sha: z.string(),
  url: z.string(),
  commit: z.object({
    author: z.object({ date: time }).nullable(),
    committer: z.object({ date: time }).nullable(),
  }),
  parents: z.array(z.object({ sha: z.string() })),
});

type Deployment = z.infer<typeof DeploymentSchema>;
type Status = z.infer<typeof StatusSchema>;
type Pull = z.infer<typeof PullSchema>;
type Commit = z.infer<typeof CommitSchema>;

const has = (v: object, key: string) => key in v;
/** Which of the four records an object is, by the fields only it has. */
function kindOf(v: unknown): 'deployment' | 'status' | 'pull' | 'commit' | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  if (has(v, 'deployment_url') && has(v, 'state')) return 'status';
  if (has(v, 'statuses_url') && has(v, 'sha')) return 'deployment';
  if (has(v, 'merged_at') && has(v, 'head')) return 'pull';
  if (has(v, 'sha') && has(v, 'commit')) return 'commit';
  return undefined;
}

/** `…/repos/{owner}/{repo}/…` → `repo`. */
function repoName(url: string): string | undefined {
  return /\/repos\/[^/]+\/([^/]+)/.exec(url)?.[1];
}

const ms = (t: string) => parseTimestamp(t) ?? 0;
const byTime =
  <T>(f: (x: T) => number) =>
  (a: T, b: T) =>
    f(a) - f(b);

/**
 * Events from GitHub REST API records, as `gh api` prints them: deployments and their statuses,
 * merged pull requests and their commits, in any files and order.
 * - a production deployment is a `deployment` (id: the GitHub deployment id) of its repository's
 *   service, at the time of its latest `success`, `failure` or `error` status: success → `success`,
 *   failure or error → `failed`; one with no such status is skipped (still pending, or its statuses
 *   were not given);
 * - a merged pull request's commits are `change`s (id: the sha, time: the author date); a commit
 *   belongs to the first-merged pull request whose `head.sha` reaches it through `parents`. A pull
 *   request given without its commits is one change: its merge commit, at its creation time;
 * - a successful deployment ships the pull requests merged before it was created and since the
 *   previous successful deployment of its service (a failed one ships nothing: its pull requests
 *   reach production with the next success).
 * Everything not used is reported with the reason.
 */
export function githubEvents(records: readonly SourceRecord[], options: GitHubImportOptions = {}): ImportResult {
  const skipped: SkippedRecord[] = [];
  const skip = (source: string, record: string, reason: string) =>
    skipped.push({ record: `${source}: ${record}`, reason });
  const deployments = new Map<number, { d: Deployment; source: string }>();
  const statuses = new Map<number, Status[]>();
  const statusSource = new Map<number, string>();
  const pulls = new Map<string, { p: Pull; source: string }>();
  const commits = new Map<string, { c: Commit; source: string }>();
  const seenStatus = new Set<number>();

  for (const [index, { source, value }] of records.entries()) {
    const kind = kindOf(value);
    const label = `record ${index + 1}`;
    if (kind === undefined) {
      skip(source, label, 'not a deployment, deployment status, pull request or pull request commit');
      continue;
    }
    const schema = { deployment: DeploymentSchema, status: StatusSchema, pull: PullSchema, commit: CommitSchema }[kind];
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      skip(source, `${kind} ${label}`, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
      continue;
    }
    if (kind === 'deployment') {
      const d = parsed.data as Deployment;
      if (deployments.has(d.id)) skip(source, `deployment ${d.id}`, 'given twice');
      else deployments.set(d.id, { d, source });
    } else if (kind === 'status') {
      const s = parsed.data as Status;
      const id = Number(/\/deployments\/(\d+)$/.exec(s.deployment_url)?.[1]);
      if (!Number.isSafeInteger(id)) skip(source, `status ${s.id}`, 'deployment_url names no deployment');
      else if (seenStatus.has(s.id)) skip(source, `status ${s.id}`, 'given twice');
      else {
        seenStatus.add(s.id);
        statuses.set(id, [...(statuses.get(id) ?? []), s]);
        statusSource.set(id, source);
      }
    } else if (kind === 'pull') {
      const p = parsed.data as Pull;
      const key = `${repoName(p.url) ?? ''}#${p.number}`;
      if (pulls.has(key)) skip(source, `pull request #${p.number}`, 'given twice');
      else if (p.merged_at === null) skip(source, `pull request #${p.number}`, 'not merged');
      else pulls.set(key, { p, source });
    } else {
      const c = parsed.data as Commit;
      if (commits.has(c.sha)) skip(source, `commit ${c.sha.slice(0, 12)}`, 'given twice');
      else commits.set(c.sha, { c, source });
    }
  }

  const serviceOf = (url: string) => options.service ?? repoName(url);
  const isProduction = (d: Deployment) =>
    options.environment !== undefined
      ? d.environment === options.environment
      : d.environment === 'production' || d.production_environment === true;

  // Deployments with an outcome, per service, in time order.
  interface Outcome {
    readonly d: Deployment;
    readonly service: string;
    readonly status: 'success' | 'failed';
    readonly time: number;
  }
  const outcomes: Outcome[] = [];
  for (const { d, source } of deployments.values()) {
    const own = statuses.get(d.id) ?? [];
    statuses.delete(d.id);
    const service = serviceOf(d.repository_url);
    if (service === undefined) {
      skip(source, `deployment ${d.id}`, 'repository_url names no repository (give --service)');
      continue;
    }
    if (!isProduction(d)) {
      const want = options.environment ?? 'production';
      skip(source, `deployment ${d.id}`, `environment ${JSON.stringify(d.environment)} is not ${want}`);
      continue;
    }
    const final = own
      .filter((s) => s.state === 'success' || s.state === 'failure' || s.state === 'error')
      .sort((a, b) => ms(a.created_at) - ms(b.created_at) || a.id - b.id)
      .pop();
    if (final === undefined) {
      const why =
        own.length === 0
          ? 'no status given (add its /statuses)'
          : `no success, failure or error status (statuses: ${own.map((s) => s.state).join(', ')})`;
      skip(source, `deployment ${d.id}`, why);
      continue;
    }
    outcomes.push({ d, service, status: final.state === 'success' ? 'success' : 'failed', time: ms(final.created_at) });
  }
  for (const [id, list] of statuses) {
    skip(
      statusSource.get(id) ?? '',
      `${list.length} status${list.length === 1 ? '' : 'es'} of deployment ${id}`,
      'the deployment is not in the input',
    );
  }
  outcomes.sort(byTime((o) => o.time));

  // Pull requests → their commits (first merged first), then the changes.
  const merged = [...pulls.values()].sort(byTime(({ p }) => ms(p.merged_at ?? p.created_at)));
  const owner = new Map<string, string>();
  const changeIds = new Map<string, string[]>();
  const changes: ChangeEvent[] = [];
  const seenChange = new Set<string>();
  const addChange = (service: string, id: string, at: number) => {
    const key = `${service}\u0000${id}`;
    if (seenChange.has(key)) return;
    seenChange.add(key);
    changes.push({ type: 'change', id, service, time: at });
  };
  const pullService = new Map<Pull, string>();
  for (const { p, source } of merged) {
    const service = serviceOf(p.url);
    if (service === undefined) {
      skip(source, `pull request #${p.number}`, 'url names no repository (give --service)');
      continue;
    }
    pullService.set(p, service);
    const ids: string[] = [];
    const stack = [p.head.sha];
    while (stack.length > 0) {
      const sha = stack.pop() ?? '';
      const found = commits.get(sha);
      if (found === undefined || owner.has(sha)) continue;
      owner.set(sha, `#${p.number}`);
      ids.push(sha);
      for (const parent of found.c.parents) stack.push(parent.sha);
    }
    if (ids.length === 0) {
      const id = p.merge_commit_sha ?? `pull-${p.number}`;
      ids.push(id);
      addChange(service, id, ms(p.created_at));
    } else {
      for (const sha of ids) {
        const c = commits.get(sha)?.c;
        const date = c?.commit.author?.date ?? c?.commit.committer?.date;
        addChange(service, sha, date === undefined ? ms(p.created_at) : ms(date));
      }
    }
    changeIds.set(`${service}\u0000${p.number}\u0000${p.url}`, ids);
  }
  for (const [sha, { source }] of commits) {
    if (!owner.has(sha)) skip(source, `commit ${sha.slice(0, 12)}`, "no merged pull request's head.sha leads to it");
  }

  // Each successful deployment ships the pull requests merged before its creation, not yet shipped.
  const pending = new Map<string, { at: number; ids: string[] }[]>();
  for (const p of merged.map((m) => m.p)) {
    const service = pullService.get(p);
    if (service === undefined) continue;
    const list = pending.get(service) ?? [];
    list.push({
      at: ms(p.merged_at ?? p.created_at),
      ids: changeIds.get(`${service}\u0000${p.number}\u0000${p.url}`) ?? [],
    });
    pending.set(service, list);
  }
  const events: DeploymentEvent[] = [];
  for (const o of outcomes) {
    const shipped: string[] = [];
    if (o.status === 'success') {
      const list = pending.get(o.service) ?? [];
      const created = ms(o.d.created_at);
      while (list.length > 0 && (list[0]?.at ?? Infinity) <= created) shipped.push(...(list.shift()?.ids ?? []));
    }
    events.push({
      type: 'deployment',
      id: String(o.d.id),
      service: o.service,
      time: o.time,
      status: o.status,
      ...(shipped.length > 0 ? { changes: shipped } : {}),
    });
  }
  return { events: [...changes, ...events], skipped };
}
