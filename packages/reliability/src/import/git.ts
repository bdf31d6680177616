import picomatch from 'picomatch';
import type { ChangeEvent, DeliveryEvent, DeploymentEvent } from '../events/schema.js';

/** A commit as `git log` gives it: hash, author time (epoch ms), message and the paths it touched. */
export interface GitCommit {
  readonly hash: string;
  readonly time: number;
  readonly message: string;
  readonly files: readonly string[];
}

/**
 * A deployment as read from git: a tag matching `--deploy-tags`, or a commit on the first-parent
 * history of `--deploy-branch`. `commits` are the ones it ships that its predecessor did not.
 * `rollback`: it points at an older commit than its predecessor (it ships nothing new).
 */
export interface GitDeployment {
  readonly id: string;
  readonly time: number;
  readonly commits: readonly GitCommit[];
  readonly rollback?: boolean;
}

/** Which service a commit belongs to: one name, or path globs per service (a monorepo). */
export type GitServiceMap =
  { readonly service: string } | { readonly paths: readonly { readonly service: string; readonly glob: string }[] };

/** A record an importer could not use, with why; reported, never dropped silently. */
export interface SkippedRecord {
  readonly record: string;
  readonly reason: string;
}

export interface ImportResult {
  readonly events: DeliveryEvent[];
  readonly skipped: SkippedRecord[];
}

const REVERT = /This reverts commit ([0-9a-f]{7,64})/g;

/**
 * Events from git history, in deployment order (oldest first):
 * - every shipped commit is a `change` (id = hash, time = author time), one per service it touches;
 * - every deployment is a `deployment` of each service it ships commits of (`<id>` with one
 *   service, `<id>:<service>` with a path map);
 * - a deployment that ships a commit reverting ("This reverts commit <hash>") a commit shipped by
 *   an earlier deployment marks that deployment `failed`, and is itself `unplanned` (rework);
 * - a rollback deployment marks its predecessor `rolled-back` and is an unplanned success of the
 *   same services;
 * - a deployment lists as its changes the commits shipped since the previous successful
 *   deployment of its service (a failed one ships nothing, so its commits reach production later).
 * Commits no path glob matches are skipped and reported.
 */
export function gitEvents(deployments: readonly GitDeployment[], services: GitServiceMap): ImportResult {
  const skipped: SkippedRecord[] = [];
  const matchers =
    'service' in services
      ? undefined
      : services.paths.map((p) => ({ service: p.service, match: picomatch(p.glob, { dot: true }) }));
  const servicesOf = (commit: GitCommit): string[] => {
    if (matchers === undefined) return 'service' in services ? [services.service] : [];
    return matchers.filter((m) => commit.files.some((f) => m.match(f))).map((m) => m.service);
  };
  const deploymentId = (id: string, service: string) => (matchers === undefined ? id : `${id}:${service}`);

  const sorted = [...deployments].sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const changes: ChangeEvent[] = [];
  const seenChange = new Set<string>();
  /** Per deployment: service → shipped commit hashes. */
  const shipped = sorted.map((d) => {
    const byService = new Map<string, string[]>();
    for (const commit of d.commits) {
      const owners = servicesOf(commit);
      if (owners.length === 0) {
        skipped.push({
          record: `commit ${commit.hash.slice(0, 12)}`,
          reason: commit.files.length === 0 ? 'touches no file' : 'no --service-path glob matches its files',
        });
        continue;
      }
      for (const service of owners) {
        const list = byService.get(service);
        if (list === undefined) byService.set(service, [commit.hash]);
        else list.push(commit.hash);
        const key = `${service}\u0000${commit.hash}`;
        if (!seenChange.has(key)) {
          seenChange.add(key);
          changes.push({ type: 'change', id: commit.hash, service, time: commit.time });
        }
      }
    }
    return byService;
  });

  // Statuses: reverts fail the deployment that shipped the reverted commit; rollbacks their predecessor.
  const status = sorted.map(() => new Map<string, DeploymentEvent['status']>());
  const unplanned = sorted.map(() => new Set<string>());
  const shippedBy = new Map<string, number>();
  for (const [i, d] of sorted.entries()) {
    for (const commit of d.commits) if (!shippedBy.has(commit.hash)) shippedBy.set(commit.hash, i);
  }
  const resolveHash = (prefix: string) => {
    for (const [hash, index] of shippedBy) if (hash.startsWith(prefix)) return index;
    return undefined;
  };
  for (const [i, d] of sorted.entries()) {
    for (const commit of d.commits) {
      for (const m of commit.message.matchAll(REVERT)) {
        const culprit = resolveHash(m[1] ?? '');
        if (culprit === undefined || culprit >= i) continue;
        for (const service of servicesOf(commit)) {
          if (shipped[culprit]?.has(service) === true) status[culprit]?.set(service, 'failed');
          unplanned[i]?.add(service);
        }
      }
    }
    if (d.rollback === true && i > 0) {
      const previous = shipped[i - 1] ?? new Map<string, string[]>();
      for (const service of previous.keys()) {
        status[i - 1]?.set(service, 'rolled-back');
        shipped[i]?.set(service, shipped[i]?.get(service) ?? []);
        unplanned[i]?.add(service);
      }
    }
  }

  const deploymentEvents: DeploymentEvent[] = [];
  const pending = new Map<string, string[]>();
  for (const [i, d] of sorted.entries()) {
    for (const [service, hashes] of shipped[i] ?? []) {
      const st = status[i]?.get(service) ?? 'success';
      // A rollback returns to older code: what failed since is not in production (a later deployment ships it again).
      const carried = d.rollback === true ? [] : [...(pending.get(service) ?? []), ...hashes];
      if (st === 'success') pending.delete(service);
      else pending.set(service, carried);
      deploymentEvents.push({
        type: 'deployment',
        id: deploymentId(d.id, service),
        service,
        time: d.time,
        status: st,
        ...(st === 'success' && carried.length > 0 ? { changes: carried } : {}),
        ...(unplanned[i]?.has(service) === true ? { unplanned: true } : {}),
      });
    }
    if ((shipped[i]?.size ?? 0) === 0 && d.rollback !== true) {
      skipped.push({ record: `deployment ${d.id}`, reason: 'ships no commit of any service' });
    }
  }
  return { events: [...changes, ...deploymentEvents], skipped };
}
