import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { DEMO_FLEET } from '../demo.js';
import { PlatformToolkit } from '../toolkit.js';
import { jsonSchemaFor } from './json-schema.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const fleetValid = ajv.compile(jsonSchemaFor('fleet'));
const reportValid = ajv.compile(jsonSchemaFor('report'));
const example = load(readFileSync(new URL('../../../../examples/fleet.yaml', import.meta.url), 'utf8'));

describe('jsonSchemaFor', () => {
  it('accepts the example fleet and the demo fleet', () => {
    expect(fleetValid(example), JSON.stringify(fleetValid.errors)).toBe(true);
    expect(fleetValid(DEMO_FLEET), JSON.stringify(fleetValid.errors)).toBe(true);
  });

  it.each([
    ['an unknown key', { ...DEMO_FLEET, extra: 1 }, 'additionalProperties'],
    ['a wrong apiVersion', { ...DEMO_FLEET, apiVersion: 'pt/v2' }, 'const'],
    [
      'a target above 100',
      { ...DEMO_FLEET, services: [{ name: 'a', team: 't', slos: [{ name: 's', target: 1000, current: 1 }] }] },
      'maximum',
    ],
    ['a bad service name', { ...DEMO_FLEET, services: [{ name: 'Bad Name', team: 't' }] }, 'pattern'],
  ])('rejects %s, as pt validate does', (_label, fleet, keyword) => {
    expect(fleetValid(fleet)).toBe(false);
    expect(fleetValid.errors?.map((e) => e.keyword)).toContain(keyword);
  });

  it('accepts the report pt writes and rejects one with a missing summary', () => {
    const report = PlatformToolkit.fromFleet(DEMO_FLEET).report();
    expect(reportValid(JSON.parse(JSON.stringify(report))), JSON.stringify(reportValid.errors)).toBe(true);
    expect(reportValid({ schemaVersion: 1, services: [] })).toBe(false);
  });

  it('titles each schema', () => {
    expect(jsonSchemaFor('fleet')).toMatchObject({ title: 'pt fleet file (apiVersion pt/v1)', type: 'object' });
    expect(jsonSchemaFor('report')).toMatchObject({ title: 'pt report (schemaVersion 1)', type: 'object' });
  });
});
