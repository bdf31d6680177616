import {
  formatPath,
  loadYaml,
  locatedIssues as locateProblems,
  locateInYaml,
  messagesWith,
  type DocumentPath,
  type InputIssue,
  type LoadedYaml,
  type PathMessage,
} from '@pt/input';
import type { z } from 'zod';

/** One problem in a scorecard or catalog file, located: the issue type of every `pt` input. */
export type GovernanceIssue = InputIssue;

/** `['rules', 2, 'condition']` → `rules[2].condition` (the path wording of every `pt` input). */
export const formatDocumentPath = formatPath;

/**
 * Parses every document of a YAML text; a syntax error or an alias bomb is one located issue.
 * Aliases may expand to 10 times the nodes written (at least 100,000).
 */
export function loadYamlDocuments(text: string, file: string): LoadedYaml | { issue: GovernanceIssue } {
  const loaded = loadYaml(text, { file, maxAliasExpansion: 10 });
  if (loaded.ok) return loaded;
  if (loaded.aliases === undefined) return { issue: loaded.issue };
  const message = `YAML aliases expand beyond ${loaded.aliases.limit} nodes`;
  return { issue: { code: 'E_TOO_LARGE', file, path: '', message } };
}

const CONDITION_HINT = 'must be a condition: {fact, present|absent|equals|in|gt|gte|lt|lte|matches} or {all|any|not}';

/**
 * Governance's own wording: a failed union is worded by the branch that got furthest (a
 * condition, most often), and a length limit keeps the schema's message with the value.
 */
function governanceWording(issue: z.core.$ZodIssue, path: DocumentPath, got: string): PathMessage[] | undefined {
  if (issue.code === 'too_big') return [{ path, message: `${issue.message}, got ${got}` }];
  if (issue.code !== 'invalid_union') return undefined;
  // The branch that got furthest: no unknown key or wrong type at its root, fewest issues.
  const branches = issue.errors
    .filter((errors) => !errors.some((e) => e.code === 'unrecognized_keys' && e.path.length === 0))
    .filter((errors) => !errors.some((e) => e.code === 'invalid_type' && e.path.length === 0))
    .sort((a, b) => a.length - b.length);
  const best = branches[0];
  if (best === undefined || (branches[1] !== undefined && branches[1].length === best.length)) {
    if (issue.message !== 'Invalid input') return [{ path, message: `${issue.message}, got ${got}` }];
    return [{ path, message: typeof issue.input === 'object' ? CONDITION_HINT : `invalid value, got ${got}` }];
  }
  return best.flatMap(issueMessages(path));
}

/** zod issues → `{ path, message }` under `base`, in the common wording with governance's own. */
export function issueMessages(base: DocumentPath = []): (issue: z.core.$ZodIssue) => PathMessage[] {
  return messagesWith({ base, wording: governanceWording });
}

/** Problems (paths start with the document index) → located issues, in file order. */
export function locatedIssues(
  loaded: LoadedYaml,
  file: string,
  problems: readonly PathMessage[],
  documentCount: number,
): GovernanceIssue[] {
  return locateProblems(problems, {
    file,
    text: loaded.text,
    locate: (paths) => locateInYaml(loaded.text, paths, loaded.events, { documents: 'all' }),
    documents: { show: 'path', count: documentCount },
  });
}
