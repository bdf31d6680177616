import { refineName } from '@pt/input';
import * as z from 'zod';
import { isValidTimeZone, parseWallTime } from '../calendar.js';
import { parseDuration } from '../duration.js';

/** The only API version read. */
export const OPENSLO_API_VERSION = 'openslo/v1';

/** Every kind of object OpenSLO v1 defines. */
export const OPENSLO_KINDS = [
  'Service',
  'SLO',
  'SLI',
  'DataSource',
  'AlertPolicy',
  'AlertCondition',
  'AlertNotificationTarget',
] as const;
export type OpenSloKind = (typeof OPENSLO_KINDS)[number];

/** OpenSLO names are DNS labels (RFC 1123), like Kubernetes object names. */
const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

// A look-alike (`payments\u200b`) is told what is wrong with it before the label rule.
const name = z
  .string()
  .superRefine(refineName)
  .regex(NAME, { message: 'must be a lowercase RFC 1123 label ([a-z0-9-], at most 63 chars)' });

const durationText = z.string().refine((s) => parseDuration(s) !== null, {
  message: 'must be a duration such as 5m, 1h, 28d, 1w or 1M (s, m = minute, h, d, w, M = month, Q, Y)',
});

/** Labels: a value or a list of values (both forms occur in OpenSLO v1 documents). */
const labels = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

const metadata = z.strictObject({
  name,
  displayName: z.string().optional(),
  labels: labels.optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const header = <K extends OpenSloKind>(kind: K) => ({
  apiVersion: z.literal(OPENSLO_API_VERSION),
  kind: z.literal(kind),
  metadata,
});

/** Where metric values come from: a data source (inline `type` + free-form `spec`, or a reference). */
export const MetricSourceSchema = z.strictObject({
  metricSourceRef: z.string().optional(),
  type: z.string().min(1).optional(),
  spec: z.record(z.string(), z.unknown()).optional(),
});
export type MetricSource = z.infer<typeof MetricSourceSchema>;

const metric = z.strictObject({ metricSource: MetricSourceSchema });

const ratioMetric = z
  .strictObject({
    counter: z.boolean().optional(),
    good: metric.optional(),
    bad: metric.optional(),
    total: metric.optional(),
    rawType: z.enum(['success', 'failure']).optional(),
    raw: metric.optional(),
  })
  .superRefine((r, ctx) => {
    const forms = [r.good, r.bad, r.raw].filter((x) => x !== undefined).length;
    if (forms !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'needs exactly one of good (with total), bad (with total) or raw (with rawType)',
        params: { complete: true },
      });
      return;
    }
    if (r.raw !== undefined) {
      if (r.rawType === undefined) ctx.addIssue({ code: 'custom', path: ['rawType'], message: 'is required with raw' });
      if (r.total !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['total'],
          message: 'must not be set with raw',
          params: { complete: true },
        });
      }
    } else if (r.total === undefined) {
      ctx.addIssue({ code: 'custom', path: ['total'], message: 'is required with good or bad' });
    }
  });

export const SliSpecSchema = z
  .strictObject({
    description: z.string().optional(),
    thresholdMetric: metric.optional(),
    ratioMetric: ratioMetric.optional(),
  })
  .superRefine((s, ctx) => {
    if ((s.thresholdMetric === undefined) === (s.ratioMetric === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'needs exactly one of thresholdMetric or ratioMetric',
        params: { complete: true },
      });
    }
  });
export type SliSpec = z.infer<typeof SliSpecSchema>;

export const SliSchema = z.strictObject({ ...header('SLI'), spec: SliSpecSchema });

const inlineSli = z.strictObject({ metadata, spec: SliSpecSchema });

const objective = z
  .strictObject({
    displayName: z.string().optional(),
    op: z.enum(['lte', 'gte', 'lt', 'gt']).optional(),
    value: z.number().optional(),
    target: z.number().gt(0).max(1).optional(),
    targetPercent: z.number().gt(0).max(100).optional(),
    timeSliceTarget: z.number().gt(0).max(1).optional(),
    timeSliceWindow: durationText.optional(),
    indicator: inlineSli.optional(),
    indicatorRef: z.string().optional(),
    compositeWeight: z.number().positive().optional(),
  })
  .superRefine((o, ctx) => {
    if ((o.target === undefined) === (o.targetPercent === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'needs exactly one of target (0-1) or targetPercent (0-100)',
        params: { complete: true },
      });
    }
  });

const calendar = z.strictObject({
  startTime: z.string().refine((s) => parseWallTime(s) !== null, {
    message: 'must be a local date and time "YYYY-MM-DD hh:mm:ss"',
  }),
  timeZone: z.string().refine(isValidTimeZone, { message: 'must be an IANA time zone such as Europe/Paris' }),
});

const timeWindow = z
  .strictObject({ duration: durationText, isRolling: z.boolean(), calendar: calendar.optional() })
  .superRefine((w, ctx) => {
    if (!w.isRolling && w.calendar === undefined) {
      ctx.addIssue({ code: 'custom', path: ['calendar'], message: 'is required when isRolling is false' });
    }
    if (w.isRolling && w.calendar !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['calendar'],
        message: 'must not be set on a rolling window',
        params: { complete: true },
      });
    }
    const d = parseDuration(w.duration);
    if (w.isRolling && d !== null && (d.unit === 'M' || d.unit === 'Q' || d.unit === 'Y')) {
      ctx.addIssue({
        code: 'custom',
        path: ['duration'],
        message: `a rolling window needs a fixed length (s, m, h, d, w), e.g. 30d or 4w; "${w.duration}" is a calendar unit`,
        params: { complete: true },
      });
    }
  });

const alertPolicyRefOrInline = z.union([
  z.strictObject({ alertPolicyRef: z.string() }),
  z.strictObject({ kind: z.literal('AlertPolicy'), metadata, spec: z.lazy(() => AlertPolicySpecSchema) }),
]);

export const SloSpecSchema = z
  .strictObject({
    description: z.string().optional(),
    service: name,
    indicator: inlineSli.optional(),
    indicatorRef: z.string().optional(),
    timeWindow: z.array(timeWindow).length(1, { message: 'must hold exactly one time window' }),
    budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']),
    objectives: z.array(objective).min(1),
    alertPolicies: z.array(alertPolicyRefOrInline).nullable().optional(),
  })
  .superRefine((s, ctx) => {
    const top = (s.indicator === undefined ? 0 : 1) + (s.indicatorRef === undefined ? 0 : 1);
    if (top > 1) {
      ctx.addIssue({ code: 'custom', message: 'has both indicator and indicatorRef', params: { complete: true } });
    }
    s.objectives.forEach((o, i) => {
      const own = o.indicator !== undefined || o.indicatorRef !== undefined;
      if (top === 0 && !own) {
        ctx.addIssue({
          code: 'custom',
          path: ['objectives', i],
          message: 'has no SLI: give spec.indicator or spec.indicatorRef (or one per objective)',
          params: { complete: true },
        });
      }
      if (s.budgetingMethod === 'Timeslices' && (o.timeSliceTarget === undefined || o.timeSliceWindow === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['objectives', i],
          message: 'needs timeSliceTarget and timeSliceWindow with budgetingMethod Timeslices',
          params: { complete: true },
        });
      }
      if (s.budgetingMethod === 'RatioTimeslices' && o.timeSliceWindow === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['objectives', i, 'timeSliceWindow'],
          message: 'is required with budgetingMethod RatioTimeslices',
        });
      }
      if (s.budgetingMethod === 'Occurrences' && (o.timeSliceTarget !== undefined || o.timeSliceWindow !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['objectives', i],
          message: 'timeSliceTarget/timeSliceWindow only apply to Timeslices and RatioTimeslices budgeting',
          params: { complete: true },
        });
      }
    });
  });
export type SloSpec = z.infer<typeof SloSpecSchema>;

export const SloObjectSchema = z.strictObject({ ...header('SLO'), spec: SloSpecSchema });

export const ServiceSchema = z.strictObject({
  ...header('Service'),
  spec: z.strictObject({ description: z.string().optional() }),
});

export const DataSourceSchema = z.strictObject({
  ...header('DataSource'),
  spec: z.strictObject({
    description: z.string().optional(),
    type: z.string().min(1),
    connectionDetails: z.union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))]),
  }),
});

export const AlertConditionSpecSchema = z.strictObject({
  description: z.string().optional(),
  severity: z.string().min(1),
  condition: z.strictObject({
    kind: z.literal('burnrate'),
    op: z.enum(['lte', 'gte', 'lt', 'gt']),
    threshold: z.number().nonnegative(),
    lookbackWindow: durationText,
    alertAfter: durationText,
  }),
});

export const AlertConditionSchema = z.strictObject({ ...header('AlertCondition'), spec: AlertConditionSpecSchema });

const notificationTargetSpec = z.strictObject({ description: z.string().optional(), target: z.string().min(1) });

export const AlertNotificationTargetSchema = z.strictObject({
  ...header('AlertNotificationTarget'),
  spec: notificationTargetSpec,
});

export const AlertPolicySpecSchema = z.strictObject({
  description: z.string().optional(),
  alertWhenNoData: z.boolean().optional(),
  alertWhenBreaching: z.boolean().optional(),
  alertWhenResolved: z.boolean().optional(),
  conditions: z
    .array(
      z.union([
        z.strictObject({ conditionRef: z.string() }),
        z.strictObject({ kind: z.literal('AlertCondition'), metadata, spec: AlertConditionSpecSchema }),
      ]),
    )
    .length(1, { message: 'must hold exactly one condition (OpenSLO v1)' }),
  notificationTargets: z
    .array(
      z.union([
        z.strictObject({ targetRef: z.string() }),
        z.strictObject({ kind: z.literal('AlertNotificationTarget'), metadata, spec: notificationTargetSpec }),
      ]),
    )
    .min(1),
});

export const AlertPolicySchema = z.strictObject({ ...header('AlertPolicy'), spec: AlertPolicySpecSchema });

/** The schema of each kind. */
export const KIND_SCHEMAS = {
  Service: ServiceSchema,
  SLO: SloObjectSchema,
  SLI: SliSchema,
  DataSource: DataSourceSchema,
  AlertPolicy: AlertPolicySchema,
  AlertCondition: AlertConditionSchema,
  AlertNotificationTarget: AlertNotificationTargetSchema,
} as const;

export type OpenSloService = z.infer<typeof ServiceSchema>;
export type OpenSloSlo = z.infer<typeof SloObjectSchema>;
export type OpenSloSli = z.infer<typeof SliSchema>;
export type OpenSloDataSource = z.infer<typeof DataSourceSchema>;
export type OpenSloAlertPolicy = z.infer<typeof AlertPolicySchema>;
export type OpenSloAlertCondition = z.infer<typeof AlertConditionSchema>;
export type OpenSloAlertNotificationTarget = z.infer<typeof AlertNotificationTargetSchema>;
