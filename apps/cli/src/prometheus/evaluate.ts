import { stringOption, type OptionSpec, type ParsedArgs } from '../command.js';
import { CliError } from '../errors.js';
import { DEFAULT_MAX_RESPONSE_MB, MAX_TIMEOUT_MS, checkCredentialsTransport, parsePrometheusUrl } from './client.js';
import { fetchSliSeries, type FetchSliOptions } from './sli.js';

import type * as ToolkitModule from '@pt/toolkit/slo';
import type { SloDefinition, SliSeries } from '@pt/toolkit/slo';

type Toolkit = typeof ToolkitModule;
type Values = ParsedArgs['values'];

/** Options that point `pt` at a Prometheus-compatible HTTP API. */
export const PROMETHEUS_OPTIONS = {
  prometheus: {
    type: 'string',
    streamable: false,
    value: '<url>',
    description: 'Read SLI counters from this Prometheus HTTP API (Thanos, Mimir: see the README)',
  },
  timeout: {
    type: 'string',
    streamable: false,
    value: '<seconds>',
    description: 'Give up on a Prometheus request after this long (default: 30)',
  },
  step: {
    type: 'string',
    streamable: false,
    value: '<seconds>',
    description: 'Resolution of the SLI samples read from Prometheus (default: 60)',
  },
  'max-response-mb': {
    type: 'string',
    streamable: false,
    value: '<n>',
    description: `Refuse a Prometheus answer larger than this many MiB (default: ${DEFAULT_MAX_RESPONSE_MB})`,
  },
  'allow-insecure-auth': {
    type: 'boolean',
    streamable: false,
    description: 'Send PT_PROMETHEUS_* credentials over plain http to a host that is not loopback',
  },
} as const satisfies Record<string, OptionSpec>;

/** Requests in flight at once, across SLOs. */
export const CONCURRENCY = 4;

function positive(values: Values, name: string, fallback: number, unit = 'seconds'): number {
  const value = stringOption(values, name);
  if (value === undefined) return fallback;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x <= 0) {
    throw new CliError('E_USAGE', `--${name} must be a positive number of ${unit}; got "${value}"`);
  }
  return x;
}

/**
 * The SLI series of every SLO from Prometheus at `at`: as far back as its evaluation reads
 * (`sliLookbackMs`: its window and the longest alert window), on a `--step` grid.
 */
export async function prometheusSeries(
  lib: Toolkit,
  slos: readonly SloDefinition[],
  values: Values,
  env: NodeJS.ProcessEnv,
  at: number,
): Promise<Map<string, SliSeries>> {
  const url = parsePrometheusUrl(stringOption(values, 'prometheus') ?? '');
  const timeout = positive(values, 'timeout', 30);
  // Node's timers hold at most 2^31-1 ms (a longer one fires at once); below 1 ms is no timeout.
  if (timeout * 1000 > MAX_TIMEOUT_MS || timeout * 1000 < 1) {
    throw new CliError(
      'E_USAGE',
      `--timeout must be between 0.001 and ${Math.floor(MAX_TIMEOUT_MS / 1000)} seconds; got "${stringOption(values, 'timeout') ?? ''}"`,
    );
  }
  const timeoutMs = Math.round(timeout * 1000);
  const maxResponseBytes = positive(values, 'max-response-mb', DEFAULT_MAX_RESPONSE_MB, 'MiB') * 1024 * 1024;
  const allowInsecureAuth = values['allow-insecure-auth'] === true;
  checkCredentialsTransport(url, env, allowInsecureAuth);
  const stepMs = Math.round(positive(values, 'step', 60) * 1000);
  if (stepMs < 1000 || stepMs % 1000 !== 0) {
    throw new CliError(
      'E_USAGE',
      `--step must be a whole number of seconds; got "${stringOption(values, 'step') ?? ''}"`,
    );
  }
  const jobs = slos.map((slo) => {
    const indicator = slo.objectives[0]?.indicator;
    const queries = indicator === undefined ? undefined : lib.sliQueries(indicator);
    if (queries === undefined || !queries.ok) {
      throw new CliError(
        'E_INPUT',
        `${slo.source.file} (document ${slo.source.document}): SLO ${slo.name}: ${queries?.message ?? 'no objective'}`,
      );
    }
    const options: FetchSliOptions = {
      prometheus: { url, timeoutMs, env, maxResponseBytes, allowInsecureAuth },
      fromMs: at - lib.sliLookbackMs(slo.window),
      toMs: at,
      stepMs,
      // One SLO's requests run two at a time (numerator, then total); SLOs run side by side.
      concurrency: 1,
    };
    return { slo, queries, options };
  });
  const out = new Map<string, SliSeries>();
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      if (job === undefined) continue;
      out.set(job.slo.name, await fetchSliSeries(job.slo.name, job.queries, job.options, lib));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
  return out;
}
