import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FleetJsonSplitter } from './json-split.js';

interface Split {
  readonly members: [string, unknown][];
  readonly services: unknown[];
  readonly failure: string | undefined;
}

/** Splits `bytes` fed in chunks of `size` bytes (the last may be shorter). */
function split(bytes: Uint8Array, size = bytes.length || 1): Split {
  const members: [string, unknown][] = [];
  const services: unknown[] = [];
  // Pieces are checked by the caller's JSON.parse: one that fails it fails the file.
  let badPiece: string | undefined;
  const parse = (json: string): unknown => {
    try {
      return JSON.parse(json);
    } catch {
      badPiece ??= `a piece is not JSON: ${json}`;
      return undefined;
    }
  };
  const splitter = new FleetJsonSplitter({
    member: (key, json) => members.push([key, parse(json)]),
    servicesStart: () => members.push(['services', 'start']),
    service: (json) => services.push(parse(json)),
  });
  for (let i = 0; i < bytes.length; i += size) splitter.push(bytes.subarray(i, i + size));
  splitter.end();
  return { members, services, failure: splitter.failure ?? badPiece };
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('FleetJsonSplitter', () => {
  it('hands out members and service items in file order, at any chunk size', () => {
    const text =
      '\ufeff {"apiVersion":"pt/v1", "kind" : "Fleet",\n "services": [ {"name":"a","x":"}]\\"{["}, [1,2] ,"s", 12.5e3 ,null,true ],"waivers":[]}\n';
    for (const size of [1, 2, 3, 7, 64, 1 << 20]) {
      expect(split(utf8(text), size)).toEqual({
        members: [
          ['apiVersion', 'pt/v1'],
          ['kind', 'Fleet'],
          ['services', 'start'],
          ['waivers', []],
        ],
        services: [{ name: 'a', x: '}]"{[' }, [1, 2], 's', 12500, null, true],
        failure: undefined,
      });
    }
  });

  it('reads an empty object and an empty services list', () => {
    expect(split(utf8('{}'))).toEqual({ members: [], services: [], failure: undefined });
    expect(split(utf8('{"services":[]}'), 1)).toEqual({
      members: [['services', 'start']],
      services: [],
      failure: undefined,
    });
  });

  it('decodes escaped keys and multi-byte text split across chunks', () => {
    const r = split(utf8('{"servic\\u0065s":[{"team":"équipe ☃ 😀"}]}'), 1);
    expect(r.failure).toBeUndefined();
    expect(r.services).toEqual([{ team: 'équipe ☃ 😀' }]);
  });

  it.each([
    ['', 'the file is empty'],
    ['   ', 'the file is empty'],
    ['[]', 'not a JSON object'],
    ['{"a":1,}', 'a key is missing'],
    ['{"a":1 "b":2}', 'a comma is missing'],
    ['{"a" 1}', 'a colon is missing'],
    ['{"a":}', 'a value is missing'],
    ['{"services":[1,]}', 'an item is missing'],
    ['{"services":[,1]}', 'an item is missing'],
    ['{"services":[1 2]}', 'a comma is missing'],
    ['{"services":{}}', 'services is not a list'],
    ['{"a":1,"a":2}', 'the key "a" repeats'],
    ['{"a":1} x', 'more after the closing brace'],
    ['{"a":"unterminated', 'unfinished value'],
    ['{"services":[{"a":[1,2}', 'unfinished value'],
    ['{"a":1', 'the file ends early'],
    ['{"a\\x":1}', 'a key is not a valid string'],
  ])('refuses %j: %s', (text, reason) => {
    expect(split(utf8(text)).failure).toMatch(new RegExp(`^${reason}( at byte \\d+)?$`));
  });

  it('refuses bytes that are not UTF-8', () => {
    const bytes = new Uint8Array([...utf8('{"services":[{"n":"'), 0xff, ...utf8('"}]}')]);
    expect(split(bytes).failure).toMatch(/^not valid UTF-8/);
  });

  it('keeps memory to the item being read: a long item costs linear time', () => {
    const item = `{"x":"${'y'.repeat(4 << 20)}"}`;
    const r = split(utf8(`{"services":[${item}]}`), 4096);
    expect(r.services).toHaveLength(1);
    // 1024 pushes of 4 KiB: quadratic copying would move ~2 GiB. No duration is asserted here;
    // the test timeout only catches a hang.
  });

  it('agrees with JSON.parse: same members and items for any object, any layout, any chunking', () => {
    const objectArb = fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom('services', 'apiVersion', '__proto__')),
      fc.jsonValue({ maxDepth: 3 }),
      { maxKeys: 5 },
    );
    fc.assert(
      fc.property(
        objectArb,
        fc.constantFrom(undefined, 0, 1, 2, '\t'),
        fc.integer({ min: 1, max: 40 }),
        (value, indent, size) => {
          const text = JSON.stringify(value, null, indent);
          const r = split(utf8(text), size);
          // The oracle is JSON.parse of the same text (it reads -0 written as 0 back as 0).
          const parsed = JSON.parse(text) as Record<string, unknown>;
          const services = parsed['services'];
          if (services !== undefined && !Array.isArray(services)) {
            expect(r.failure).toMatch(/^services is not a list/);
            return;
          }
          expect(r.failure).toBeUndefined();
          const expected = Object.entries(parsed).map(([k, v]): [string, unknown] =>
            k === 'services' ? [k, 'start'] : [k, v],
          );
          expect(r.members).toEqual(expected);
          expect(r.services).toEqual(services ?? []);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never accepts what JSON.parse refuses, and never throws', () => {
    // Valid fleets cut, spliced and garbled at random places.
    const textArb = fc
      .tuple(fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 6 }), fc.nat(), fc.nat({ max: 8 }))
      .map(([services, junk, at, cut]) => {
        const text = JSON.stringify({ apiVersion: 'pt/v1', services: [services, 1] });
        const i = at % (text.length + 1);
        return text.slice(0, i) + junk + text.slice(Math.min(text.length, i + cut));
      });
    fc.assert(
      fc.property(textArb, fc.integer({ min: 1, max: 16 }), (text, size) => {
        const r = split(utf8(text), size);
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          expect(r.failure).toBeDefined();
          return;
        }
        if (r.failure === undefined) {
          const p = parsed as Record<string, unknown>;
          expect(r.services).toEqual(p['services'] ?? []);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
