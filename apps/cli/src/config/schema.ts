import * as z from 'zod';
import { BILLING_OPTIONS } from '../cost/config.js';
import { CONFIG_COMMANDS } from './bindings.js';

/**
 * The project config file (`pt.config.yaml` or `pt.config.json`): the inputs and settings the
 * commands would otherwise take as flags, written once next to the fleet. Declared once here; its
 * type, its validation and `pt schema config` all come from it. Where each key goes is in
 * `bindings.ts`; the choices of its closed values come from the options registry.
 */

const choices = <T extends string>(values: readonly T[] | undefined) => z.enum(values as [T, ...T[]]);

/** A path: relative ones are read from the directory of the config file. */
const path = z.string().min(1).describe('A path, relative to the directory of the config file');
/** A path in an option that is a comma-separated list. */
const listed = path.refine((p) => !p.includes(','), { message: 'cannot contain a comma (the flag is a comma list)' });
const list = <T extends z.ZodType>(item: T) => z.array(item).min(1);
const positive = z.number().positive();

/** Settings of one command, used only when that command runs; flags override them. */
export const CommandSettingsSchema = z
  .strictObject({
    format: z.string().min(1).optional().describe('--format: one of the formats of the command'),
    failOn: z.string().min(1).optional().describe('--fail-on: one of the values the command takes'),
    team: z.string().min(1).optional().describe("--team: only this team's services"),
    by: z.string().min(1).optional().describe('--by: the grouping of the command'),
  })
  .describe('Settings of one command; a key the command does not take is noted on stderr when it runs');

export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema of this file (for editors; not read)'),
    fleet: path
      .optional()
      .describe('The fleet file: the argument of report, validate and governance check; --fleet of dora and cost'),
    at: z
      .union([z.string().min(1), z.number()])
      .optional()
      .describe('--at of every command: a date, an ISO 8601 time with an offset, or epoch seconds'),
    format: z.string().min(1).optional().describe('Default --format of every command that has it'),
    maxInputMb: positive.optional().describe('--max-input-mb'),
    history: path
      .optional()
      .describe('The history file (DuckDB): --history of report --record, history and diff --since'),
    slo: z
      .strictObject({
        files: list(listed).optional().describe('OpenSLO files: --slo of report; the files of pt slo'),
        data: list(listed)
          .optional()
          .describe('SLI data, each "file" or "slo=file": --slo-data of report, --data of pt slo'),
        prometheus: z
          .url({ protocol: /^https?$/ })
          .optional()
          .describe('--prometheus: a Prometheus HTTP API (credentials: PT_PROMETHEUS_* in the environment only)'),
        timeout: positive.optional().describe('--timeout, in seconds'),
        step: positive.optional().describe('--step, in seconds'),
        maxResponseMb: positive.optional().describe('--max-response-mb'),
        minEvents: z.int().nonnegative().optional().describe('--min-events'),
      })
      .refine((slo) => slo.data === undefined || slo.prometheus === undefined, {
        path: ['prometheus'],
        message: 'data and prometheus are two sources of SLI data: give one',
        params: { complete: true },
      })
      .optional(),
    reliability: z
      .strictObject({
        events: list(listed).optional().describe('Event files: --events of report; the files of pt dora'),
        window: z.string().min(1).optional().describe('--window, e.g. 30d'),
      })
      .optional(),
    cost: z
      .strictObject({
        focus: list(path).optional().describe('FOCUS billing files or globs: --cost of report; the files of pt cost'),
        config: path.optional().describe('--cost-config'),
        engine: choices(BILLING_OPTIONS.engine.choices).optional().describe('--engine'),
        metric: choices(BILLING_OPTIONS.metric.choices).optional().describe('--metric'),
        split: choices(BILLING_OPTIONS.split.choices).optional().describe('--split'),
        tagKeys: list(z.string().min(1)).optional().describe('--tag-key, in order'),
        onBadRow: choices(BILLING_OPTIONS['on-bad-row'].choices).optional().describe('--on-bad-row'),
      })
      .optional(),
    governance: z
      .strictObject({
        scorecard: path.optional().describe('--scorecard'),
        catalog: list(path).optional().describe('--catalog: Backstage catalog folders or files'),
      })
      .optional(),
    commands: z
      .strictObject(Object.fromEntries(CONFIG_COMMANDS.map((name) => [name, CommandSettingsSchema.optional()])))
      .optional()
      .describe('Per command settings, e.g. commands: { report: { format: markdown, failOn: critical } }'),
  })
  .describe('pt project config file (pt.config.yaml or pt.config.json)');

export type Config = z.infer<typeof ConfigSchema>;

/** JSON Schema (draft 2020-12) of the config file, for `pt schema config`. */
export function configJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(ConfigSchema, { target: 'draft-2020-12', io: 'input' }), title: 'pt project config file' };
}
