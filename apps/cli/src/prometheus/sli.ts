import { CliError } from '../errors.js';
import { pool, queryRange, type PrometheusOptions } from './client.js';

import type * as ToolkitModule from '@pt/toolkit/slo';
import type { SliQueries, SliSeries } from '@pt/toolkit/slo';

/** The pure half of reading an SLI (which ranges, how answers become events), from the lazily loaded toolkit. */
type SliArithmetic = Pick<typeof ToolkitModule, 'planSliQueries' | 'sliSeriesFromAnswers'>;

export interface FetchSliOptions {
  readonly prometheus: PrometheusOptions;
  readonly fromMs: number;
  readonly toMs: number;
  readonly stepMs: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
}

/** The SLI series of one SLO from Prometheus, over `[fromMs, toMs]` on a `stepMs` grid. */
export async function fetchSliSeries(
  slo: string,
  queries: Extract<SliQueries, { ok: true }>,
  options: FetchSliOptions,
  lib: SliArithmetic,
): Promise<SliSeries> {
  const plan = lib.planSliQueries(queries, options);
  if (!plan.ok) throw new CliError('E_INPUT', `SLO ${slo}: ${plan.message}`);
  const fetchAll = async (query: string) =>
    pool(
      plan.ranges.map(
        ([s, e]) =>
          () =>
            queryRange(options.prometheus, query, s, e, plan.stepMs),
      ),
      options.concurrency,
    );
  const numerator = await fetchAll(plan.numerator);
  const total = await fetchAll(plan.total);
  return lib.sliSeriesFromAnswers(plan, numerator, total);
}
