import { GROUP_BY, type GroupBy } from './split.js';
import { TagKeySchema, type Allocation } from './allocation.js';

/** A `--by` value: a fixed dimension, or `tag:<key>` (group by the value of any tag). */
export type Grouping =
  { readonly by: GroupBy; readonly tag?: undefined } | { readonly by: 'service'; readonly tag: string };

/** What is wrong with a tag key (it becomes a JSON path in SQL), or null. */
export function tagKeyProblem(key: string): string | null {
  const parsed = TagKeySchema.safeParse(key);
  return parsed.success ? null : `tag key "${key}" ${key === '' ? 'is empty' : 'may not contain " or \\'}`;
}

/** Parses `--by`: one of {@link GROUP_BY} or `tag:<key>`. */
export function parseGrouping(text: string): { ok: true; grouping: Grouping } | { ok: false; message: string } {
  if (text.startsWith('tag:')) {
    const tag = text.slice(4);
    const problem = tagKeyProblem(tag);
    return problem === null
      ? { ok: true, grouping: { by: 'service', tag } }
      : { ok: false, message: `--by ${problem}` };
  }
  const by = GROUP_BY.find((g) => g === text);
  return by === undefined
    ? { ok: false, message: `--by must be one of ${GROUP_BY.join(', ')} or tag:<key>; got "${text}"` }
    : { ok: true, grouping: { by } };
}

/**
 * The allocation that groups by one tag: a row's group is the (trimmed, lower-cased) value of tag
 * `key`; rows without it are unallocated. Pattern rules and shared service names do not apply
 * (they name services, not tag values); rows carrying the shared tag stay shared cost and are
 * split among the tag's values like among services.
 */
export function allocationForTag(allocation: Allocation, key: string): Allocation {
  return { ...allocation, tagKeys: [key], patterns: [], sharedServiceValues: [] };
}
