/** One flag of a command, `--name VALUE` (or `--name` alone for a boolean). */
export interface OptionSpec {
  /** What the value is: text as typed, a number, or a boolean (`--flag`, `--no-flag`, `--flag=false`). */
  type: 'string' | 'number' | 'boolean';
  /** One line for the help. */
  describe: string;
  /** The flag must be given. */
  required?: boolean;
  /** The value when the flag is not given (passed through `coerce` like a given one). */
  default?: string | number | boolean;
  /** The flag may be repeated; the command gets the values as a list. */
  repeatable?: boolean;
  /** The only values a string flag takes. */
  choices?: readonly string[];
  /** The value of a string flag named without one (`--dashboard` alone); without it a value is required. */
  valueIfBare?: string;
  /** Another flag this one is useless without: naming this one alone is a usage error. */
  requires?: string;
  /**
   * Checks and converts the value (after the type's own conversion); it throws a `USAGE`
   * `FiksError` naming the flag when the value is wrong (see `integerInRange`).
   */
  coerce?: (value: never) => unknown;
  /** The value's name in the help (`--out FILE`); default `N` for numbers, `VALUE` for text. */
  placeholder?: string;
}

/** One positional argument of a command. */
export interface PositionalSpec {
  name: string;
  describe: string;
  /** It must be given (for a variadic one: at least one value). */
  required?: boolean;
  /** It takes every remaining argument, as a list (only the last positional may be). */
  variadic?: boolean;
}

/** One row of a program's exit-code table, shown in its `--help`. */
export interface ExitCodeMeaning {
  code: number;
  meaning: string;
}

/**
 * One command of a toolkit command line: its name, what it does, its arguments and flags, and what
 * it runs. The parsed arguments reach `run` under each flag's own name (`'answer-file'`) and its
 * camel-case twin (`answerFile`).
 */
export interface CommandSpec<Args = Record<string, unknown>> {
  name: string;
  /** One line for the program's command list and the command's help. */
  describe: string;
  positionals?: readonly PositionalSpec[];
  options?: Readonly<Record<string, OptionSpec>>;
  /** The command's own exit codes, replacing the program's table in the command's `--help`. */
  exitCodes?: readonly ExitCodeMeaning[];
  /** Text shown at the end of the command's `--help`. */
  epilogue?: string;
  /** Does the command's work with the parsed arguments; a thrown error becomes the failure line. */
  run: (args: Args) => void | Promise<void>;
}

/**
 * Declares a command; the identity, there to check `run`'s argument type against the declaration
 * once, where the command is written.
 */
export function defineCommand<Args>(spec: CommandSpec<Args>): CommandSpec<Args> {
  return spec;
}
