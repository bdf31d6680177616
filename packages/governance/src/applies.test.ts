import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appliesToCondition, describeAppliesTo, scorecardApplies } from './applies.js';
import { evaluateCondition } from './condition.js';
import { failBelowProblem, governanceCheck, isBelowLevel, renderGovernanceCheck } from './fleet-check.js';
import { scorecardRows } from './render.js';
import type { Scorecard } from './scorecard-schema.js';
import { DEFAULT_SCORECARD, parseScorecard } from './scorecard.js';
import { scoreService, scoreServiceOnEach, toServiceScorecard, type GovernedService } from './service.js';
import { governanceVerdict } from './verdict.js';

/** A scorecard file's text with `appliesTo` (YAML flow) and two rules. */
const cardText = (name: string, appliesTo: string | null, [low, high] = ['bronze', 'silver']) => `apiVersion: pt/v1
kind: Scorecard
name: ${name}
${appliesTo === null ? '' : `appliesTo: ${appliesTo}\n`}levels: [${low}, ${high}]
rules:
  - { id: owned, title: Has an owner, level: ${low}, condition: { fact: ownership, equals: true } }
  - { id: documented, title: Documented, level: ${high}, condition: { fact: documentation, equals: true } }
`;

const card = (name: string, appliesTo: string | null, levels?: [string, string]): Scorecard => {
  const parsed = parseScorecard(cardText(name, appliesTo, levels), `${name}.yaml`);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
  return parsed.scorecard;
};

const SERVICES: readonly GovernedService[] = [
  {
    name: 'playback-order',
    team: 'guest',
    tier: 1,
    governance: { ownership: true },
    facts: { type: 'service', lifecycle: 'production' },
  },
  {
    name: 'www-artist',
    team: 'team-a',
    governance: { ownership: true, documentation: true },
    facts: { type: 'website', lifecycle: 'production' },
  },
  { name: 'artist-lookup', team: 'team-a', facts: { type: 'service', lifecycle: 'experimental' } },
  { name: 'batch', team: 'platform' },
];

const SERVICES_CARD = card('services', '{ type: service, lifecycle: [production] }');
const WEBSITES_CARD = card('websites', '{ type: website }', ['basic', 'good']);
const BASELINE = card('baseline', null);

describe('appliesTo in a scorecard file', () => {
  it.each([
    ['{ type: service }', { fact: 'type', in: ['service'] }],
    [
      '{ tier: [1, 2], team: payments }',
      {
        all: [
          { fact: 'tier', in: [1, 2] },
          { fact: 'team', in: ['payments'] },
        ],
      },
    ],
    [
      '{ lifecycle: production, condition: { fact: owner, matches: "^group:" } }',
      {
        all: [
          { fact: 'lifecycle', in: ['production'] },
          { fact: 'owner', matches: '^group:' },
        ],
      },
    ],
  ])('%s is the condition %j', (appliesTo, condition) => {
    const parsed = card('x', appliesTo);
    expect(parsed.appliesTo).toBeDefined();
    if (parsed.appliesTo !== undefined) expect(appliesToCondition(parsed.appliesTo)).toEqual(condition);
  });

  it.each([
    ['{}', 'appliesTo: must name at least one of tier, type, lifecycle, team, condition'],
    ['{ tier: 4 }', 'appliesTo.tier: must be a tier 1-3, got 4'],
    ['{ tier: [1, 1.5] }', 'appliesTo.tier[1]: must be an integer, got 1.5'],
    ['{ type: [] }', 'appliesTo.type: must not be empty'],
    ['{ lifecycle: 3 }', 'appliesTo.lifecycle: must be a non-empty string or a non-empty list of them, got 3'],
    [
      '{ condition: { fact: tier, above: 1 } }',
      'appliesTo.condition: must be a condition: {fact, present|absent|equals|in|gt|gte|lt|lte|matches} or {all|any|not}',
    ],
  ])('refuses appliesTo %s, located', (appliesTo, message) => {
    const parsed = parseScorecard(cardText('x', appliesTo), 'x.yaml');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.issues.map((i) => `${i.file}:${i.line} ${i.path}: ${i.message}`)).toEqual([`x.yaml:4 ${message}`]);
  });

  it('refuses a key that names no selector', () => {
    const parsed = parseScorecard(cardText('x', '{ kind: Component }'), 'x.yaml');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.message)).toContain('unknown key');
  });

  it('is described in a few words', () => {
    expect(describeAppliesTo(SERVICES_CARD.appliesTo)).toBe('type service; lifecycle production');
    expect(describeAppliesTo(undefined)).toBe('every service');
    expect(describeAppliesTo({ tier: [1, 2], condition: { fact: 'pci', equals: true } })).toBe(
      'tier 1, 2; condition {"fact":"pci","equals":true}',
    );
  });
});

describe('scorecardApplies', () => {
  it.each([
    ['playback-order', { type: 'service', lifecycle: 'production' }, true, 'all 2 conditions hold'],
    [
      'artist-lookup',
      { type: 'service', lifecycle: 'experimental' },
      false,
      'lifecycle is "experimental", expected one of "production"',
    ],
    ['a website', { type: 'website', lifecycle: 'production' }, false, 'type is "website", expected one of "service"'],
    ['no type', {}, false, 'type is absent, expected one of "service"'],
  ])('%s: %j → %s', (_, facts, passed, reason) => {
    expect(scorecardApplies(SERVICES_CARD, facts)).toEqual({ passed, reason });
  });

  it('a scorecard without appliesTo applies to every service; with one, exactly when its condition holds', () => {
    const value = fc.oneof(
      fc.constantFrom<string>('service', 'website', 'production', 'experimental'),
      fc.integer({ min: 1, max: 3 }),
    );
    const facts = fc.dictionary(fc.constantFrom('type', 'tier', 'lifecycle', 'team'), value);
    fc.assert(
      fc.property(facts, (f) => {
        expect(scorecardApplies(BASELINE, f).passed).toBe(true);
        const expected = f['type'] === 'service' && f['lifecycle'] === 'production';
        expect(scorecardApplies(SERVICES_CARD, f).passed).toBe(expected);
        if (SERVICES_CARD.appliesTo !== undefined)
          expect(evaluateCondition(appliesToCondition(SERVICES_CARD.appliesTo), f).passed).toBe(expected);
      }),
    );
  });
});

describe('a service scored by every scorecard that applies', () => {
  const options = { scorecards: [SERVICES_CARD, WEBSITES_CARD, BASELINE] };
  const scored = (name: string) =>
    scoreServiceOnEach(SERVICES.find((s) => s.name === name) ?? { name, team: 'x' }, options);

  it.each([
    ['playback-order', ['services', 'baseline']],
    ['www-artist', ['websites', 'baseline']],
    ['artist-lookup', ['baseline']],
    ['batch', []],
  ])('%s is scored by %j', (name, cards) => {
    expect(scored(name).map((r) => r.scorecard)).toEqual(cards);
  });

  it('scoreService gives null when the one scorecard does not apply', () => {
    const [playback, website] = SERVICES;
    if (playback === undefined || website === undefined) throw new Error('fixture');
    expect(scoreService(website, { scorecard: SERVICES_CARD })).toBeNull();
    expect(scoreService(playback, { scorecard: SERVICES_CARD })?.level).toBe('bronze');
  });

  it('counts the failed rules of every applicable scorecard in the verdict, named by scorecard', () => {
    const verdict = governanceVerdict(scored('playback-order'));
    expect(verdict.failed.map((r) => `${r.scorecard}/${r.rule}`)).toEqual([
      'services/documented',
      'baseline/documented',
    ]);
    expect(verdict.status).toBe('needs_review');
    expect(verdict.points).toBe(1);
  });
});

describe('governanceCheck with several scorecards and --fail-below', () => {
  const services = SERVICES.map((s) => {
    const results = scoreServiceOnEach(s, { scorecards: [SERVICES_CARD, WEBSITES_CARD, BASELINE] });
    return {
      name: s.name,
      scorecard: results[0] ?? null,
      scorecards: results,
      scorable: s.governance !== undefined || s.facts !== undefined,
    };
  });
  const check = governanceCheck(services, {
    scorecards: [SERVICES_CARD, WEBSITES_CARD, BASELINE],
    failBelow: 'silver',
  });

  it('has one part per scorecard: its services, the ones appliesTo leaves out, the roll-up', () => {
    expect(check.scorecards?.map((c) => [c.scorecard, c.services.map((s) => s.service), c.notApplicable])).toEqual([
      ['services', ['playback-order'], ['www-artist', 'artist-lookup']],
      ['websites', ['www-artist'], ['playback-order', 'artist-lookup']],
      ['baseline', ['playback-order', 'www-artist', 'artist-lookup'], []],
    ]);
    expect(check.unscored).toEqual(['batch']);
    expect(check.scorecard).toBe('services');
    expect(check.scorecards?.[1]?.fleet.levels).toEqual({ basic: 0, good: 1, none: 0 });
  });

  it('lists every service below the level on a scorecard that has it, and the scorecards without it', () => {
    expect(check.failBelow).toEqual({
      level: 'silver',
      below: [
        { service: 'playback-order', scorecard: 'services', level: 'bronze' },
        { service: 'playback-order', scorecard: 'baseline', level: 'bronze' },
        { service: 'artist-lookup', scorecard: 'baseline', level: null },
      ],
      notGated: ['websites'],
    });
    const text = renderGovernanceCheck(check);
    expect(text).toContain('Scorecard websites: 1 service scored\n  applies to: type website\n');
    expect(text).toContain('  not scored (appliesTo leaves out): www-artist, artist-lookup\n');
    expect(text).toContain(
      'Below silver (--fail-below): 3\n  playback-order: services bronze\n  playback-order: baseline bronze\n  artist-lookup: baseline none\n  not gated (no level silver): websites\n',
    );
  });

  it('keeps the one-scorecard shape: no scorecards list', () => {
    const one = governanceCheck(
      services.map((s) => ({ name: s.name, scorecard: s.scorecards.find((r) => r.scorecard === 'baseline') ?? null })),
      { scorecard: BASELINE },
    );
    expect(one.scorecards).toBeUndefined();
    expect(one.failBelow).toBeUndefined();
    expect(one.appliesTo).toBe('every service');
    expect(one.unscored).toEqual(['batch']);
  });

  it.each([
    ['silver', [BASELINE, WEBSITES_CARD], null],
    ['good', [BASELINE, WEBSITES_CARD], null],
    ['platinum', [BASELINE, WEBSITES_CARD], 'unknown level "platinum"; levels are bronze, silver, basic, good'],
    ['Gold', [DEFAULT_SCORECARD], 'unknown level "Gold"; levels are bronze, silver, gold'],
  ])('--fail-below %s over %#: %s', (level, cards, problem) => {
    expect(failBelowProblem(cards, level)).toBe(problem);
  });

  it.each([
    [null, 'bronze', true],
    ['bronze', 'bronze', false],
    ['bronze', 'silver', true],
    ['silver', 'bronze', false],
    ['gold', 'silver', false],
    ['bronze', 'platinum', false],
  ])('level %s below %s: %s', (reached, wanted, below) => {
    expect(isBelowLevel(DEFAULT_SCORECARD, reached, wanted)).toBe(below);
  });
});

describe('scorecardRows', () => {
  it('gives one row per service and scorecard, expired waivers named', () => {
    const results = scoreServiceOnEach(
      { name: 'p', team: 't', governance: { ownership: false, documentation: true } },
      {
        scorecards: [BASELINE, WEBSITES_CARD, DEFAULT_SCORECARD],
        waivers: [{ rule: 'owned', service: 'p', reason: 'r', expires: '2026-01-01' }],
        at: '2026-02-01',
      },
    );
    expect(scorecardRows([{ name: 'p', scorecards: results.map(toServiceScorecard) }, { name: 'q' }])).toEqual([
      ['p', 'baseline', 'none', '50', 'owned (waiver expired 2026-01-01)', '-'],
      // websites does not apply (no type); the default scorecard has no rule "owned".
      ['p', 'default', 'none', '20', 'runbook, monitoring, ownership, incident_response', '-'],
    ]);
  });
});
