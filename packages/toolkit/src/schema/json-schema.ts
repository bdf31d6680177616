import * as z from 'zod';
import { FleetSchema } from '../fleet/schema.js';
import { ReportSchema } from '../report/schema.js';

/** The documents `pt schema` describes. */
export const JSON_SCHEMA_SUBJECTS = ['fleet', 'report'] as const;
export type JsonSchemaSubject = (typeof JSON_SCHEMA_SUBJECTS)[number];

const TITLES: Readonly<Record<JsonSchemaSubject, string>> = {
  fleet: 'pt fleet file (apiVersion pt/v1)',
  report: 'pt report (schemaVersion 1)',
};

/**
 * JSON Schema (draft 2020-12) generated from the zod schemas the code validates with, so the two can
 * never disagree. Checks that JSON Schema cannot express (unique names, currency codes known to the
 * runtime) are enforced by `pt validate` only.
 */
export function jsonSchemaFor(subject: JsonSchemaSubject): Record<string, unknown> {
  const schema = subject === 'fleet' ? FleetSchema : ReportSchema;
  // A fleet file is input (defaults may be left out); a report is output (every key present).
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io: subject === 'fleet' ? 'input' : 'output' });
  return { ...generated, title: TITLES[subject] };
}
