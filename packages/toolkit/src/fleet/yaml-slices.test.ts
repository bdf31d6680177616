/**
 * `loadYamlInSlices`: a large fleet's `services` list read a slice at a time must give exactly
 * what js-yaml gives for the whole text, or nothing (then the whole text is read).
 */
import fc from 'fast-check';
import { dump, loadAll, parseEvents } from 'js-yaml';
import type * as JsYaml from 'js-yaml';
import { describe, expect, it, vi } from 'vitest';
import { mutatedText } from './arbitraries.fixture.js';
import { formatIssue } from '@pt/input';
import { loadYamlInSlices, parseFleet, type FleetParseResult } from './parse.js';

// js-yaml as it is, with its event parser counted: reading in slices must not need it.
vi.mock('js-yaml', async (original) => {
  const yaml = await original<typeof JsYaml>();
  return { ...yaml, parseEvents: vi.fn(yaml.parseEvents) };
});
const parseEventsCalls = vi.mocked(parseEvents);

const formatted = (result: FleetParseResult) => (result.ok ? [] : result.issues.map(formatIssue));

/** js-yaml's reading of the whole text, or `undefined` when it throws. */
function whole(text: string, maxDepth: number): { value: unknown } | { error: true } {
  try {
    const documents = loadAll(text, { filename: 'f.yaml', maxDepth });
    return documents.length === 1 ? { value: documents[0] } : { error: true };
  } catch {
    return { error: true };
  }
}

const sliced = (text: string, maxDepth: number, sliceChars: number) =>
  loadYamlInSlices(text, { filename: 'f.yaml', maxDepth, sliceChars });

const SERVICE = fc.record(
  {
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
    team: fc.oneof(fc.constantFrom('platform', 'payments'), fc.string({ maxLength: 12 })),
    tier: fc.integer({ min: 1, max: 3 }),
    slos: fc.array(
      fc.record({ name: fc.constantFrom('availability', 'latency'), target: fc.double(), current: fc.double() }),
      { maxLength: 3 },
    ),
    facts: fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string(), fc.boolean(), fc.integer())),
    notes: fc.constantFrom('a\nb', '- x\n- y', '  - indented', '# hash', 'services:', 'x: y'),
  },
  { requiredKeys: ['name'] },
);
/** A fleet written by `dump` in various layouts, with comments between items sometimes. */
const FLEET_TEXT = fc
  .record({
    services: fc.array(SERVICE, { maxLength: 10 }),
    indent: fc.integer({ min: 1, max: 4 }),
    seqNoIndent: fc.boolean(),
    flowLevel: fc.constantFrom(-1, 2, 3, 4),
    comment: fc.constantFrom('', '# services below\n', '\n'),
    extra: fc.boolean(),
  })
  .map(({ services, indent, seqNoIndent, flowLevel, comment, extra }) => {
    const head = { apiVersion: 'pt/v1', kind: 'Fleet', ...(extra ? { x: { services: [1] } } : {}) };
    const text = dump({ ...head, services }, { indent, seqNoIndent, flowLevel, noRefs: true });
    return comment === '' ? text : text.replace('\nservices:\n', `\nservices:\n${comment}`);
  });

/** Deletes, repeats or replaces a slice, with characters YAML cares about among the replacements. */
const BROKEN_TEXT = FLEET_TEXT.chain((text) =>
  mutatedText(text, {
    maxLength: 30,
    insert: fc.string({
      unit: fc.constantFrom('a', ':', ' ', '\n', '-', '[', ']', '{', '}', '#', '"', "'", '|', '>', '%'),
    }),
  }),
);

describe('loadYamlInSlices', () => {
  it('reads generated fleets exactly as js-yaml reads the whole text, whatever the slice size', () => {
    fc.assert(
      fc.property(FLEET_TEXT, fc.integer({ min: 1, max: 400 }), fc.integer({ min: 2, max: 8 }), (text, size, depth) => {
        const expected = whole(text, depth);
        const got = sliced(text, depth, size);
        if ('error' in expected) expect(got).toBeUndefined();
        else if (got !== undefined) expect(got).toEqual(expected);
        // A block list of services in a text without aliases, tags, tabs or CRs is always sliced.
        else expect(/[*&!\t\r]/.test(text) || !text.includes('\nservices:\n')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('never gives a value js-yaml would not give for broken text', () => {
    fc.assert(
      fc.property(BROKEN_TEXT, fc.integer({ min: 1, max: 200 }), (text, size) => {
        const got = sliced(text, 64, size);
        if (got !== undefined) expect(got).toEqual(whole(text, 64));
      }),
      { numRuns: 600 },
    );
  });

  it.each([
    ['an alias', 'services:\n  - &a { name: a }\n  - *a\n'],
    ['a tag', 'services:\n  - !!map { name: a }\n'],
    ['a directive', '%YAML 1.2\n---\nservices:\n  - name: a\n'],
    ['a key after the list', 'services:\n  - name: a\nkind: Fleet\n'],
    ['a second document', 'services:\n  - name: a\n---\nservices: []\n'],
    ['no list', 'services:\n  name: a\n'],
    ['CR line ends', 'services:\r\n  - name: a\r\n'],
  ])('leaves a text with %s to the whole-text reader', (_label, text) => {
    expect(sliced(text, 64, 1)).toBeUndefined();
  });

  it('cuts only before an item at the list indent, never inside one', () => {
    const text = 'kind: Fleet\nservices:\n  - name: a\n    slos:\n      - name: x\n  - name: b\n';
    expect(sliced(text, 64, 1)).toEqual({
      value: { kind: 'Fleet', services: [{ name: 'a', slos: [{ name: 'x' }] }, { name: 'b' }] },
    });
  });
});

describe('parseFleet on a fleet larger than a slice (16 MiB)', { timeout: 120_000 }, () => {
  it('reads it in slices, without the event stream, and locates a problem once validation fails', () => {
    // Long scalars make a big text of few nodes: about 17 MB in 17 000 services.
    const note = 'n'.repeat(950);
    const service = (i: number) => `  - name: svc-${i}\n    team: t\n    facts: {note: ${note}}\n`;
    const count = 17_000;
    const text = `apiVersion: pt/v1\nkind: Fleet\nservices:\n${Array.from({ length: count }, (_, i) => service(i)).join('')}`;
    expect(text.length).toBeGreaterThan(16 * 1024 * 1024);
    parseEventsCalls.mockClear();
    const result = parseFleet(text, { filename: 'big.yaml' });
    expect(parseEventsCalls).not.toHaveBeenCalled();
    expect(result.ok && result.fleet.services.map((s) => s.name).slice(-2)).toEqual(['svc-16998', 'svc-16999']);
    expect(result.ok && result.fleet.services[0]).toEqual({ name: 'svc-0', team: 't', facts: { note } });

    const bad = `${text}  - name: Bad\n    team: t\n`;
    expect(formatted(parseFleet(bad, { filename: 'big.yaml' }))).toEqual([
      expect.stringMatching(new RegExp(`^big\\.yaml:${3 + 3 * count + 1} services\\[${count}\\]\\.name: must be`)),
    ]);
    expect(parseEventsCalls).toHaveBeenCalledTimes(1);
  });
});
