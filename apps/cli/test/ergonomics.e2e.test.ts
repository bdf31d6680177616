/**
 * Everyday use of the built `pt`: typo suggestions, shell completion, --quiet and --no-color,
 * --fail-on / --fail-below checks (exit 1) and the one JSON error format of `--format json`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingTool, skipWithout, toolRuns } from '../../../test-env.js';
import {
  ANSI_CSI,
  CLI_DIR,
  EXAMPLE_YAML,
  expectNoCrash,
  itWithDir,
  makeTempDir,
  runPt,
  type RunResult,
} from './run-cli.js';

/** Exit 2, nothing on stdout, exactly one line on stderr. */
function expectOneLineUsage(r: RunResult, line: string): void {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expectNoCrash(r);
  expect(r.stderr).toBe(`pt: ${line}\n`);
}

describe.concurrent('typos: the nearest command, subcommand, option or value, in one line, exit 2', () => {
  it.each([
    [['reprot', EXAMPLE_YAML], 'unknown command "reprot"; did you mean "report"?'],
    [['valdiate'], 'unknown command "valdiate"; did you mean "validate"?'],
    [['gov'], 'unknown command "gov"; did you mean "governance"?'],
    [['report', EXAMPLE_YAML, '--fromat', 'json'], 'unknown option "--fromat" of pt report; did you mean "--format"?'],
    [
      ['report', EXAMPLE_YAML, '--fail-no', 'critical'],
      'unknown option "--fail-no" of pt report; did you mean "--fail-on"?',
    ],
    [['demo', '--quite'], 'unknown option "--quite" of pt demo; did you mean "--quiet"?'],
    [['--verison'], 'unknown option "--verison"; did you mean "--version"?'],
    [
      ['slo', 'budgte', 'x.yaml'],
      'unknown slo subcommand "budgte"; expected validate, budget, alerts, rules, status; did you mean "slo budget"?',
    ],
    [
      ['cost', 'sumary', 'x.csv'],
      'unknown cost command "sumary" (use summary, anomalies or validate); did you mean "cost summary"?',
    ],
    [['governance', 'chek'], 'unknown command "governance chek"; did you mean "governance check"?'],
    [['dora', 'improt', 'git'], 'unknown command "dora improt"; did you mean "dora import"?'],
    [
      ['dora', 'import', 'gti'],
      'unknown importer "dora import gti" (use git, github, pagerduty or opsgenie); did you mean "dora import git"?',
    ],
    [['completion', 'bahs'], 'no completion for shell "bahs" (use bash, zsh or fish); did you mean "bash"?'],
  ])('pt %j', async (args, line) => {
    expectOneLineUsage(await runPt(args), line);
  });

  it('a value off by a letter names the right one (and the usual hint follows)', async () => {
    const r = await runPt(['report', EXAMPLE_YAML, '--format', 'jsno']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'pt: --format must be one of table, json, markdown, html; got "jsno"; did you mean "json"?\n' +
        "Run 'pt report --help' for usage.\n",
    );
  });

  it('nothing close: no guess, the hint instead (never Node\'s own text about "--")', async () => {
    const r = await runPt(['report', EXAMPLE_YAML, '--frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('pt: unknown option "--frobnicate" of pt report\nRun \'pt report --help\' for usage.\n');
    expect(r.stderr).not.toContain("'--'");
  });

  it("an option without its value, in pt's words", async () => {
    const r = await runPt(['report', EXAMPLE_YAML, '--format']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("pt: --format needs a value\nRun 'pt report --help' for usage.\n");
  });

  it('a file that exists is never taken for a typo of a subcommand (pt dora <events…>)', async ({ expect }) => {
    const dir = makeTempDir();
    try {
      dir.file('impor', '');
      const r = await runPt(['dora', 'impor', '--at', '2026-11-28'], { cwd: dir.path });
      expect(r.stderr).not.toContain('did you mean');
    } finally {
      dir.cleanup();
    }
  });
});

/** A `pt` on PATH (a shell script running the built binary), for the shells to complete. */
function ptOnPath(dir: string): Record<string, string> {
  const bin = join(dir, 'pt');
  writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${join(CLI_DIR, 'bin', 'pt.js')}" "$@"\n`);
  chmodSync(bin, 0o755);
  return { PATH: `${dir}:${process.env['PATH'] ?? ''}` };
}

/** The report options' formats, from the registry: what completion must offer for --format. */
const REPORT_FORMATS = ['table', 'json', 'markdown', 'html'];

describe('pt completion bash', () => {
  /** The script, written once; each case sources it. */
  const scriptDir = makeTempDir();
  const scriptFile = join(scriptDir.path, 'pt.bash');
  writeFileSync(
    scriptFile,
    spawnSync(process.execPath, [join(CLI_DIR, 'bin', 'pt.js'), 'completion', 'bash'], { encoding: 'utf8' }).stdout,
  );
  afterAll(() => scriptDir.cleanup());

  /** Runs the completion function on a command line; the last word is the one being completed. */
  function complete(words: readonly string[]): string[] {
    const dir = makeTempDir();
    try {
      const env = ptOnPath(dir.path);
      const script = [
        `source '${scriptFile}'`,
        `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})`,
        'COMP_CWORD=$((${#COMP_WORDS[@]} - 1))',
        '_pt',
        'printf "%s\\n" "${COMPREPLY[@]}"',
      ].join('\n');
      const run = spawnSync('bash', ['-c', script], { env: { ...process.env, ...env }, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      return run.stdout.split('\n').filter((l) => l !== '');
    } finally {
      dir.cleanup();
    }
  }

  it('registers the function: complete -p pt after sourcing', () => {
    const dir = makeTempDir();
    try {
      const env = ptOnPath(dir.path);
      const run = spawnSync('bash', ['-c', 'source <(pt completion bash) && complete -p pt'], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toBe('complete -o default -F _pt pt\n');
    } finally {
      dir.cleanup();
    }
  });

  it.each([
    [['pt', 'rep'], ['report']],
    [
      ['pt', ''],
      [
        'report',
        'validate',
        'demo',
        'diff',
        'history',
        'schema',
        'config',
        'slo',
        'cost',
        'dora',
        'governance',
        'completion',
      ],
    ],
    [
      ['pt', 'slo', ''],
      ['validate', 'budget', 'alerts', 'rules', 'status'],
    ],
    [['pt', 'slo', 'budget', 'a.yaml', '--fail'], ['--fail-on']],
    [
      ['pt', 'slo', 'status', '--fail-on', ''],
      ['exhausted', 'page'],
    ],
    [['pt', 'report', 'fleet.yaml', '--format', ''], REPORT_FORMATS],
    [['pt', 'report', 'fleet.yaml', '--format', '=', 'm'], ['markdown']],
    [['pt', 'report', '-f', 'j'], ['json']],
    [
      ['pt', 'report', '--fail-on', ''],
      ['degraded', 'critical', 'unknown'],
    ],
    [
      ['pt', 'cost', 'summary', 'a.csv', '--engine', ''],
      ['stream', 'duckdb'],
    ],
    [
      ['pt', 'cost', 'summary', 'a.csv', '--by', ''],
      ['service', 'team', 'month', 'day', 'category', 'charge-category', 'service-name', 'tag:'],
    ],
    [
      ['pt', 'dora', 'events.jsonl', '--by', ''],
      ['service', 'team'],
    ],
    [
      ['pt', 'dora', '--fail-below', ''],
      ['elite', 'high', 'medium'],
    ],
    [
      ['pt', 'dora', 'import', ''],
      ['git', 'github', 'pagerduty', 'opsgenie'],
    ],
    [
      ['pt', 'dora', 'import', 'git', '--dep'],
      ['--deploy-tags', '--deploy-branch'],
    ],
    [['pt', 'governance', 'check', 'f.yaml', '--by', ''], ['team']],
    [
      ['pt', 'completion', ''],
      ['bash', 'zsh', 'fish'],
    ],
    [['pt', 'demo', '--no'], ['--no-color']],
    [['pt', 'report', '--team', 'slo', ''], []], // "slo" is --team's value, not the slo command: files
  ])('%j → %j', (words, expected) => {
    expect(complete(words)).toEqual(expected);
  });

  it('every subcommand and every option of the registry is offered somewhere', async () => {
    const { commandTree } = await import('../src/command-tree.js');
    const { COMMANDS } = await import('../src/commands/index.js');
    for (const node of await commandTree(COMMANDS)) {
      const offered = complete(['pt', ...node.path, '--']);
      for (const name of Object.keys(node.options)) expect(offered).toContain(`--${name}`);
      expect(offered).toContain('--quiet');
      if (node.subcommands.length > 0)
        expect(complete(['pt', ...node.path, ''])).toEqual(expect.arrayContaining([...node.subcommands]));
    }
  });
});

const INSTALL = 'apt-get install zsh fish';
const shells = toolRuns('zsh') && toolRuns('fish');
// CI installs both (.ci/run): there, a missing one fails each test below, by name, not a skip.
const skipShells = skipWithout('zsh and fish', shells, INSTALL);

describe.skipIf(skipShells)('pt completion zsh and fish', () => {
  it('zsh: the script parses, registers pt, and its function offers the subcommands', () => {
    if (!toolRuns('zsh')) throw missingTool('zsh', INSTALL);
    const dir = makeTempDir();
    try {
      const env = { ...process.env, ...ptOnPath(dir.path), HOME: dir.path };
      writeFileSync(join(dir.path, 'pt.zsh'), spawnSync('pt', ['completion', 'zsh'], { env, encoding: 'utf8' }).stdout);
      expect(spawnSync('zsh', ['-n', join(dir.path, 'pt.zsh')], { encoding: 'utf8' }).status).toBe(0);
      const script = [
        'source pt.zsh',
        'print -r -- "comps: $_comps[pt]"',
        'emulate sh -c \'COMP_WORDS=(pt slo ""); COMP_CWORD=2; _pt; printf "%s\\n" "${COMPREPLY[@]}"\'',
      ].join('\n');
      const run = spawnSync('zsh', ['-f', '-c', script], { env, cwd: dir.path, encoding: 'utf8' });
      expect(run.stdout.split('\n').filter((l) => l !== '')).toEqual([
        'comps: _bash_complete -o default -F _pt',
        'validate',
        'budget',
        'alerts',
        'rules',
        'status',
      ]);
    } finally {
      dir.cleanup();
    }
  });

  it.each([
    ['pt rep', ['report']],
    ['pt slo ', ['alerts', 'budget', 'rules', 'status', 'validate']],
    ['pt slo budget --fail-on ', ['exhausted', 'page']],
    ['pt report fleet.yaml --format ', [...REPORT_FORMATS].sort()],
    ['pt cost summary a.csv --engine ', ['duckdb', 'stream']],
    ['pt dora import ', ['git', 'github', 'opsgenie', 'pagerduty']],
    ['pt report --team slo ', ['fish/', 'pt']], // "slo" is --team's value: file names follow (those of this folder)
  ])('fish: complete -C %j', (line, expected) => {
    if (!toolRuns('fish')) throw missingTool('fish', INSTALL);
    const dir = makeTempDir();
    try {
      const env = { ...process.env, ...ptOnPath(dir.path), HOME: dir.path, XDG_CONFIG_HOME: dir.path };
      const run = spawnSync(
        'fish',
        ['--no-config', '-c', `pt completion fish | source; complete -C '${line}' | string replace -r '\\t.*' ''`],
        { env, cwd: dir.path, encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(
        run.stdout
          .split('\n')
          .filter((l) => l !== '')
          .sort(),
      ).toEqual(expected);
    } finally {
      dir.cleanup();
    }
  });
});

describe.concurrent('--quiet and --no-color, anywhere on the line', () => {
  it('--quiet drops warnings and notes; the result is the same', async () => {
    const loud = await runPt(['report', EXAMPLE_YAML, '--team', 'nobody']);
    const quiet = await runPt(['report', EXAMPLE_YAML, '--quiet', '--team', 'nobody']);
    expect(loud.stderr).toBe('pt: warning: no service belongs to team "nobody"\n');
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(loud.stdout);
    expect(quiet.status).toBe(0);
  });

  itWithDir('--quiet drops "wrote … to"; errors are still printed', async ({ dir }) => {
    const wrote = await runPt(['demo', '--out', 'r.txt'], { cwd: dir.path });
    expect(wrote.stderr).toBe('pt: wrote table report to r.txt\n');
    const quiet = await runPt(['--quiet', 'demo', '--out', 'r2.txt'], { cwd: dir.path });
    expect(quiet.stderr).toBe('');
    expect(readFileSync(join(dir.path, 'r2.txt'), 'utf8')).toBe(readFileSync(join(dir.path, 'r.txt'), 'utf8'));
    const failed = await runPt(['report', 'missing.yaml', '--quiet'], { cwd: dir.path });
    expect(failed.status).toBe(2);
    expect(failed.stderr).toBe('pt: cannot read missing.yaml: no such file\n');
  });

  it('--no-color wins over FORCE_COLOR, as NO_COLOR does', async () => {
    const forced = await runPt(['demo'], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain(ANSI_CSI);
    const plain = await runPt(['demo', '--no-color'], { env: { FORCE_COLOR: '1' } });
    expect(plain.stdout).not.toContain(ANSI_CSI);
    expect(plain.stdout).toBe((await runPt(['demo'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout);
  });

  it('help lists both as global options', async () => {
    for (const args of [['--help'], ['report', '--help'], ['slo', '--help']]) {
      const r = await runPt(args);
      expect(r.stdout).toContain('Global options');
      expect(r.stdout).toMatch(/--quiet +No progress, notes or warnings on stderr/);
      expect(r.stdout).toMatch(/--no-color +No colour/);
    }
  });
});

/** The SLO example with its SLI data, the last hour's bad events set to `share` of the total. */
function sloWithBadHour(dir: string, share: number): string[] {
  const csv = readFileSync(join(CLI_DIR, '../../examples/slo/data/api-gateway-availability.csv'), 'utf8');
  const lines = csv.trimEnd().split('\n');
  const last = lines.length - 12;
  const changed = lines.map((line, i) => {
    if (i === 0 || i < last) return line;
    const [t, , total] = line.split(',');
    return `${t},${Math.round(Number(total) * share)},${total}`;
  });
  writeFileSync(join(dir, 'api-gateway-availability.csv'), `${changed.join('\n')}\n`);
  return [
    'slo',
    'budget',
    join(CLI_DIR, '../../examples/slo/api-gateway.yaml'),
    '--data',
    'api-gateway-availability.csv',
  ];
}

describe.concurrent('--fail-on and --fail-below: exit 1 after the result, as pt report does', () => {
  it.each([
    // share of bad events in the last hour → --fail-on exhausted, --fail-on page
    [0, 0, 0],
    [0.03, 0, 1], // burning 30× the budget for an hour: pages, budget still left
    [0.3, 1, 1], // the budget is gone
  ])('pt slo budget, last hour %f bad: exhausted → %i, page → %i', async (share, exhausted, page) => {
    const dir = makeTempDir();
    try {
      const args = sloWithBadHour(dir.path, share);
      const plain = await runPt(args, { cwd: dir.path });
      expect(plain.status).toBe(0);
      for (const [failOn, code] of [
        ['exhausted', exhausted],
        ['page', page],
      ] as const) {
        const r = await runPt([...args, '--fail-on', failOn], { cwd: dir.path });
        expect(r.status).toBe(code);
        expect(r.stdout).toBe(plain.stdout);
        expect(r.stderr).toBe(
          code === 0
            ? ''
            : `pt: --fail-on ${failOn}: 1 objective matched: api-gateway-availability (99.9% of requests succeed)\n`,
        );
      }
    } finally {
      dir.cleanup();
    }
  });

  it('--fail-on is refused by the slo subcommands that do not check it', async () => {
    const r = await runPt(['slo', 'validate', '../../examples/slo/api-gateway.yaml', '--fail-on', 'page']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("pt: --fail-on is for 'pt slo budget' and 'pt slo status' only\n");
  });

  const SAMPLE = '../../packages/cost/test/fixtures/focus/focus_sample.csv';
  it.each([
    [20, 1],
    [21, 0],
  ])('pt cost summary on the FOCUS sample (20.52 USD) with a budget of %i: exit %i', async (monthly, code) => {
    const dir = makeTempDir();
    try {
      dir.file(
        'cost.yaml',
        `allocation:\n  patterns:\n    - { field: SubAccountId, match: "*", service: api }\nbudgets:\n  services:\n    api: { monthly: ${monthly} }\n`,
      );
      const args = ['cost', 'summary', join(CLI_DIR, SAMPLE), '--cost-config', 'cost.yaml'];
      const plain = await runPt(args, { cwd: dir.path });
      const r = await runPt([...args, '--fail-on', 'over-budget'], { cwd: dir.path });
      expect(r.status).toBe(code);
      expect(r.stdout).toBe(plain.stdout);
      expect(r.stderr).toBe(
        code === 0 ? '' : 'pt: --fail-on over-budget: 1 budget matched: service api (102.6% of 20 USD in 2024-09)\n',
      );
    } finally {
      dir.cleanup();
    }
  });

  it('pt cost summary --fail-on over-budget without any budget says so, exit 0', async () => {
    const r = await runPt(['cost', 'summary', SAMPLE, '--fail-on', 'over-budget']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      'pt: note: --fail-on over-budget: no budget to check (budgets in --cost-config, or budgetMonthly in a --fleet file)\n',
    );
  });

  it.each([
    ['medium', 1, 'payments (low)'],
    ['high', 4, 'billing (medium), ledger (medium), payments (low), search-indexer (medium)'],
  ])('pt dora --fail-below %s: %i services below', async (level, n, names) => {
    const args = ['dora', '../../examples/events/events.jsonl', '--at', '2026-11-28T00:00:00Z'];
    const plain = await runPt(args);
    const r = await runPt([...args, '--fail-below', level]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(plain.stdout);
    expect(r.stderr).toBe(`pt: --fail-below ${level}: ${n} service${n === 1 ? '' : 's'} matched: ${names}\n`);
  });

  it('pt dora --fail-below by team judges teams', async () => {
    const args = ['dora', '../../examples/events/events.jsonl', '--at', '2026-11-28T00:00:00Z', '--by', 'team'];
    const args2 = [...args, '--fleet', EXAMPLE_YAML, '--fail-below', 'elite'];
    const r = await runPt(args2);
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/^pt: --fail-below elite: \d+ teams? matched: /);
  });
});

interface ErrorJson {
  error: {
    code: string;
    message: string;
    location?: { file: string; line?: number; path?: string };
    issues?: { code: string; message: string; location: { file: string; line?: number; path?: string } }[];
    details?: string[];
    hint?: string;
  };
}

/** Exactly one JSON object on one line of stderr. */
function errorOf(r: RunResult): ErrorJson {
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  return JSON.parse(r.stderr) as ErrorJson;
}

describe.concurrent('--format json: an error is one JSON object on stderr', () => {
  itWithDir('an invalid fleet: code, message, the location and every issue', async ({ dir }) => {
    dir.file(
      'bad.yaml',
      'apiVersion: pt/v1\nkind: Fleet\nservices:\n  - name: a\n    team: t\n    slos:\n      - { name: x, target: 1000, current: 1 }\n',
    );
    const r = await runPt(['report', 'bad.yaml', '--format', 'json'], { cwd: dir.path });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(errorOf(r)).toEqual({
      error: {
        code: 'E_INVALID',
        message: 'bad.yaml is not a valid fleet file (1 problem)',
        location: { file: 'bad.yaml', line: 7, column: 20, path: 'services[0].slos[0].target' },
        issues: [
          {
            code: 'E_SCHEMA',
            severity: 'error',
            message: 'must be <= 100, got 1000',
            location: { file: 'bad.yaml', line: 7, column: 20, path: 'services[0].slos[0].target' },
          },
        ],
      },
    });
  });

  it.each([
    [['report', 'missing.yaml', '--format', 'json'], 'E_INPUT', 'cannot read missing.yaml: no such file', 2],
    [
      ['report', EXAMPLE_YAML, '--format=json', '--fromat', 'x'],
      'E_USAGE',
      'unknown option "--fromat" of pt report; did you mean "--format"?',
      2,
    ],
    [
      ['report', EXAMPLE_YAML, '-f', 'json', '--fail-on', 'critical'],
      'E_CHECK_FAILED',
      '--fail-on critical: 2 service(s) matched: payments, checkout',
      1,
    ],
    [
      [
        'dora',
        '../../examples/events/events.jsonl',
        '--at',
        '2026-11-28',
        '--format',
        'json',
        '--fail-below',
        'medium',
      ],
      'E_CHECK_FAILED',
      '--fail-below medium: 1 service matched: payments (low)',
      1,
    ],
  ])('pt %j → %s', async (args, code, message, status) => {
    const r = await runPt(args);
    expect(r.status).toBe(status);
    const { error } = errorOf(r);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  it('a run that works keeps its notes as text', async () => {
    const r = await runPt(['report', EXAMPLE_YAML, '--format', 'json', '--team', 'nobody']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('pt: warning: no service belongs to team "nobody"\n');
  });

  it('the text error is unchanged without --format json', async () => {
    const r = await runPt(['report', 'missing.yaml']);
    expect(r.stderr).toBe('pt: cannot read missing.yaml: no such file\n');
  });
});
