import { refineName } from '@pt/input';
import * as z from 'zod';
import { parseTimestamp } from './time.js';

/** An ISO 8601 timestamp with an explicit offset, read as epoch milliseconds. */
export const TimestampSchema = z.string().transform((text, ctx) => {
  const ms = parseTimestamp(text);
  if (ms === null) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be an ISO 8601 time with an offset (e.g. 2026-11-02T10:00:00Z or …+01:00)',
      input: text,
    });
    return z.NEVER;
  }
  return ms;
});

const id = z.string().min(1).max(200);
const service = z.string().min(1).max(200).superRefine(refineName);
const team = z
  .string()
  .min(1)
  .max(200)
  .superRefine(refineName)
  .optional()
  .describe('Owning team; used by `--by team` without a fleet.');

/** How a deployment ended. */
export const DeploymentStatusSchema = z.enum(['success', 'failed', 'rolled-back']);
export type DeploymentStatus = z.infer<typeof DeploymentStatusSchema>;

/** A deployment to production. */
export const DeploymentEventSchema = z.strictObject({
  type: z.literal('deployment'),
  id,
  service,
  team,
  time: TimestampSchema.describe('When the deployment finished.'),
  status: DeploymentStatusSchema,
  changes: z.array(id).optional().describe('Ids of the changes it shipped.'),
  unplanned: z
    .boolean()
    .optional()
    .describe('True for an unplanned deployment made to fix a user-facing issue (rework).'),
});

/** A change (commit or merge) that a deployment may ship. */
export const ChangeEventSchema = z.strictObject({
  type: z.literal('change'),
  id,
  service,
  team,
  time: TimestampSchema.describe('Commit or merge time.'),
});

/** An incident: user-facing impairment from `start` until `resolved` (absent: still open). */
export const IncidentEventSchema = z
  .strictObject({
    type: z.literal('incident'),
    id,
    service,
    team,
    start: TimestampSchema,
    resolved: TimestampSchema.optional(),
    severity: z.string().min(1).max(50),
    deployment: id.optional().describe('Id of the deployment that caused it, if known.'),
  })
  .superRefine((incident, ctx) => {
    if (incident.resolved !== undefined && incident.resolved < incident.start) {
      ctx.addIssue({ code: 'custom', path: ['resolved'], message: 'must not be before start' });
    }
  });

/** Any event, told apart by `type`. */
export const EventSchema = z.discriminatedUnion('type', [
  DeploymentEventSchema,
  ChangeEventSchema,
  IncidentEventSchema,
]);

export type DeploymentEvent = z.output<typeof DeploymentEventSchema>;
export type ChangeEvent = z.output<typeof ChangeEventSchema>;
export type IncidentEvent = z.output<typeof IncidentEventSchema>;
export type DeliveryEvent = z.output<typeof EventSchema>;
export type EventType = DeliveryEvent['type'];
