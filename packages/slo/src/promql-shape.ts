/**
 * Just enough PromQL shape-reading for the rules generator: whether a query is aggregated at its
 * top level, and whether it is a plain selector (or `sum [by|without (…)] (selector)`), so that a
 * counter can be read as `sum(increase(selector[w]))` instead of a subquery.
 */

const AGGREGATIONS = [
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
];

/** A series selector: `metric`, `metric{…}` or `{…}` (label values may hold any quoted text). */
const LABEL_VALUE = String.raw`(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\x60[^\x60]*\x60)`;
const MATCHERS = String.raw`\{(?:\s*[A-Za-z_][\w]*\s*(?:=~|!~|!=|=)\s*${LABEL_VALUE}\s*,?)*\s*\}`;
const SELECTOR = new RegExp(String.raw`^(?:[A-Za-z_:][\w:]*\s*(?:${MATCHERS})?|${MATCHERS})$`);
const GROUPING = String.raw`(?:by|without)\s*\([^()]*\)`;

/** Index just past the parenthesis closing the one at `open`, skipping quoted text; -1 if unbalanced. */
function closing(query: string, open: number): number {
  let depth = 0;
  for (let i = open; i < query.length; i++) {
    const c = query[i];
    if (c === '"' || c === "'" || c === '`') {
      const end = query.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Whether `query` is a plain series selector (`http_requests_total{code!~"5.."}`). */
export function isSelector(query: string): boolean {
  return SELECTOR.test(query.trim());
}

/** The parts of a top-level aggregation `op [grouping] (inner) [grouping]`, or undefined. */
export function topAggregation(
  query: string,
): { readonly op: string; readonly grouping: string; readonly inner: string } | undefined {
  const q = query.trim();
  const head = new RegExp(String.raw`^(${AGGREGATIONS.join('|')})\s*(${GROUPING})?\s*\(`).exec(q);
  if (head === null) return undefined;
  const open = head[0].length - 1;
  const end = closing(q, open);
  if (end < 0) return undefined;
  const rest = q.slice(end).trim();
  if (rest !== '' && (head[2] !== undefined || !new RegExp(`^${GROUPING}$`).test(rest))) return undefined;
  return {
    op: head[1] ?? '',
    grouping: (head[2] ?? rest).replace(/\s+/g, ' '),
    inner: q.slice(open + 1, end - 1).trim(),
  };
}

/**
 * A counter (`increase`) or per-interval gauge (`sum_over_time`) query over window `w`,
 * aggregated: what the user aggregated stays as written; what they did not is summed, so that a
 * ratio of two such queries divides totals, not series matched one to one by their labels.
 */
export function aggregatedOverWindow(query: string, w: string, how: 'increase' | 'sum_over_time'): string {
  const q = query.trim();
  if (isSelector(q)) return `sum(${how}(${q}[${w}]))`;
  const agg = topAggregation(q);
  if (agg === undefined) return `sum(${how}((${q})[${w}:]))`;
  if (agg.op === 'sum' && isSelector(agg.inner)) {
    return `sum${agg.grouping === '' ? '' : ` ${agg.grouping} `}(${how}(${agg.inner}[${w}]))`;
  }
  return `${how}((${q})[${w}:])`;
}

/** A query already over a window (its `{{.window}}` substituted): summed unless it is aggregated. */
export function aggregated(query: string): string {
  const q = query.trim();
  return topAggregation(q) === undefined ? `sum(${q})` : q;
}
