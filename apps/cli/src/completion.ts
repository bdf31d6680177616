import type { OptionSpec } from './command.js';
import { argChoices, type CommandNode } from './command-tree.js';
import { GLOBAL_OPTIONS } from './options.js';

/** The shells `pt completion` writes a script for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** What a script needs of one node: words that may come next, options, and their fixed values. */
interface Place {
  /** `slo budget`; empty for `pt` itself. */
  readonly key: string;
  /** The subcommands that may follow. */
  readonly subcommands: readonly string[];
  /** Subcommands, and the fixed values of the next positional argument (`bash zsh fish`). */
  readonly words: readonly string[];
  /** Every spelling of every option: `--format`, `-f`, `--help`, `-h`, the global ones. */
  readonly flags: readonly string[];
  /** The spellings of the options that take a value. */
  readonly valued: readonly string[];
  /** Per option with fixed values (from its `choices`): its spellings and those values. */
  readonly choices: readonly { readonly flags: readonly string[]; readonly values: readonly string[] }[];
  /** Whether a file may come next (a positional argument without fixed values). */
  readonly files: boolean;
  /** Each option once: its long name, short letter, whether it takes a value, its fixed values. */
  readonly options: readonly {
    readonly long: string;
    readonly short?: string;
    readonly valued: boolean;
    readonly values?: readonly string[];
  }[];
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'Show help', streamable: false };
const VERSION: OptionSpec = { type: 'boolean', short: 'v', description: 'Print the version', streamable: false };

const spellings = (name: string, o: OptionSpec) => [`--${name}`, ...(o.short === undefined ? [] : [`-${o.short}`])];

function place(node: CommandNode): Place {
  const own = node.path.length === 0 ? { help: HELP, version: VERSION } : { ...node.options, help: HELP };
  const options = Object.entries({ ...own, ...GLOBAL_OPTIONS } as Record<string, OptionSpec>);
  const next = argChoices(node.args[0]);
  const key = node.path.join(' ');
  if (!/^[a-z0-9 .-]*$/.test(key)) throw new Error(`command name unfit for a completion script: ${key}`);
  return {
    key,
    subcommands: node.subcommands,
    words: [...new Set([...node.subcommands, ...next])],
    flags: options.flatMap(([name, o]) => spellings(name, o)),
    valued: options.filter(([, o]) => o.type === 'string').flatMap(([name, o]) => spellings(name, o)),
    choices: options
      .filter(([, o]) => o.type === 'string' && (o.choices ?? o.completions) !== undefined)
      .map(([name, o]) => ({ flags: spellings(name, o), values: o.choices ?? o.completions ?? [] })),
    files: node.args.length > 0 && next.length === 0,
    options: options.map(([name, o]) => ({
      long: name,
      ...(o.short === undefined ? {} : { short: o.short }),
      valued: o.type === 'string',
      ...((o.choices ?? o.completions) === undefined ? {} : { values: o.choices ?? o.completions }),
    })),
  };
}

/** Words of the registry are `[a-z0-9.:-]`; quoted anyway, so a script can never be broken by one. */
const sq = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/** The bash functions, also zsh's through its bash completion layer. */
function bashFunctions(places: readonly Place[]): string {
  const nodeCases = places.map(
    (p) =>
      `    ${sq(p.key)}) _pt_subs=${sq(p.subcommands.join(' '))}; _pt_words=${sq(p.words.join(' '))}; _pt_flags=${sq(p.flags.join(' '))};` +
      ` _pt_valued=${sq(p.valued.join(' '))}; _pt_files=${p.files ? 1 : 0} ;;`,
  );
  const valueCases = places.flatMap((p) =>
    p.choices.map(
      (c) => `    ${c.flags.map((f) => sq(`${p.key}|${f}`)).join('|')}) _pt_choices=${sq(c.values.join(' '))} ;;`,
    ),
  );
  return `# What may follow the words "$1" of a pt command line.
_pt_node() {
  case "$1" in
${nodeCases.join('\n')}
    *) _pt_subs=''; _pt_words=''; _pt_flags=''; _pt_valued=''; _pt_files=1 ;;
  esac
}

# The fixed values of option "$2" at "$1"; fails when it has none (any value, e.g. a file).
_pt_values() {
  case "$1|$2" in
${valueCases.join('\n')}
    *) return 1 ;;
  esac
}

_pt() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path='' word option='' i
  _pt_node ''
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case "$word" in
      --) break ;;
      -*)
        # An option that takes a value: skip its value ("--format json" or "--format = json").
        if [[ " $_pt_valued " == *" $word "* ]]; then
          if [[ "\${COMP_WORDS[i + 1]}" == '=' ]]; then ((i += 2)); else ((i += 1)); fi
        fi
        ;;
      *)
        if [[ " $_pt_subs " == *" $word "* ]]; then
          path="\${path:+$path }$word"
          _pt_node "$path"
        fi
        ;;
    esac
  done
  COMPREPLY=()
  if [[ "$cur" == '=' ]]; then
    option="\${COMP_WORDS[COMP_CWORD - 1]}"
    cur=''
  elif ((COMP_CWORD >= 2)) && [[ "\${COMP_WORDS[COMP_CWORD - 1]}" == '=' ]]; then
    option="\${COMP_WORDS[COMP_CWORD - 2]}"
  elif ((COMP_CWORD >= 1)); then
    option="\${COMP_WORDS[COMP_CWORD - 1]}"
  fi
  if [[ "$option" == -* && " $_pt_valued " == *" $option "* ]]; then
    # Fixed values, else nothing here: the shell then completes file names.
    if _pt_values "$path" "$option"; then
      COMPREPLY=($(compgen -W "$_pt_choices" -- "$cur"))
    fi
    return 0
  fi
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$_pt_flags" -- "$cur"))
    return 0
  fi
  COMPREPLY=($(compgen -W "$_pt_words" -- "$cur"))
  if ((\${#COMPREPLY[@]} == 0 && _pt_files == 0)) && type compopt >/dev/null 2>&1; then
    compopt +o default
  fi
  return 0
}
`;
}

function bashScript(places: readonly Place[]): string {
  return `# pt completion for bash. Load it in ~/.bashrc with:
#   source <(pt completion bash)
${bashFunctions(places)}
complete -o default -F _pt pt
`;
}

function zshScript(places: readonly Place[]): string {
  return `#compdef pt
# pt completion for zsh, through zsh's bash completion layer (bashcompinit). Load it in ~/.zshrc with:
#   source <(pt completion zsh)
if ! (( $+functions[compdef] )); then
  autoload -U +X compinit && compinit
fi
autoload -U +X bashcompinit && bashcompinit
${bashFunctions(places)}
complete -o default -F _pt pt
`;
}

function fishScript(places: readonly Place[]): string {
  const cases = (pick: (p: Place) => readonly string[]) =>
    places
      .filter((p) => pick(p).length > 0)
      .map((p) => `        case ${sq(p.key)}\n            printf '%s\\n' ${pick(p).map(sq).join(' ')}`)
      .join('\n');
  const lines: string[] = [];
  for (const p of places) {
    // Keys are command names (`slo budget`): safe inside double quotes, checked in `place`.
    const at = `"__pt_at '${p.key}'"`;
    if (p.words.length > 0) lines.push(`complete -c pt -n ${at} -f -a ${sq(p.words.join(' '))}`);
    else if (!p.files) lines.push(`complete -c pt -n ${at} -f`);
    for (const o of p.options) {
      const short = o.short === undefined ? '' : ` -s ${o.short}`;
      const takes = !o.valued ? '' : o.values === undefined ? ' -r' : ` -x -a ${sq(o.values.join(' '))}`;
      lines.push(`complete -c pt -n ${at} -l ${o.long}${short}${takes}`);
    }
  }
  return `# pt completion for fish. Load it with:
#   pt completion fish | source
# or save it as ~/.config/fish/completions/pt.fish

# The subcommands that may follow the words "$argv[1]".
function __pt_subs
    switch "$argv[1]"
${cases((p) => p.subcommands)}
    end
end

# The options at "$argv[1]" that take a value.
function __pt_valued
    switch "$argv[1]"
${cases((p) => p.valued)}
    end
end

# The subcommand words of the command line so far ("slo budget"), options and their values skipped.
function __pt_path
    set -l words (commandline -opc)
    set -e words[1]
    set -l path ''
    set -l skip 0
    for word in $words
        if test $skip = 1
            set skip 0
            continue
        end
        if string match -q -- '-*' $word
            if contains -- $word (__pt_valued "$path")
                set skip 1
            end
            continue
        end
        if contains -- $word (__pt_subs "$path")
            set path (string trim -- "$path $word")
        end
    end
    printf '%s\\n' "$path"
end

function __pt_at
    test "$(__pt_path)" = "$argv[1]"
end

complete -c pt -e
${lines.join('\n')}
`;
}

/** The completion script for a shell, from the command tree (options and their `choices` as registered). */
export function completionScript(shell: Shell, nodes: readonly CommandNode[]): string {
  const places = nodes.map(place);
  return shell === 'bash' ? bashScript(places) : shell === 'zsh' ? zshScript(places) : fishScript(places);
}
