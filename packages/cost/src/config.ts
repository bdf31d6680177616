import { load } from 'js-yaml';
import {
  formatPath,
  messagesOf,
  type InputIssue,
  lineColumns,
  loadJson,
  locateInJson,
  locateInYaml,
  offsetOf,
} from '@pt/input';
import { CostConfigSchema, type CostConfig } from './billing/allocation.js';

/** The cost configuration, or every problem in it, located (`file:line path: message`). */
export type CostConfigResult =
  { readonly ok: true; readonly config: CostConfig } | { readonly ok: false; readonly issues: readonly InputIssue[] };

/** The configuration used when no `--cost-config` is given. */
export function defaultCostConfig(): CostConfig {
  return CostConfigSchema.parse({});
}

/** Settings given on the command line, each one replacing the configuration file's. */
export interface CostConfigOverrides {
  readonly metric?: CostConfig['metric'] | undefined;
  readonly split?: CostConfig['allocation']['split'] | undefined;
  readonly onBadRow?: CostConfig['onBadRow'] | undefined;
}

/** The configuration with the given settings on top (absent ones leave the file's value). */
export function overrideCostConfig(config: CostConfig, overrides: CostConfigOverrides): CostConfig {
  const { metric, split, onBadRow } = overrides;
  return {
    ...config,
    ...(metric === undefined ? {} : { metric }),
    ...(onBadRow === undefined ? {} : { onBadRow }),
    allocation: { ...config.allocation, ...(split === undefined ? {} : { split }) },
  };
}

/**
 * Parses a cost configuration file (YAML, or JSON for a `.json` name, read with `@pt/input`'s
 * `loadJson`: the fleet file's JSON rules and located syntax errors).
 * Never throws for bad input.
 */
export function parseCostConfig(text: string, filename = '<input>'): CostConfigResult {
  let raw: unknown;
  const json = filename.toLowerCase().endsWith('.json');
  if (json) {
    // JSON.parse's grammar; a repeated key and syntax errors are refused, located.
    const loaded = loadJson(text, filename);
    if ('issue' in loaded) return { ok: false, issues: [loaded.issue] };
    raw = loaded.value;
  } else {
    try {
      raw = load(text);
    } catch (error) {
      const e = error as { reason?: unknown; mark?: { line?: unknown; column?: unknown }; message?: unknown };
      const reason = typeof e.reason === 'string' ? e.reason : (String(e.message ?? error).split('\n')[0] ?? '');
      const at =
        typeof e.mark?.line === 'number' && typeof e.mark.column === 'number'
          ? { line: e.mark.line + 1, column: e.mark.column + 1 }
          : {};
      return {
        ok: false,
        issues: [{ code: 'E_SYNTAX', file: filename, path: '', message: `YAML syntax error: ${reason}`, ...at }],
      };
    }
  }
  // With the input in each issue, so that messages say what was found (not "is required").
  const parsed = CostConfigSchema.safeParse(raw ?? {}, { reportInput: true });
  if (parsed.success) return { ok: true, config: parsed.data };
  const found = parsed.error.issues.flatMap((issue) => messagesOf(issue));
  let offsets;
  try {
    offsets = json
      ? locateInJson(
          text,
          found.map((f) => f.path),
        )
      : locateInYaml(
          text,
          found.map((f) => f.path),
        );
  } catch {
    offsets = new Map<string, number>();
  }
  const at = found.map((f) => offsetOf(offsets, f.path));
  const lines = lineColumns(
    text,
    at.filter((o): o is number => o !== undefined),
  );
  return {
    ok: false,
    issues: found.map((f, i) => {
      const offset = at[i];
      const line = offset === undefined ? undefined : lines.get(offset)?.line;
      return {
        code: 'E_SCHEMA' as const,
        file: filename,
        path: formatPath(f.path),
        message: f.message,
        ...(line === undefined ? {} : { line }),
      };
    }),
  };
}
