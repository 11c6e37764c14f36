import { readFileSync } from 'node:fs';
import yargs, { type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { FiksError, isFiksError } from '../errors/fiks-error.js';
import { describeFailure } from './failure-line.js';

/** The exit codes every toolkit command line shares (a program may add its own, such as 2 and 3). */
export const EXIT_CODES = { ok: 0, failure: 1, usage: 64 } as const;

/** One row of a program's exit-code table, shown in its `--help`. */
export interface ExitCodeMeaning {
  code: number;
  meaning: string;
}

/** Settings of {@link runCommandLine}. */
export interface CommandLine {
  /** The program's name, as typed and as it prefixes every failure line. */
  scriptName: string;
  // biome-ignore lint/suspicious/noExplicitAny: yargs command modules differ in their argument types
  commands: readonly CommandModule<any, any>[];
  /**
   * The program's package.json, for `--version` (a URL relative to the calling module, so that it
   * resolves from the sources and from the built files alike).
   */
  packageJson: URL;
  /**
   * The exit code of a failure (default: 64 for `USAGE`, 1 for everything else). A `USAGE` failure
   * always exits 64.
   */
  exitCodeOf?: (error: FiksError) => number;
  /** The exit codes beyond 0, 1 and 64 (or other meanings of those), for the `--help` epilogue. */
  exitCodes?: readonly ExitCodeMeaning[];
  argv?: readonly string[];
}

/** The version field of a package.json; `FILE_UNREADABLE` names the file when it cannot be read. */
export function packageVersion(packageJson: URL): string {
  try {
    const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown };
    if (typeof version === 'string' && version !== '') return version;
  } catch (cause) {
    throw new FiksError('FILE_UNREADABLE', `Could not read the version from ${packageJson.pathname}.`, {
      cause,
    });
  }
  throw new FiksError('FILE_UNREADABLE', `${packageJson.pathname} names no version.`);
}

/** The `--help` epilogue: the exit codes, and how to see a failure's stack. */
function epilogue(extra: readonly ExitCodeMeaning[]): string {
  const shared: ExitCodeMeaning[] = [
    { code: EXIT_CODES.ok, meaning: 'done' },
    { code: EXIT_CODES.failure, meaning: 'failure (one line on stderr: "<program>: CODE: message")' },
    { code: EXIT_CODES.usage, meaning: 'usage error (unknown command or flag, bad flag value); no command' },
  ];
  const rows = [...shared.filter((row) => !extra.some((e) => e.code === row.code)), ...extra].sort(
    (a, b) => a.code - b.code,
  );
  return [
    'Exit codes:',
    ...rows.map(({ code, meaning }) => `  ${String(code).padStart(2)}  ${meaning}`),
    '',
    'Without a command the help is printed (exit 64). --debug or DEBUG=1 adds the stack to a failure.',
  ].join('\n');
}

/** True when the user asked for stacks: `--debug` on the command line or `DEBUG` set (not 0). */
function debugWanted(argv: readonly string[]): boolean {
  const env = process.env.DEBUG;
  return argv.includes('--debug') || (env !== undefined && env !== '' && env !== '0' && env !== 'false');
}

/**
 * Runs a toolkit command line (`fiks-io`, `fiks-io-emulator`, `reference-erp`, `fiks-conformance`)
 * the same way: strict yargs parsing, `-h`/`--help` with the exit codes in its epilogue,
 * `--version` from the package's own package.json, the help on no arguments (exit 64), and every
 * failure as one line on stderr, `<name>: CODE: message`, with a non-zero exit code (the stack
 * only with `--debug` or `DEBUG=1`). Unexpected errors become `INTERNAL_ERROR`, usage errors
 * `USAGE` (exit 64).
 */
export async function runCommandLine(commandLine: CommandLine): Promise<void> {
  const { scriptName, commands, exitCodeOf = () => EXIT_CODES.failure } = commandLine;
  const argv = commandLine.argv === undefined ? hideBin(process.argv) : [...commandLine.argv];
  const names = commands.map((c) => String(c.command ?? '').split(' ')[0] ?? '').filter((n) => n !== '');
  let parser = yargs(argv).scriptName(scriptName);
  for (const command of commands) parser = parser.command(command);
  parser = parser
    .usage(`Usage: ${scriptName} <command> [options]`)
    .demandCommand(1, `Name a command (${names.join(', ')}); ${scriptName} --help lists them.`)
    .recommendCommands()
    .strict()
    .option('debug', { type: 'boolean', global: true, describe: 'On failure, also print the stack' })
    .exitProcess(false)
    .fail((message, error) => {
      // yargs reports its own findings, and a `coerce` that throws, as a YError with the message.
      if (error === undefined || error === null || error.name === 'YError')
        throw usageError(message ?? error?.message ?? 'usage error', argv, names, scriptName);
      throw error;
    })
    .help()
    .alias('help', 'h')
    .epilogue(epilogue(commandLine.exitCodes ?? []))
    .wrap(Math.min(100, process.stdout.columns ?? 100));
  try {
    parser = parser.version(packageVersion(commandLine.packageJson));
    if (argv.length === 0) {
      process.stdout.write(`${await parser.getHelp()}\n`);
      process.exitCode = EXIT_CODES.usage;
      return;
    }
    await parser.parseAsync();
  } catch (error) {
    const failure = isFiksError(error) ? error : describeFailure(error);
    process.stderr.write(`${scriptName}: ${failure.code}: ${failure.message.replaceAll('\n', ' ')}\n`);
    if (debugWanted(argv)) process.stderr.write(`${stackOf(error)}\n`);
    process.exitCode = failure.code === 'USAGE' ? EXIT_CODES.usage : exitCodeOf(failure);
  }
}

/** A `USAGE` failure; an unknown first word is named as an unknown command. */
function usageError(message: string, argv: readonly string[], names: readonly string[], scriptName: string) {
  const first = argv[0];
  if (first !== undefined && !first.startsWith('-') && !names.includes(first))
    return new FiksError(
      'USAGE',
      `Unknown command ${JSON.stringify(first)}; the commands are ${names.join(', ')} (${scriptName} --help).`,
    );
  return new FiksError('USAGE', message);
}

/** The stack of an error and of each of its causes. */
function stackOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth += 1) {
    parts.push(current instanceof Error ? (current.stack ?? String(current)) : String(current));
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined) parts.push('caused by:');
  }
  return parts.join('\n');
}
