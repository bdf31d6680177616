import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../command.js';
import { COMMANDS } from '../commands/index.js';
import { mergeConfig } from './apply.js';
import { BINDINGS, COMMAND_SETTINGS, CONFIG_COMMANDS } from './bindings.js';
import { parseConfig, type LoadedConfig } from './load.js';
import { ConfigSchema } from './schema.js';

// Loaded as the CLI loads it: lazily.
const lib = await import('@pt/toolkit');

/** Every runnable command with the options it parses, by the name the config file knows it. */
async function runnable(): Promise<Map<string, Command>> {
  const found = new Map<string, Command>();
  const visit = async (command: Command): Promise<void> => {
    const { subcommands } = command;
    if (subcommands === undefined) found.set(command.name, command);
    else if (subcommands.options === 'shared') {
      for (const entry of subcommands.entries) found.set(`${command.name} ${entry.name}`, command);
    } else {
      for (const entry of subcommands.entries) await visit(await entry.load());
      if (subcommands.otherwise !== undefined) await visit(await subcommands.otherwise());
    }
  };
  for (const entry of COMMANDS) if (entry.name !== 'config') await visit(await entry.load());
  return found;
}

describe('the config file and the command registry', () => {
  it('a commands: section may name exactly the commands the file can give something to', async () => {
    const options = new Set([...BINDINGS.flatMap((b) => b.options), ...Object.values(COMMAND_SETTINGS)]);
    const takers = [...(await runnable())].filter(
      ([name, command]) =>
        Object.keys(command.options).some((o) => options.has(o)) || BINDINGS.some((b) => b.args?.[name] !== undefined),
    );
    expect(takers.map(([name]) => name).sort()).toEqual([...CONFIG_COMMANDS].sort());
    // Left out, as they take nothing from it (a broken config file must not stop 'pt schema config' or completion).
    const left = [...(await runnable()).keys()].filter((n) => !(CONFIG_COMMANDS as readonly string[]).includes(n));
    expect(left.sort()).toEqual(['completion', 'dora import git', 'schema']);
  });

  it('every option a key stands for is a string option of some command; every command it gives arguments to exists', async () => {
    const commands = [...(await runnable()).values()];
    const names = new Set(CONFIG_COMMANDS as readonly string[]);
    for (const binding of BINDINGS) {
      for (const option of binding.options) {
        const specs = commands.flatMap((c) => (c.options[option] === undefined ? [] : [c.options[option]]));
        // A boolean of the same name (`pt history --fleet`) is a flag of its own: apply.ts never fills it.
        const strings = specs.filter((s) => s?.type === 'string');
        expect(strings.length, `--${option}`).toBeGreaterThan(0);
        expect(specs.every((s) => s?.type === 'string' || (s?.type === 'boolean' && option === 'fleet'))).toBe(true);
        // A list goes to a repeated option or is joined into a comma list, never lost.
        if (binding.kind === 'paths' || binding.kind === 'data') {
          expect(
            strings.every((s) => s?.multiple === true || binding.join === true),
            `--${option}`,
          ).toBe(true);
        }
      }
      for (const name of Object.keys(binding.args ?? {})) expect(names.has(name), name).toBe(true);
    }
    for (const option of Object.values(COMMAND_SETTINGS)) {
      expect(commands.some((c) => c.options[option] !== undefined)).toBe(true);
    }
  });
});

describe('parseConfig', () => {
  it.each([
    ['an empty file', '', true],
    [
      'a full file',
      'fleet: f.yaml\nat: 2026-11-28\nslo:\n  files: [a.yaml]\ncommands:\n  report: { format: json }\n',
      true,
    ],
    ['JSON under a .json name', '{"fleet": "f.yaml"}', true],
  ])('accepts %s', (_what, text, ok) => {
    expect(parseConfig(lib, text, text.startsWith('{') ? 'pt.config.json' : 'pt.config.yaml').ok).toBe(ok);
  });

  it.each([
    ['an unknown key', 'fleet: f.yaml\nreliabilty:\n  window: 30d\n', ['pt.config.yaml:2 reliabilty: unknown key']],
    ['an unknown command', 'commands:\n  reprot: {}\n', ['pt.config.yaml:2 commands.reprot: unknown key']],
    ['a wrong type', 'slo:\n  timeout: soon\n', ['pt.config.yaml:2 slo.timeout: must be a number, got "soon"']],
    [
      'a comma in a comma-list path',
      'slo:\n  files:\n    - a.yaml\n    - b,c.yaml\n',
      ['pt.config.yaml:4 slo.files[1]: cannot contain a comma (the flag is a comma list), got "b,c.yaml"'],
    ],
    [
      'two sources of SLI data',
      'slo:\n  data: [a.csv]\n  prometheus: http://localhost:9090\n',
      ['pt.config.yaml:3 slo.prometheus: data and prometheus are two sources of SLI data: give one'],
    ],
    [
      'a closed value out of its choices',
      'cost:\n  engine: sqlite\n',
      ['pt.config.yaml:2 cost.engine: must be "stream" or "duckdb", got "sqlite"'],
    ],
  ])('refuses %s, located', (_what, text, expected) => {
    const result = parseConfig(lib, text, 'pt.config.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => lib.formatIssue(i))).toEqual(expected);
  });

  it('refuses a credential without echoing it, wherever it is', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('token', 'password', 'apiKey', 'bearerToken', 'secret', 'PROMETHEUS_PASSWORD'),
        fc.constantFrom<readonly string[]>([], ['slo'], ['commands', 'report']),
        fc.stringMatching(/^[A-Za-z0-9]{8,16}$/),
        (key, at, secret) => {
          let value: unknown = { [key]: secret };
          for (const part of [...at].reverse()) value = { [part]: value };
          const result = parseConfig(lib, JSON.stringify(value), 'pt.config.json');
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.issues).toHaveLength(1);
          expect(result.issues[0]?.path).toBe([...at, key].join('.'));
          expect(result.issues[0]?.message).toMatch(/^looks like a credential/);
          expect(JSON.stringify(result.issues)).not.toContain(secret);
        },
      ),
    );
  });

  it('refuses a Prometheus URL carrying a user and password', () => {
    const result = parseConfig(lib, 'slo:\n  prometheus: https://me:hunter22@prom.example\n', 'pt.config.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(lib.formatIssue(result.issues[0] ?? { code: 'E_SCHEMA', file: '', path: '', message: '' })).toMatch(
        /^pt\.config\.yaml:2 slo\.prometheus: must not carry a user or password/,
      );
    }
  });

  it('a value of the schema type always validates (generated configs)', () => {
    const word = fc.stringMatching(/^[a-z][a-z0-9/._-]{0,12}$/);
    fc.assert(
      fc.property(
        fc.record(
          {
            fleet: word,
            format: fc.constantFrom('table', 'json'),
            slo: fc.record({ files: fc.array(word, { minLength: 1, maxLength: 3 }), timeout: fc.integer({ min: 1 }) }),
            reliability: fc.record({
              events: fc.array(word, { minLength: 1, maxLength: 3 }),
              window: fc.constant('30d'),
            }),
          },
          { requiredKeys: [] },
        ),
        (config) => {
          expect(ConfigSchema.safeParse(config).success).toBe(true);
          const parsed = parseConfig(lib, JSON.stringify(config), 'pt.config.json');
          expect(parsed.ok).toBe(true);
          if (parsed.ok) expect(parsed.config).toEqual(config);
        },
      ),
    );
  });
});

describe('mergeConfig', () => {
  const REPORT: Command = {
    name: 'report',
    summary: '',
    args: ['<fleet>'],
    description: '',
    examples: [],
    options: {
      format: { type: 'string', streamable: true, choices: ['table', 'json', 'markdown', 'html'], description: '' },
      slo: { type: 'string', streamable: false, description: '' },
      'slo-data': { type: 'string', streamable: false, description: '' },
      prometheus: { type: 'string', streamable: false, description: '' },
      events: { type: 'string', streamable: false, multiple: true, description: '' },
    },
    run: () => Promise.resolve(0),
  };
  const load = (text: string, dir = '/repo'): LoadedConfig => {
    const result = parseConfig(lib, text, 'pt.config.yaml');
    if (!result.ok) throw new Error(result.issues.map((i) => lib.formatIssue(i)).join('\n'));
    return { file: 'pt.config.yaml', dir, config: result.config, where: result.where };
  };
  const FILE = load(
    [
      'fleet: fleet.yaml',
      'format: json',
      'slo:',
      '  files: [slo/a.yaml, slo/b.yaml]',
      '  data: [avail=data/a.csv]',
      'reliability:',
      '  events: [events.jsonl]',
      'commands:',
      '  report: { format: markdown, team: payments }',
    ].join('\n'),
  );
  const merge = (values: Record<string, string | string[]>, positionals: string[] = [], cwd = '/repo') =>
    mergeConfig(REPORT, 'report', { values, positionals, offset: 0 }, FILE, cwd);

  it('fills what the command line leaves out, paths from the file, shown from the working directory', () => {
    const merged = merge({}, [], '/repo/sub');
    expect(merged.positionals).toEqual(['../fleet.yaml']);
    expect(merged.values).toEqual({
      format: 'markdown',
      slo: '../slo/a.yaml,../slo/b.yaml',
      'slo-data': 'avail=../data/a.csv',
      events: ['../events.jsonl'],
    });
    expect(merged.sources['format']).toEqual({ kind: 'config', where: 'pt.config.yaml:9 commands.report.format' });
  });

  const TEAM = 'pt.config.yaml:9 commands.report.team: not used: pt report has no --team';
  const FLEET = 'pt.config.yaml:1 fleet: not used: the command line gives the arguments';
  it.each([
    [
      'a flag over the file',
      { format: 'html' },
      'html',
      [
        'pt.config.yaml:9 commands.report.format: not used: --format is given',
        TEAM,
        FLEET,
        'pt.config.yaml:2 format: not used: --format is given',
      ],
    ],
    [
      'the command section over the rest of the file',
      {},
      'markdown',
      // The top-level default is for the other commands: silently replaced by the command's own.
      [TEAM, FLEET],
    ],
  ])('precedence: %s, each value not used said', (_what, values, format, notes) => {
    const merged = merge(values, ['other.yaml']);
    expect(merged.values['format']).toBe(format);
    expect(merged.positionals).toEqual(['other.yaml']);
    expect(merged.notes).toEqual(notes);
  });

  it('a flag naming the other source of the same data leaves the file one out, said', () => {
    const merged = merge({ prometheus: 'http://localhost:9090' });
    expect(merged.values['slo-data']).toBeUndefined();
    expect(merged.notes).toContain('pt.config.yaml:5 slo.data: not used: --prometheus is given');
  });
});
