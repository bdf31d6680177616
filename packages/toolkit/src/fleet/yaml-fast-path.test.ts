/**
 * `parseFleet` reads YAML with js-yaml `loadAll` and clears aliases from the loaded value; only a
 * failed validation (or an alias guard the value alone cannot clear) pays for js-yaml's event
 * stream. These tests pin the guard and check the fast path against the located one, which keeps
 * the events from the start (what `parseFleet` did for every input before).
 */
import fc from 'fast-check';
import { dump, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { formatIssue } from './issues.js';
import { parseFleet, parseYamlFleetLocated, type FleetParseResult } from './parse.js';

const LIMITS = { maxAliasExpansion: 10, maxDepth: 64 };
const FILE = 'fleet.yaml';

const fast = (text: string, maxAliasExpansion = 10) => parseFleet(text, { filename: FILE, maxAliasExpansion });
const located = (text: string, maxAliasExpansion = 10) =>
  parseYamlFleetLocated(text, FILE, { ...LIMITS, maxAliasExpansion });
const formatted = (result: FleetParseResult) => (result.ok ? result : result.issues.map(formatIssue));

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

/** `wide` scalars written once, aliased `times` times: (wide + 1) × times nodes from wide + times written ones. */
function quadratic(wide: number, times: number): string {
  return lines(
    ...HEAD,
    'services: []',
    `x: &a [${Array.from({ length: wide }, (_, i) => `s${i}`).join(', ')}]`,
    `y: [${Array(times).fill('*a').join(', ')}]`,
  );
}

describe('js-yaml load shares one object among an anchor and its aliases', () => {
  it('so an alias bomb is cheap to load and only expensive to traverse', () => {
    const started = performance.now();
    const [value] = loadAll(billionLaughs()) as [Record<string, unknown[]>];
    expect(performance.now() - started).toBeLessThan(1000);
    expect(value['l9']?.[0]).toBe(value['l8']);
    expect(value['l9']?.[0]).toBe(value['l9']?.[9]);
  });
});

describe('the alias guard on the fast path', () => {
  it('refuses a billion-laughs bomb before validation, quickly, as the located path does', () => {
    const started = performance.now();
    const result = fast(billionLaughs());
    expect(performance.now() - started).toBeLessThan(2000);
    expect(formatted(result)).toEqual([
      'fleet.yaml: YAML aliases expand 31 written nodes beyond 100000 nodes; refusing to read further',
    ]);
    expect(result).toEqual(located(billionLaughs()));
  });

  it.each([
    // 6 + wide + times × (wide + 1) nodes expanded, from 11 + wide written ones (keys included).
    ['just under the floor', 99, 998, true], // 99 905 nodes
    ['just over the floor', 99, 1_000, false], // 100 105 nodes > 100 000
    ['over the floor, within 10× the written nodes', 20_000, 4, true], // 100 010 nodes ≤ 200 110
    ['over 10× the written nodes', 400, 1_000, false], // 401 406 nodes > 100 000 > 4 110
  ])('quadratic blow-up %s (%i scalars aliased %i times)', (_label, wide, times, accepted) => {
    const text = quadratic(wide, times);
    const result = fast(text);
    expect(result).toEqual(located(text));
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
    ['a sequence that holds itself', 'a: &x [*x]'],
    ['a mapping that holds itself', 'a: &x { b: *x }'],
    ['two mappings that hold each other', 'a: &x { b: &y { c: *x } }\nd: *y'],
  ])('refuses a cycle: %s', (_label, text) => {
    expect(formatted(fast(text))).toEqual(['fleet.yaml: YAML aliases form a cycle']);
    expect(fast(text)).toEqual(located(text));
  });

  it('refuses many aliases of one scalar, which the value cannot tell from written copies', () => {
    // 150 005 nodes from 8 written ones (keys included): the located path counts them and refuses.
    const text = lines(...HEAD, `services: [&s a, ${Array(150_000).fill('*s').join(', ')}]`);
    expect(formatted(fast(text))).toEqual([
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
    const result = fast(lines(...HEAD, 'services:', ...services));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.fleet.services).toHaveLength(50);
    expect(new Set(result.fleet.services.map((s) => JSON.stringify(s.slos)))).toEqual(
      new Set([JSON.stringify([{ name: 'availability', target: 99.9, current: 99.95 }])]),
    );
    expect(result.fleet.services.every((s) => s.team === 'platform')).toBe(true);
    expect(result).toEqual(located(lines(...HEAD, 'services:', ...services)));
  });

  it('accepts a * inside strings and comments, where it is no alias', () => {
    const text = lines(...HEAD, 'services: # *all* of them', '  - { name: a, team: "*/5 * * * *" }');
    expect(fast(text)).toEqual({
      ok: true,
      fleet: { apiVersion: 'pt/v1', kind: 'Fleet', services: [{ name: 'a', team: '*/5 * * * *' }] },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The fast path and the located path agree, on fleets with shared parts (which `dump` writes as
// anchors and aliases), on broken fleets and on broken text.

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
const FLEET_TEXT = fc
  .tuple(fc.array(SHARED, { minLength: 1, maxLength: 4 }), fc.array(SERVICE, { maxLength: 12 }), FAULT, fc.boolean())
  .map(([shared, specs, fault, noRefs]) => {
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
    return dump({ apiVersion: 'pt/v1', kind: 'Fleet', services }, { noRefs });
  });

/** Deletes, repeats or replaces a slice, with characters YAML cares about among the replacements. */
const BROKEN_TEXT = FLEET_TEXT.chain((text) =>
  fc
    .tuple(
      fc.nat(text.length),
      fc.nat(30),
      fc.constantFrom('delete', 'repeat', 'replace'),
      fc.string({ unit: fc.constantFrom('*', '&', 'a', ':', ' ', '\n', '-', '[', ']', '{', '}', '#', '"', '!') }),
    )
    .map(([at, length, how, insert]) => {
      const slice = text.slice(at, at + length);
      const rest = text.slice(at + length);
      if (how === 'delete') return text.slice(0, at) + rest;
      if (how === 'repeat') return text.slice(0, at) + slice + slice + rest;
      return text.slice(0, at) + insert + rest;
    }),
);

describe('the fast path agrees with the located path', () => {
  it('on generated fleets, valid or not, some with anchors and aliases', () => {
    fc.assert(
      fc.property(FLEET_TEXT, fc.integer({ min: 0, max: 10 }), (text, maxAliasExpansion) => {
        expect(fast(text, maxAliasExpansion)).toEqual(located(text, maxAliasExpansion));
      }),
      { numRuns: 300 },
    );
  });

  it('on generated fleets with broken text', () => {
    fc.assert(
      fc.property(BROKEN_TEXT, (text) => {
        expect(fast(text)).toEqual(located(text));
      }),
      { numRuns: 300 },
    );
  });

  it('on alias blow-ups around the limit, with stray * in comments', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 600 }),
        fc.nat(2_000),
        fc.integer({ min: 1, max: 12 }),
        (wide, times, stars, maxAliasExpansion) => {
          const text = `${quadratic(wide, times)}# ${'*'.repeat(stars)}\n`;
          expect(fast(text, maxAliasExpansion)).toEqual(located(text, maxAliasExpansion));
        },
      ),
      { numRuns: 60 },
    );
  });
});
