import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { fleetArb } from '../fleet/arbitraries.fixture.js';
import { parseFleet } from '../fleet/parse.js';
import type { Fleet } from '../fleet/schema.js';
import type { GovernanceOptions } from '@pt/governance';
import { renderJson } from '../render/json.js';
import { PlatformToolkit } from '../toolkit.js';
import type { Health } from './schema.js';
import { evaluateServiceBatch, reportFromFleetSource, type ServiceBatch, type StreamReportOptions } from './stream.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** `text` in chunks of `size` bytes. */
function* chunks(text: string, size: number): Generator<Uint8Array> {
  const bytes = utf8(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The streamed report as one text, or the reason it was refused. */
async function streamed(text: string, size: number, options: Omit<StreamReportOptions, 'write'> = {}) {
  const pieces: string[] = [];
  const result = await reportFromFleetSource(
    { format: 'json', chunks: chunks(text, size) },
    {
      ...options,
      write: (json) => void pieces.push(json),
    },
  );
  return result.ok ? { ...result, json: result.head + pieces.join('') + result.tail } : result;
}

/** The same report the ordinary way: parse the whole file, build the toolkit, render. */
function ordinary(text: string, governance: GovernanceOptions = {}, team?: string, filename = 'fleet.json') {
  const parsed = parseFleet(text, { filename });
  if (!parsed.ok) return undefined;
  const toolkit = PlatformToolkit.fromFleet(parsed.fleet, governance);
  return { fleet: parsed.fleet, toolkit, report: toolkit.report(team === undefined ? {} : { team }) };
}

const WAIVERS = [
  { rule: 'runbook', team: 'payments', reason: 'migrating', expires: '2026-12-31' },
  { rule: 'monitoring', service: 'a', reason: 'new', expires: '2026-01-01' },
];

describe('reportFromFleetSource, JSON', () => {
  it('gives renderJson of the ordinary report, byte for byte, for any fleet, layout and chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fleetArb,
        fc.boolean(),
        fc.constantFrom(undefined, 0, 2, '\t'),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom(undefined, 'platform', 'payments', 'nobody'),
        fc.constantFrom<readonly Health[]>([], ['critical'], ['degraded', 'critical'], ['unknown']),
        async (base, withWaivers, indent, size, team, match) => {
          const fleet: Fleet = withWaivers
            ? { apiVersion: 'pt/v1', kind: 'Fleet', waivers: WAIVERS, services: base.services }
            : base;
          const text = JSON.stringify(fleet, null, indent);
          const governance = { at: '2026-06-01' };
          const expected = ordinary(text, governance, team);
          if (expected === undefined) throw new Error('the fleet arbitrary made an invalid fleet');
          const r = await streamed(text, size, { ...governance, ...(team === undefined ? {} : { team }), match });
          if (!r.ok) throw new Error(r.reason);
          expect(r.json).toBe(renderJson(expected.report));
          expect(r.summary).toEqual(expected.report.summary);
          expect(r.count).toBe(expected.report.services.length);
          expect(r.teams).toEqual(expected.toolkit.teams());
          expect(r.matched).toEqual(
            expected.report.services.filter((s) => match.includes(s.health)).map((s) => s.name),
          );
          expect(r.fleet).toEqual(fleetWithout(expected.fleet));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('uses batches in order when an evaluator finishes them out of order', async () => {
    const services = Array.from({ length: 3000 }, (_, i) => ({
      name: `s${i}`,
      team: `t${i % 3}`,
      reliability: {
        uptimePct: 99 + (i % 10) / 10,
        mttrMinutes: i % 70,
        incidents30d: i % 7,
        changeFailureRatePct: i % 35,
      },
      cost: { entries: [{ month: '2026-10', amount: i * 1.1 }] },
    }));
    const fleet: Fleet = { apiVersion: 'pt/v1', kind: 'Fleet', services };
    const text = JSON.stringify(fleet);
    let calls = 0;
    const shuffled = async (
      input: Parameters<typeof evaluateServiceBatch>[0],
      options: Parameters<typeof evaluateServiceBatch>[1],
    ): Promise<ServiceBatch> => {
      calls++;
      // Later batches finish first.
      await new Promise((resolve) => setTimeout(resolve, calls % 2 === 1 ? 20 : 1));
      return evaluateServiceBatch(input, options);
    };
    for (const team of [undefined, 't1']) {
      const pieces: string[] = [];
      const r = await reportFromFleetSource(
        { format: 'json', chunks: chunks(text, 10_000) },
        {
          ...(team === undefined ? {} : { team }),
          match: ['degraded'],
          evaluate: shuffled,
          concurrency: 4,
          write: (json) => void pieces.push(json),
        },
      );
      const expected = PlatformToolkit.fromFleet(fleet).report(team === undefined ? {} : { team });
      expect(r.ok && r.head + pieces.join('') + r.tail).toBe(renderJson(expected));
      expect(r.ok && r.matched).toEqual(expected.services.filter((s) => s.health === 'degraded').map((s) => s.name));
    }
    expect(calls).toBeGreaterThan(4);
  });

  it('refuses a fleet when an evaluator fails or throws', async () => {
    const text = JSON.stringify({ apiVersion: 'pt/v1', kind: 'Fleet', services: [{ name: 'a', team: 't' }] });
    const write = () => undefined;
    const failing = await reportFromFleetSource(
      { format: 'json', chunks: chunks(text, 8) },
      {
        write,
        evaluate: () => ({ ok: false, reason: 'no' }),
      },
    );
    expect(failing).toEqual({ ok: false, reason: 'no' });
    const throwing = await reportFromFleetSource(
      { format: 'json', chunks: chunks(text, 8) },
      {
        write,
        evaluate: () => Promise.reject(new Error('worker died')),
      },
    );
    expect(throwing).toEqual({ ok: false, reason: 'Error: worker died' });
  });

  it('evaluateServiceBatch: one invalid item, or text that does not parse, fails its batch', () => {
    const options = { fleetWaivers: [] };
    const json = (texts: string[]) => ({ json: texts });
    expect(evaluateServiceBatch(json(['{"name":"a","team":"t"}', '{"name":"B","team":"t"}']), options).ok).toBe(false);
    expect(evaluateServiceBatch(json(['{"name":"a","team":"t"', '{}']), options).ok).toBe(false);
    const ok = evaluateServiceBatch(json(['{"name":"a","team":"t","governance":{}}']), {
      ...options,
      match: ['degraded'],
    });
    expect(ok).toMatchObject({ ok: true, names: ['a'], teams: ['t'], matched: ['a'] });
    const yaml = (text: string) => ({ yaml: text, maxDepth: 63 });
    expect(evaluateServiceBatch(yaml('- name: a\n  team: t\n- name: b\n  team: u\n'), options)).toMatchObject({
      ok: true,
      names: ['a', 'b'],
    });
    expect(evaluateServiceBatch(yaml('- name: a\n  team: t\n  team: u\n'), options).ok).toBe(false); // a repeated key
    expect(evaluateServiceBatch(yaml('name: a\n'), options).ok).toBe(false); // not a list
    expect(evaluateServiceBatch(yaml('- [1\n'), options).ok).toBe(false); // not YAML
  });

  it('reports an empty fleet as renderJson does', async () => {
    const text = '{"apiVersion":"pt/v1","kind":"Fleet","services":[]}';
    const r = await streamed(text, 5);
    expect(r.ok && r.json).toBe(renderJson(PlatformToolkit.fromFleet(JSON.parse(text) as Fleet).report()));
  });

  it.each([
    ['not JSON', '{"apiVersion":"pt/v1",'],
    ['no services', '{"apiVersion":"pt/v1","kind":"Fleet"}'],
    ['a wrong apiVersion after the services', '{"services":[],"apiVersion":"pt/v2","kind":"Fleet"}'],
    ['an unknown key', '{"apiVersion":"pt/v1","kind":"Fleet","services":[],"extra":1}'],
    ['a __proto__ key', '{"apiVersion":"pt/v1","kind":"Fleet","__proto__":{},"services":[]}'],
    ['an invalid service', '{"apiVersion":"pt/v1","kind":"Fleet","services":[{"name":"A","team":"t"}]}'],
    [
      'a repeated service name',
      '{"apiVersion":"pt/v1","kind":"Fleet","services":[{"name":"a","team":"t"},{"name":"a","team":"u"}]}',
    ],
    ['invalid waivers', '{"apiVersion":"pt/v1","kind":"Fleet","waivers":[{"rule":"x"}],"services":[]}'],
    [
      'waivers after the services',
      `{"apiVersion":"pt/v1","kind":"Fleet","services":[],"waivers":${JSON.stringify(WAIVERS)}}`,
    ],
    ['a repeated key', '{"apiVersion":"pt/v1","kind":"Fleet","kind":"Fleet","services":[]}'],
  ])('refuses %s, leaving it to the ordinary reader', async (_what, text) => {
    const r = await streamed(text, 7);
    expect(r.ok).toBe(false);
  });

  it('refuses only what it must: a valid fleet in the usual key order is always streamed', async () => {
    // Valid fleets with one value replaced at random: the stream agrees with parseFleet.
    await fc.assert(
      fc.asyncProperty(fleetArb, fc.nat(), fc.jsonValue({ maxDepth: 2 }), async (fleet, pick, replacement) => {
        const services: Record<string, unknown>[] = fleet.services.map((s) => ({ ...s }));
        const target = services[pick % Math.max(1, services.length)];
        if (target !== undefined) {
          const keys = Object.keys(target);
          target[keys[pick % keys.length] ?? 'name'] = replacement;
        }
        const text = JSON.stringify({ ...fleet, services });
        const expected = ordinary(text);
        const r = await streamed(text, 64);
        expect(r.ok).toBe(expected !== undefined);
        if (r.ok && expected !== undefined) expect(r.json).toBe(renderJson(expected.report));
      }),
      { numRuns: 300 },
    );
  });

  it('hands the services over a batch at a time, without keeping them', async () => {
    const services = Array.from({ length: 2000 }, (_, i) => ({ name: `s${i}`, team: 't', governance: {} }));
    const text = JSON.stringify({ apiVersion: 'pt/v1', kind: 'Fleet', services });
    const sizes: number[] = [];
    const r = await reportFromFleetSource(
      { format: 'json', chunks: chunks(text, 4096) },
      { write: (json) => void sizes.push(json.length) },
    );
    expect(r.ok).toBe(true);
    expect(sizes.length).toBeGreaterThan(10);
  });
});

function fleetWithout(fleet: Fleet): Omit<Fleet, 'services'> {
  const { services: _services, ...rest } = fleet;
  return rest;
}

describe('reportFromFleetSource, YAML', () => {
  const yamlReport = async (text: string, options: Omit<StreamReportOptions, 'write'> = {}) => {
    const pieces: string[] = [];
    const r = await reportFromFleetSource(
      { format: 'yaml', text },
      { ...options, write: (json) => void pieces.push(json) },
    );
    return r.ok ? { ...r, json: r.head + pieces.join('') + r.tail } : r;
  };

  it('gives renderJson of the ordinary report for any fleet in the plain layout, and refuses only other layouts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fleetArb,
        fc.boolean(),
        fc.integer({ min: 2, max: 4 }),
        fc.constantFrom(undefined, 'platform', 'payments'),
        async (base, withWaivers, indent, team) => {
          const fleet: Fleet = withWaivers
            ? { apiVersion: 'pt/v1', kind: 'Fleet', waivers: WAIVERS, services: base.services }
            : base;
          const text = dump(fleet, { noRefs: true, indent });
          const governance = { at: '2026-06-01' };
          const expected = ordinary(text, governance, team, 'fleet.yaml');
          if (expected === undefined) throw new Error('the fleet arbitrary made an invalid fleet');
          const r = await yamlReport(text, { ...governance, ...(team === undefined ? {} : { team }) });
          if (!r.ok) {
            // Only a text outside the plain layout is refused: a character that needs another
            // layout, or an empty list (written `services: []`, not as a block).
            expect(r.reason).toBe('not the plain layout');
            if (fleet.services.length > 0) expect(text).toMatch(/[*&!\t\r]/);
            return;
          }
          expect(r.json).toBe(renderJson(expected.report));
          expect(r.teams).toEqual(expected.toolkit.teams());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads thousands of services a slice at a time, the same as the whole text', async () => {
    const services = Array.from({ length: 3000 }, (_, i) => ({
      name: `s${i}`,
      team: `t${i % 5}`,
      slos: [{ name: 'availability', target: 99.9, current: 99.8 + (i % 3) / 10 }],
      governance: { runbook: i % 2 === 0, ownership: true },
    }));
    const text = dump({ apiVersion: 'pt/v1', kind: 'Fleet', services });
    const r = await yamlReport(text, { concurrency: 3 });
    const expected = ordinary(text, {}, undefined, 'fleet.yaml');
    expect(r.ok && expected !== undefined && r.json === renderJson(expected.report)).toBe(true);
  });

  it.each([
    ['an alias', 'apiVersion: pt/v1\nkind: Fleet\nservices:\n  - &a { name: a, team: t }\n'],
    ['services not last', 'apiVersion: pt/v1\nservices:\n  - { name: a, team: t }\nkind: Fleet\n'],
    [
      'a repeated key in a service',
      'apiVersion: pt/v1\nkind: Fleet\nservices:\n  - name: a\n    team: t\n    team: u\n',
    ],
    ['an invalid service', 'apiVersion: pt/v1\nkind: Fleet\nservices:\n  - name: A\n    team: t\n'],
    ['a wrong kind', 'apiVersion: pt/v1\nkind: Flet\nservices:\n  - name: a\n    team: t\n'],
    ['no services', 'apiVersion: pt/v1\nkind: Fleet\n'],
    ['two documents', 'apiVersion: pt/v1\nkind: Fleet\n---\nservices:\n  - name: a\n    team: t\n'],
  ])('refuses %s, leaving it to the ordinary reader', async (_what, text) => {
    expect((await yamlReport(text)).ok).toBe(false);
  });
});
