import { stringOption, type Command } from '../command.js';
import { INPUT_OPTIONS, out } from '../options.js';
import { emitImport, readRecords } from '../reliability/import-files.js';

/** `pt dora import opsgenie <files…>`: incidents from Opsgenie Alert API JSON. */
export const doraImportOpsgenieCommand: Command = {
  name: 'dora import opsgenie',
  summary: 'Incidents from an Opsgenie alert export (Alert API JSON)',
  args: ['<alerts.json…>'],
  description:
    'Reads GET /v2/alerts responses (or their "data" items, or single alerts). An alert starts at\n' +
    'createdAt and, once closed, ends report.closeTime ms later (else at updatedAt); its severity is\n' +
    'the priority. The service is read from details.service (or --service-field, or --service for\n' +
    'all); the deployment that caused it from details.deployment (or --deployment-field).',
  options: {
    service: { type: 'string', streamable: false, value: '<name>', description: 'The service of every alert' },
    'service-field': {
      type: 'string',
      streamable: false,
      value: '<dot.path>',
      description: 'Field naming the service (default: details.service), e.g. entity',
    },
    'deployment-field': {
      type: 'string',
      streamable: false,
      value: '<dot.path>',
      description: 'Field naming the deployment that caused the alert (default: details.deployment)',
    },
    out: out('events'),
    ...INPUT_OPTIONS,
  },
  examples: ['pt dora import opsgenie alerts.json --service-field entity > incidents.jsonl'],
  async run({ values, positionals }, io) {
    const lib = await import('@pt/toolkit');
    const records = await readRecords(lib, positionals, values, io);
    const service = stringOption(values, 'service');
    const serviceField = stringOption(values, 'service-field');
    const deploymentField = stringOption(values, 'deployment-field');
    const result = lib.opsgenieEvents(records, {
      ...(service === undefined ? {} : { service }),
      ...(serviceField === undefined ? {} : { serviceField }),
      ...(deploymentField === undefined ? {} : { deploymentField }),
    });
    return emitImport(lib, 'opsgenie', result, values, io);
  },
};
