// The command-line options of the repository's scripts (`npm run generate`, `npm run
// lint:protocols`): `-h`/`--help` with the options and exit codes, and an unknown or malformed
// option as one line `name: USAGE: message` with exit 64.
import { parseArgs } from 'node:util';

/** One option of a script. */
export interface ScriptOption {
  type: 'string' | 'boolean';
  describe: string;
  /** The value's name in the help (`DIR`). */
  value?: string;
}

/** A script's name, what it does, its options and the meaning of its exit codes. */
export interface ScriptCommandLine<O extends Record<string, ScriptOption>> {
  name: string;
  summary: string;
  options: O;
  exitCodes: readonly { code: number; meaning: string }[];
  argv?: readonly string[];
}

type Values<O extends Record<string, ScriptOption>> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string;
};

/** The help text: usage, options, exit codes. */
export function scriptHelp(commandLine: ScriptCommandLine<Record<string, ScriptOption>>): string {
  const options = Object.entries(commandLine.options).map(([flag, option]) => {
    const left = `--${flag}${option.value === undefined ? '' : ` ${option.value}`}`;
    return `  ${left.padEnd(18)} ${option.describe}`;
  });
  const codes = [
    ...commandLine.exitCodes,
    { code: 64, meaning: 'usage error (unknown option, missing value)' },
  ];
  return [
    `Usage: ${commandLine.name} [options]`,
    '',
    commandLine.summary,
    '',
    'Options:',
    ...options,
    `  ${'-h, --help'.padEnd(18)} Show this help`,
    '',
    'Exit codes:',
    ...codes.map(({ code, meaning }) => `  ${String(code).padStart(2)}  ${meaning}`),
  ].join('\n');
}

/**
 * Parses the script's options; prints the help and returns undefined for `-h`/`--help`, prints a
 * one-line `USAGE` failure (exit code 64) and returns undefined for anything it does not take.
 */
export function parseScriptOptions<O extends Record<string, ScriptOption>>(
  commandLine: ScriptCommandLine<O>,
): Values<O> | undefined {
  const options = Object.fromEntries(
    Object.entries(commandLine.options).map(([flag, option]) => [flag, { type: option.type }]),
  );
  try {
    const { values } = parseArgs({
      args: commandLine.argv === undefined ? process.argv.slice(2) : [...commandLine.argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help === true) {
      process.stdout.write(`${scriptHelp(commandLine)}\n`);
      return undefined;
    }
    return values as Values<O>;
  } catch (error) {
    const message = (error as Error).message.replace(/\s+/g, ' ').trim();
    process.stderr.write(`${commandLine.name}: USAGE: ${message} (${commandLine.name} --help)\n`);
    process.exitCode = 64;
    return undefined;
  }
}
