import { CliError } from '../errors.js';

/** One series of a `query_range` answer: its labels and `[epoch ms, value]` samples. */
export interface PromSeries {
  readonly metric: Readonly<Record<string, string>>;
  readonly values: readonly (readonly [number, number])[];
}

export interface PrometheusOptions {
  /** Base URL of the HTTP API, e.g. `http://localhost:9090` or `https://mimir.example/prometheus`. */
  readonly url: string;
  /** Per-request timeout, ms. */
  readonly timeoutMs: number;
  /** `PT_PROMETHEUS_TOKEN`, or `PT_PROMETHEUS_USER` and `PT_PROMETHEUS_PASSWORD`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Retries after a 5xx, 429 or network error (default 3). */
  readonly retries?: number;
  /** First backoff, ms, doubled at each retry (default 250). */
  readonly backoffMs?: number;
  /** Largest answer body read, bytes (default {@link DEFAULT_MAX_RESPONSE_MB} MiB, `--max-response-mb`). */
  readonly maxResponseBytes?: number;
  /** Send credentials over plain `http:` to a host that is not loopback (`--allow-insecure-auth`). */
  readonly allowInsecureAuth?: boolean;
}

/** Default cap of one Prometheus answer's body, MiB (`--max-response-mb`). */
export const DEFAULT_MAX_RESPONSE_MB = 64;

/** Longest `--timeout` Node's timers can wait, ms (a longer one fires at once). */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** Server text quoted in a message is cut to this many characters. */
const MAX_QUOTED = 500;

/**
 * Text from the server made safe to print: controls, bidi and zero-width characters escaped by
 * the toolkit's one sanitizer, cut to {@link MAX_QUOTED} characters. Loaded only when needed.
 */
async function serverText(text: string): Promise<string> {
  const { printableExcerpt } = await import('@pt/toolkit/slo');
  return printableExcerpt(text, MAX_QUOTED);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Authorization header from the environment (never from flags, so it is not in shell history). */
export function authorization(env: PrometheusOptions['env']): string | undefined {
  const token = env['PT_PROMETHEUS_TOKEN'];
  if (token !== undefined && token !== '') return `Bearer ${token}`;
  const user = env['PT_PROMETHEUS_USER'];
  if (user !== undefined && user !== '') {
    const password = env['PT_PROMETHEUS_PASSWORD'] ?? '';
    return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }
  return undefined;
}

/** `--prometheus`: an http(s) URL, without a trailing slash. */
export function parsePrometheusUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError('E_USAGE', `--prometheus must be an http(s) URL; got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError('E_USAGE', `--prometheus must be an http(s) URL; got "${value}"`);
  }
  if (url.search !== '' || url.hash !== '' || value.includes('?') || value.includes('#')) {
    throw new CliError(
      'E_USAGE',
      `--prometheus must be the API's base URL, without a query string or fragment; got "${value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value}"`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new CliError(
      'E_USAGE',
      '--prometheus must not carry credentials; set PT_PROMETHEUS_TOKEN or PT_PROMETHEUS_USER/PT_PROMETHEUS_PASSWORD',
    );
  }
  return url.href.replace(/\/+$/, '');
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Credentials (`PT_PROMETHEUS_TOKEN`, `PT_PROMETHEUS_USER`) travel in clear text over `http:`:
 * refused unless the host is loopback (`localhost`, `127.0.0.0/8`, `[::1]`) or `allowInsecure`.
 */
export function checkCredentialsTransport(url: string, env: PrometheusOptions['env'], allowInsecure: boolean): void {
  if (allowInsecure || authorization(env) === undefined) return;
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' || LOOPBACK.test(parsed.hostname)) return;
  throw new CliError(
    'E_USAGE',
    `refusing to send Prometheus credentials over plain http to ${parsed.host}: anyone on the way can read them; use https, or --allow-insecure-auth`,
  );
}

/** Errors worth retrying: the server is overloaded or the connection broke. */
class Retryable extends Error {}

function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A sample value in Prometheus's encoding: a decimal float, `NaN`, `+Inf`, `-Inf` (also `Inf`,
 * any case, as Go's ParseFloat reads them); undefined for anything else (`""`, `0x10`, `1_0`).
 */
export function sampleValue(text: string): number | undefined {
  if (DECIMAL.test(text)) return Number(text);
  const lower = text.toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '+infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  return undefined;
}

async function parseAnswer(where: string, text: string): Promise<PromSeries[]> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new CliError('E_INPUT', `${where}: the answer is not JSON (is this the Prometheus HTTP API?)`);
  }
  const b = body as { status?: unknown; error?: unknown; errorType?: unknown; data?: { result?: unknown } } | null;
  if (b === null || typeof b !== 'object') throw new CliError('E_INPUT', `${where}: the answer is not a JSON object`);
  if (b.status !== 'success') {
    const detail =
      typeof b.error === 'string'
        ? `: ${await serverText(`${typeof b.errorType === 'string' ? `${b.errorType}: ` : ''}${b.error}`)}`
        : '';
    throw new CliError('E_INPUT', `${where}: status is ${JSON.stringify(b.status ?? null)}, not "success"${detail}`);
  }
  const result = b.data?.result;
  if (!Array.isArray(result)) throw new CliError('E_INPUT', `${where}: the answer has no data.result array`);
  return result.map((s: unknown, i) => {
    const series = s as { metric?: unknown; values?: unknown } | null;
    if (series === null || typeof series !== 'object' || !Array.isArray(series.values)) {
      throw new CliError('E_INPUT', `${where}: data.result[${i}] has no values array (not a range query answer)`);
    }
    const values: (readonly [number, number])[] = [];
    series.values.forEach((v: unknown, j) => {
      const pair = v as unknown[];
      const t = Array.isArray(pair) ? Number(pair[0]) : Number.NaN;
      const x = Array.isArray(pair) && typeof pair[1] === 'string' ? sampleValue(pair[1]) : undefined;
      if (!Number.isFinite(t) || x === undefined) {
        throw new CliError('E_INPUT', `${where}: data.result[${i}].values[${j}] is not [time, "value"]`);
      }
      // NaN is no sample (a gap), as in Prometheus; ±Inf are values, which the SLI arithmetic skips.
      if (!Number.isNaN(x)) values.push([Math.round(t * 1000), x]);
    });
    return { metric: (series.metric ?? {}) as Record<string, string>, values };
  });
}

const MIB = 1024 * 1024;

/** The answer's body as text, refusing more than `maxBytes` (the rest is never read). */
async function readBody(response: Response, maxBytes: number, where: string): Promise<string> {
  const tooLarge = () =>
    new CliError(
      'E_INPUT',
      `${where}: the answer is larger than ${+(maxBytes / MIB).toFixed(2)} MiB (raise --max-response-mb)`,
    );
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (response.body === null) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

async function once(options: PrometheusOptions, url: string, where: string): Promise<PromSeries[]> {
  const auth = authorization(options.env);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', ...(auth === undefined ? {} : { authorization: auth }) },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new CliError('E_INPUT', `${where}: no answer within ${options.timeoutMs / 1000}s (--timeout)`);
    }
    throw new Retryable(`${where}: cannot connect (${networkReason(error)})`);
  }
  let text: string;
  try {
    text = await readBody(response, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_MB * MIB, where);
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new CliError('E_INPUT', `${where}: no answer within ${options.timeoutMs / 1000}s (--timeout)`);
    }
    throw new Retryable(`${where}: the connection broke (${networkReason(error)})`);
  }
  const status = `HTTP ${response.status}${response.statusText === '' ? '' : ` ${response.statusText}`}`;
  if (response.status >= 500 || response.status === 429) throw new Retryable(`${where}: ${status}`);
  if (response.status >= 400) {
    let detail = '';
    try {
      const b = JSON.parse(text) as { error?: unknown };
      if (typeof b.error === 'string') detail = `: ${await serverText(b.error)}`;
    } catch {
      detail = text.trim() === '' ? '' : `: ${await serverText(text.trim().split('\n')[0] ?? '')}`;
    }
    const hint =
      response.status === 401 || response.status === 403
        ? ' (check PT_PROMETHEUS_TOKEN or PT_PROMETHEUS_USER/PT_PROMETHEUS_PASSWORD)'
        : '';
    throw new CliError('E_INPUT', `${where}: ${status}${detail}${hint}`);
  }
  return parseAnswer(where, text);
}

/** `GET /api/v1/query_range`, retried with exponential backoff on 5xx, 429 and network errors. */
export async function queryRange(
  options: PrometheusOptions,
  query: string,
  startMs: number,
  endMs: number,
  stepMs: number,
): Promise<PromSeries[]> {
  const params = new URLSearchParams({
    query,
    start: String(startMs / 1000),
    end: String(endMs / 1000),
    step: String(stepMs / 1000),
  });
  const url = `${options.url}/api/v1/query_range?${params.toString()}`;
  const where = `Prometheus at ${options.url}`;
  const retries = options.retries ?? 3;
  const backoff = options.backoffMs ?? 250;
  for (let attempt = 0; ; attempt++) {
    try {
      return await once(options, url, where);
    } catch (error) {
      if (!(error instanceof Retryable)) throw error;
      if (attempt >= retries) {
        throw new CliError('E_INPUT', `${error.message} (after ${retries + 1} attempts)`);
      }
      await sleep(backoff * 2 ** attempt);
    }
  }
}

/** Runs `tasks` with at most `limit` at a time; results in task order. The first failure rejects. */
export async function pool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      const task = tasks[i];
      if (task !== undefined) results[i] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
