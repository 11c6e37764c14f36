import type { CommandSpec, ExitCodeMeaning, OptionSpec } from './command-spec.js';

/** The exit codes every toolkit command line shares (a program may add its own, such as 2 and 3). */
export const EXIT_CODES = { ok: 0, failure: 1, usage: 64 } as const;

const SHARED_EXIT_CODES: readonly ExitCodeMeaning[] = [
  { code: EXIT_CODES.ok, meaning: 'done' },
  { code: EXIT_CODES.failure, meaning: 'failure (one line on stderr: "<program>: CODE: message")' },
  { code: EXIT_CODES.usage, meaning: 'usage error (unknown command or flag, bad flag value)' },
];

const WIDTH = 100;

/** The words of `text` in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return line === '' ? lines : [...lines, line];
}

/** Two columns: each term, then its text wrapped beside it. */
function table(rows: readonly [string, string][]): string[] {
  const left = Math.min(34, Math.max(...rows.map(([term]) => term.length)) + 2);
  return rows.flatMap(([term, text]) => {
    const [first = '', ...rest] = wrap(text, Math.max(30, WIDTH - left - 2));
    const head =
      term.length + 2 > left
        ? [`  ${term}`, `  ${' '.repeat(left)}${first}`]
        : [`  ${term.padEnd(left)}${first}`];
    return [...head, ...rest.map((line) => `  ${' '.repeat(left)}${line}`)];
  });
}

function exitCodeTable(extra: readonly ExitCodeMeaning[]): string[] {
  const rows = [...SHARED_EXIT_CODES.filter((row) => !extra.some((e) => e.code === row.code)), ...extra];
  rows.sort((a, b) => a.code - b.code);
  const lines = rows.flatMap(({ code, meaning }) =>
    wrap(meaning, WIDTH - 6).map(
      (line, index) => `  ${index === 0 ? String(code).padStart(2) : '  '}  ${line}`,
    ),
  );
  return ['Exit codes:', ...lines];
}

const DEBUG_NOTE = '--debug or DEBUG=1 adds the stack to a failure.';

function commandSynopsis(invocation: string, command: CommandSpec<never>): string {
  const positionals = (command.positionals ?? []).map((p) => {
    const name = p.variadic === true ? `${p.name}..` : p.name;
    return p.required === true ? `<${name}>` : `[${name}]`;
  });
  return [invocation, ...positionals].join(' ');
}

function optionTerm(name: string, spec: OptionSpec): string {
  if (spec.type === 'boolean') return spec.default === true ? `--[no-]${name}` : `--${name}`;
  const placeholder = spec.placeholder ?? spec.choices?.join('|') ?? (spec.type === 'number' ? 'N' : 'VALUE');
  return spec.valueIfBare === undefined ? `--${name} ${placeholder}` : `--${name} [${placeholder}]`;
}

function optionText(spec: OptionSpec): string {
  const notes: string[] = [];
  if (spec.required === true) notes.push('required');
  if (spec.repeatable === true) notes.push('repeatable');
  if (spec.default !== undefined && spec.type !== 'boolean') notes.push(`default: ${String(spec.default)}`);
  return notes.length === 0 ? spec.describe : `${spec.describe} [${notes.join('; ')}]`;
}

/** The help of a whole program: its commands, its own flags and its exit codes. */
export function programHelp(
  program: string,
  commands: readonly CommandSpec<never>[],
  exitCodes: readonly ExitCodeMeaning[],
): string {
  return [
    `Usage: ${program} <command> [options]`,
    '',
    'Commands:',
    ...table(commands.map((c) => [commandSynopsis(`${program} ${c.name}`, c), c.describe])),
    '',
    'Options:',
    ...table([
      ['-h, --help', 'Show the help (of a command: <command> --help)'],
      ['--version', 'Show the version'],
      ['--debug', 'On failure, also print the stack'],
    ]),
    '',
    ...exitCodeTable(exitCodes),
    '',
    `Without a command the help is printed (exit 64). ${DEBUG_NOTE}`,
    '',
  ].join('\n');
}

/**
 * The help of one command (`invocation`: how it is typed, `fiks-io seal`, or the program's name
 * alone for a program that is one command): its synopsis, arguments, flags and exit codes.
 */
export function commandHelp(
  invocation: string,
  command: CommandSpec<never>,
  programExitCodes: readonly ExitCodeMeaning[],
): string {
  const positionals = command.positionals ?? [];
  const options = Object.entries(command.options ?? {});
  return [
    `Usage: ${commandSynopsis(invocation, command)}${options.length > 0 ? ' [options]' : ''}`,
    '',
    ...wrap(command.describe, WIDTH),
    ...(positionals.length === 0
      ? []
      : [
          '',
          'Arguments:',
          ...table(
            positionals.map((p) => [p.name, p.required === true ? `${p.describe} [required]` : p.describe]),
          ),
        ]),
    '',
    'Options:',
    ...table([
      ...options.map(([name, spec]): [string, string] => [optionTerm(name, spec), optionText(spec)]),
      ['-h, --help', 'Show this help'],
      ['--debug', 'On failure, also print the stack'],
    ]),
    ...(command.epilogue === undefined ? [] : ['', ...wrap(command.epilogue, WIDTH)]),
    '',
    ...exitCodeTable(command.exitCodes ?? programExitCodes),
    '',
  ].join('\n');
}
