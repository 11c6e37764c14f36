import yargs, { type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { FiksError, isFiksError } from '../errors/fiks-error.js';

/** Settings of {@link runCommandLine}. */
export interface CommandLine {
  /** The program's name, as typed and as it prefixes every failure line. */
  scriptName: string;
  // biome-ignore lint/suspicious/noExplicitAny: yargs command modules differ in their argument types
  commands: readonly CommandModule<any, any>[];
  /** The exit code of a failure (default 1). */
  exitCodeOf?: (error: FiksError) => number;
  argv?: readonly string[];
}

/**
 * Runs a toolkit command line (`fiks-io`, `fiks-io-emulator`, `reference-erp`) the same way:
 * strict yargs parsing, and every failure as one line on stderr, `<name>: CODE: message`, with a
 * non-zero exit code. Unexpected errors become `INTERNAL_ERROR`, usage errors `USAGE`.
 */
export async function runCommandLine(commandLine: CommandLine): Promise<void> {
  const { scriptName, commands, exitCodeOf = () => 1 } = commandLine;
  let parser = yargs(
    commandLine.argv === undefined ? hideBin(process.argv) : [...commandLine.argv],
  ).scriptName(scriptName);
  for (const command of commands) parser = parser.command(command);
  try {
    await parser
      .demandCommand(1, 'Name a command.')
      .strict()
      .exitProcess(false)
      .fail((message, error) => {
        throw error ?? new FiksError('USAGE', message);
      })
      .help()
      .parseAsync();
  } catch (error) {
    const failure = isFiksError(error)
      ? error
      : new FiksError('INTERNAL_ERROR', error instanceof Error ? error.message : String(error));
    process.stderr.write(`${scriptName}: ${failure.code}: ${failure.message.replaceAll('\n', ' ')}\n`);
    process.exitCode = exitCodeOf(failure);
  }
}
