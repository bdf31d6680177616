import { stringOption, type Command } from '../command.js';
import { INPUT_OPTIONS, out } from '../options.js';
import { emitImport, readRecords } from '../reliability/import-files.js';

/** `pt dora import pagerduty <files…>`: incidents from PagerDuty REST API JSON. */
export const doraImportPagerdutyCommand: Command = {
  name: 'dora import pagerduty',
  summary: 'Incidents from PagerDuty REST API JSON (GET /incidents)',
  args: ['<incidents.json…>'],
  description:
    'Reads GET /incidents responses (or their "incidents" items). An incident starts at created_at\n' +
    'and, when its status is resolved, ends at resolved_at (else last_status_change_at); its service\n' +
    'is service.summary (or --service), its severity the urgency. The deployment that caused it is\n' +
    "read from first_trigger_log_entry.channel.details.deployment (the triggering event's custom\n" +
    'detail "deployment"; list with include[]=first_trigger_log_entries) or --deployment-field.',
  options: {
    service: { type: 'string', streamable: false, value: '<name>', description: 'The service of every incident' },
    'deployment-field': {
      type: 'string',
      streamable: false,
      value: '<dot.path>',
      description: 'Field naming the deployment that caused the incident',
    },
    out: out('events'),
    ...INPUT_OPTIONS,
  },
  examples: ['pt dora import pagerduty incidents.json > incidents.jsonl'],
  async run({ values, positionals }, io) {
    const lib = await import('@pt/toolkit');
    const records = await readRecords(lib, positionals, values, io);
    const service = stringOption(values, 'service');
    const deploymentField = stringOption(values, 'deployment-field');
    const result = lib.pagerdutyEvents(records, {
      ...(service === undefined ? {} : { service }),
      ...(deploymentField === undefined ? {} : { deploymentField }),
    });
    return emitImport(lib, 'pagerduty', result, values, io);
  },
};
