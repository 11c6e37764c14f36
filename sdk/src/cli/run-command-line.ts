import { readFileSync } from 'node:fs';
import { FiksError, isFiksError } from '../errors/fiks-error.js';
import { closestName } from './closest-name.js';
import { commandHelp, EXIT_CODES, programHelp } from './command-help.js';
import type { CommandSpec, ExitCodeMeaning } from './command-spec.js';
import { describeFailure } from './failure-line.js';
import { parseCommandArguments } from './parse-command-arguments.js';

/** Settings of {@link runCommandLine}. */
export interface CommandLine {
  /** The program's name, as typed and as it prefixes every failure line. */
  scriptName: string;
  commands: readonly CommandSpec<never>[];
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
  /** The exit codes beyond 0, 1 and 64 (or other meanings of those), for the `--help`. */
  exitCodes?: readonly ExitCodeMeaning[];
  argv?: readonly string[];
}

/** The version field of a package.json; `FILE_UNREADABLE` names the file when it cannot be read. */
function packageVersion(packageJson: URL): string {
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

/** True when the user asked for stacks: `--debug` on the command line or `DEBUG` set (not 0). */
function debugWanted(argv: readonly string[]): boolean {
  const env = process.env.DEBUG;
  return argv.includes('--debug') || (env !== undefined && env !== '' && env !== '0' && env !== 'false');
}

/** What the words after the program's name ask for, with the command they name. */
function chosenCommand(commandLine: CommandLine, argv: readonly string[]): CommandSpec<never> | undefined {
  const { scriptName, commands } = commandLine;
  const first = argv.find((word) => word !== '--debug');
  if (first === undefined || first === '-h' || first === '--help' || first === '--version') return undefined;
  const command = commands.find((c) => c.name === first);
  if (command !== undefined) return command;
  const names = commands.map((c) => c.name);
  if (first.startsWith('-'))
    throw new FiksError(
      'USAGE',
      `Name a command (${names.join(', ')}) before ${first}; ${scriptName} --help lists them.`,
    );
  const near = closestName(first, names);
  throw new FiksError(
    'USAGE',
    `Unknown command ${JSON.stringify(first)}${near === undefined ? '' : ` (did you mean ${near}?)`}; the commands are ${names.join(', ')} (${scriptName} --help).`,
  );
}

/** Runs the command (or prints the help or version) the words ask for. */
async function dispatch(commandLine: CommandLine, argv: readonly string[]): Promise<void> {
  const { scriptName, commands, exitCodes = [] } = commandLine;
  const command = chosenCommand(commandLine, argv);
  if (command === undefined) {
    if (argv.includes('--version')) {
      process.stdout.write(`${packageVersion(commandLine.packageJson)}\n`);
      return;
    }
    process.stdout.write(programHelp(scriptName, commands, exitCodes));
    if (!argv.includes('-h') && !argv.includes('--help')) process.exitCode = EXIT_CODES.usage;
    return;
  }
  const words = argv.slice(argv.indexOf(command.name) + 1);
  await runCommand(`${scriptName} ${command.name}`, command, words, exitCodes);
}

/** Prints the command's help, or runs it with the words parsed. */
async function runCommand(
  invocation: string,
  command: CommandSpec<never>,
  words: readonly string[],
  exitCodes: readonly ExitCodeMeaning[],
): Promise<void> {
  const parsed = parseCommandArguments(command, words, invocation);
  if (parsed.help) {
    process.stdout.write(commandHelp(invocation, command, exitCodes));
    return;
  }
  await (command.run as (args: Record<string, unknown>) => void | Promise<void>)(parsed.args);
}

/**
 * Runs a toolkit command line (`fiks-io`, `fiks-io-emulator`, `reference-erp`, `fiks-conformance`)
 * the same way: strict parsing of each command's declared flags, `-h`/`--help` with the exit
 * codes, `--version` from the package's own package.json, the help on no arguments (exit 64), and
 * every failure as one line on stderr, `<name>: CODE: message`, with a non-zero exit code (the
 * stack only with `--debug` or `DEBUG=1`). Unexpected errors become `INTERNAL_ERROR`, usage
 * errors `USAGE` (exit 64).
 */
export async function runCommandLine(commandLine: CommandLine): Promise<void> {
  const argv = commandLine.argv ?? process.argv.slice(2);
  await reportingFailures(commandLine.scriptName, argv, commandLine.exitCodeOf, () =>
    dispatch(commandLine, argv),
  );
}

/** Settings of {@link runSingleCommand}. */
export interface SingleCommandLine {
  /** The program's name, as typed and as it prefixes every failure line. */
  scriptName: string;
  /** What the program does; its `name` is not typed (the program is the command). */
  command: CommandSpec<never>;
  /** As in {@link CommandLine}. */
  exitCodeOf?: (error: FiksError) => number;
  argv?: readonly string[];
}

/**
 * Runs a program that is one command (`generate [options]`): its flags parsed, `-h`/`--help`
 * with the exit codes, and every failure as one line `<name>: CODE: message`, as
 * {@link runCommandLine} does for a program of several commands.
 */
export async function runSingleCommand(commandLine: SingleCommandLine): Promise<void> {
  const { scriptName, command } = commandLine;
  const argv = commandLine.argv ?? process.argv.slice(2);
  await reportingFailures(scriptName, argv, commandLine.exitCodeOf, () =>
    runCommand(scriptName, command, argv, command.exitCodes ?? []),
  );
}

/** Runs `work`; a failure becomes one line on stderr and the exit code. */
async function reportingFailures(
  scriptName: string,
  argv: readonly string[],
  exitCodeOf: (error: FiksError) => number = () => EXIT_CODES.failure,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const failure = isFiksError(error) ? error : describeFailure(error);
    process.stderr.write(`${scriptName}: ${failure.code}: ${failure.message.replaceAll('\n', ' ')}\n`);
    if (debugWanted(argv)) process.stderr.write(`${stackOf(error)}\n`);
    process.exitCode = failure.code === 'USAGE' ? EXIT_CODES.usage : exitCodeOf(failure);
  }
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
