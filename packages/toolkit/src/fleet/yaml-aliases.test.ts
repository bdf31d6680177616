/**
 * The YAML alias guard of `parseFleet`: js-yaml shares one object among an anchor and its aliases,
 * so a bomb is cheap to load; the guard counts the expanded size over the loaded value (each
 * shared object once) against max(100 000, written nodes × maxAliasExpansion) before the schema
 * walks it. Written nodes are counted from js-yaml's events: scalars, mappings and sequences,
 * keys included, aliases not.
 */
import fc from 'fast-check';
import { dump, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '@pt/input';
import { parseFleet, type FleetParseResult } from './parse.js';

const FILE = 'fleet.yaml';

const read = (text: string, maxAliasExpansion = 10) => parseFleet(text, { filename: FILE, maxAliasExpansion });
const formatted = (result: FleetParseResult) => (result.ok ? result : result.issues.map(formatIssue));
const issueCodes = (result: FleetParseResult) => (result.ok ? [] : result.issues.map((i) => i.code));

const lines = (...text: string[]) => `${text.join('\n')}\n`;
const HEAD = ['apiVersion: pt/v1', 'kind: Fleet'];

/** Ten levels of ten aliases each: 10^10 nodes once expanded, about a hundred written. */
function billionLaughs(levels = 10): string {
  const rows = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < levels; i++)
    rows.push(
      `l${i}: &l${i} [${Array(10)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return lines(...rows);
}

/**
 * `wide` scalars written once, aliased `times` times: 6 + wide + times × (wide + 1) nodes expanded
 * from 11 + wide written (keys included). `scalarAliases` more aliases of one scalar add as many
 * expanded nodes and 3 written ones (key, list, scalar).
 */
function quadratic(wide: number, times: number, scalarAliases?: number): string {
  return lines(
    ...HEAD,
    'services: []',
    `x: &a [${Array.from({ length: wide }, (_, i) => `s${i}`).join(', ')}]`,
    `y: [${Array(times).fill('*a').join(', ')}]`,
    ...(scalarAliases === undefined ? [] : [`z: [&p p${', *p'.repeat(scalarAliases)}]`]),
  );
}

describe('js-yaml load shares one object among an anchor and its aliases', () => {
  it('so an alias bomb is cheap to load and only expensive to traverse', () => {
    // Shared, not copied: the identities below are the proof (no duration is asserted).
    const [value] = loadAll(billionLaughs()) as [Record<string, unknown[]>];
    expect(value['l9']?.[0]).toBe(value['l8']);
    expect(value['l9']?.[0]).toBe(value['l9']?.[9]);
  });
});

describe('the alias guard', () => {
  it('refuses a billion-laughs bomb before validation', () => {
    const result = read(billionLaughs());
    // 31 written: the root mapping, 10 keys, 10 sequences, 10 scalars.
    expect(formatted(result)).toEqual([
      'fleet.yaml: YAML aliases expand 31 written nodes beyond 100000 nodes; refusing to read further',
    ]);
  });

  it.each([
    // 6 + wide + times × (wide + 1) nodes expanded, from 11 + wide written ones (keys included).
    ['just under the floor', 99, 998, true], // 99 905 nodes
    ['just over the floor', 99, 1_000, false], // 100 105 nodes > 100 000
    ['over the floor, within 10× the written nodes', 20_000, 4, true], // 100 010 nodes ≤ 200 110
    ['over 10× the written nodes', 400, 1_000, false], // 401 406 nodes > 100 000 > 4 110
  ])('quadratic blow-up %s (%i scalars aliased %i times)', (_label, wide, times, accepted) => {
    const result = read(quadratic(wide, times));
    if (accepted) {
      expect(formatted(result)).toEqual([`${FILE}:4 x: unknown key`, `${FILE}:5 y: unknown key`]);
    } else {
      const written = 11 + wide;
      expect(formatted(result)).toEqual([
        `${FILE}: YAML aliases expand ${written} written nodes beyond ${Math.max(100_000, written * 10)} nodes; refusing to read further`,
      ]);
    }
  });

  it.each([
    // 20 014 written × 6 = 120 084; 6 + 20 000 + 5 × 20 001 + 2 + aliases expanded.
    ['exactly at', 71, true],
    ['one node past', 72, false],
  ])('quadratic blow-up %s 6× the written nodes, above the floor', (_label, scalarAliases, accepted) => {
    const result = read(quadratic(20_000, 5, scalarAliases), 6);
    expect(formatted(result)).toEqual(
      accepted
        ? [`${FILE}:4 x: unknown key`, `${FILE}:5 y: unknown key`, `${FILE}:6 z: unknown key`]
        : [`${FILE}: YAML aliases expand 20014 written nodes beyond 120084 nodes; refusing to read further`],
    );
  });

  it('follows its rule on quadratic blow-ups of any size, for any maxAliasExpansion', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 5_000, max: 20_000 })),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 1, max: 12 }),
        (wide, times, maxAliasExpansion) => {
          const expanded = 6 + wide + times * (wide + 1);
          const limit = Math.max(100_000, (11 + wide) * maxAliasExpansion);
          const codes = issueCodes(read(quadratic(wide, times), maxAliasExpansion));
          expect(codes).toEqual(expanded > limit ? ['E_TOO_LARGE'] : ['E_SCHEMA', 'E_SCHEMA']);
        },
      ),
      { numRuns: 60 },
    );
  });

  it.each([
    ['a sequence that holds itself', 'a: &x [*x]'],
    ['a mapping that holds itself', 'a: &x { b: *x }'],
    ['two mappings that hold each other', 'a: &x { b: &y { c: *x } }\nd: *y'],
  ])('refuses a cycle: %s', (_label, text) => {
    expect(formatted(read(text))).toEqual(['fleet.yaml: YAML aliases form a cycle']);
  });

  it('refuses many aliases of one scalar', () => {
    // 150 005 nodes from 8 written ones: the root, 4 keys and values, the list, its first item.
    const text = lines(...HEAD, `services: [&s a, ${Array(150_000).fill('*s').join(', ')}]`);
    expect(formatted(read(text))).toEqual([
      'fleet.yaml: YAML aliases expand 8 written nodes beyond 100000 nodes; refusing to read further',
    ]);
  });

  it('accepts shared anchors within the limits, with every alias expanded to the same value', () => {
    const slos = '[{ name: availability, target: 99.9, current: 99.95 }]';
    const services = Array.from({ length: 50 }, (_, i) =>
      i === 0
        ? `  - { name: s0, team: &t platform, slos: &slos ${slos} }`
        : `  - { name: s${i}, team: *t, slos: *slos }`,
    );
    const result = read(lines(...HEAD, 'services:', ...services));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.fleet.services).toHaveLength(50);
    expect(new Set(result.fleet.services.map((s) => JSON.stringify(s.slos)))).toEqual(
      new Set([JSON.stringify([{ name: 'availability', target: 99.9, current: 99.95 }])]),
    );
    expect(result.fleet.services.every((s) => s.team === 'platform')).toBe(true);
  });

  it('accepts a * inside strings and comments, where it is no alias', () => {
    const text = lines(...HEAD, 'services: # *all* of them', '  - { name: a, team: "*/5 * * * *" }');
    expect(read(text)).toEqual({
      ok: true,
      fleet: { apiVersion: 'pt/v1', kind: 'Fleet', services: [{ name: 'a', team: '*/5 * * * *' }] },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Aliases read as the copies they stand for: a fleet with shared parts, which `dump` writes as
// anchors and aliases, reads the same as the fleet written out in full, valid or not.

const SLO = fc.record({
  name: fc.constantFrom('availability', 'latency', 'errors'),
  target: fc.constantFrom(95, 99, 99.9, 100),
  current: fc.constantFrom(98, 99.5, 100),
});
/** Parts that services share by reference, so that the dumped YAML has anchors and aliases. */
const SHARED = fc.record({
  slos: fc.uniqueArray(SLO, { selector: (slo) => slo.name, maxLength: 3 }),
  reliability: fc.record({
    uptimePct: fc.constantFrom(99.5, 99.9, 100),
    mttrMinutes: fc.nat(100),
    incidents30d: fc.nat(6),
    changeFailureRatePct: fc.constantFrom(0, 15, 30),
  }),
  facts: fc.dictionary(fc.constantFrom('language', 'tier', 'oncall'), fc.oneof(fc.string(), fc.boolean())),
});
const SERVICE = fc.record(
  {
    team: fc.constantFrom('platform', 'payments'),
    slos: fc.nat(3),
    reliability: fc.nat(3),
    facts: fc.nat(3),
  },
  { requiredKeys: ['team'] },
);
/** Breaks a valid fleet value in one place, or leaves it alone. */
const FAULT = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  fc.record({
    at: fc.nat(),
    key: fc.constantFrom('name', 'team', 'tier', 'slos', 'reliability', 'x', '__proto__', 'constructor'),
    value: fc.constantFrom(-1, 'Bad Name', '', null, [], {}, Infinity, 'svc-0'),
  }),
);
const FLEET_VALUE = fc
  .tuple(fc.array(SHARED, { minLength: 1, maxLength: 4 }), fc.array(SERVICE, { maxLength: 12 }), FAULT)
  .map(([shared, specs, fault]) => {
    const pick = (i: number) => shared[i % shared.length] ?? expect.unreachable();
    const services: Record<string, unknown>[] = specs.map(({ slos, reliability, facts, ...rest }, i) => ({
      name: `svc-${i}`,
      ...rest,
      ...(slos === undefined ? {} : { slos: pick(slos).slos }),
      ...(reliability === undefined ? {} : { reliability: pick(reliability).reliability }),
      ...(facts === undefined ? {} : { facts: pick(facts).facts }),
    }));
    const target = fault === undefined ? undefined : services[fault.at % services.length];
    if (fault !== undefined && target !== undefined) {
      Object.defineProperty(target, fault.key, { value: fault.value, enumerable: true, writable: true });
    }
    return { apiVersion: 'pt/v1', kind: 'Fleet', services };
  });

const withoutLines = (result: FleetParseResult) =>
  result.ok ? result : result.issues.map(({ line: _line, column: _column, ...issue }) => issue);

describe('aliases within the limits', () => {
  it('read the same as the copies they stand for', () => {
    fc.assert(
      fc.property(FLEET_VALUE, (fleet) => {
        const aliased = dump(fleet);
        const written = dump(fleet, { noRefs: true });
        expect(withoutLines(read(aliased))).toEqual(withoutLines(read(written)));
      }),
      { numRuns: 300 },
    );
  });
});
