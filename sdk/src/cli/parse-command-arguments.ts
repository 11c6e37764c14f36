import { FiksError } from '../errors/fiks-error.js';
import { closestName } from './closest-name.js';
import type { CommandSpec, OptionSpec } from './command-spec.js';

/** What the words after a command's name asked for: its help, or a run with these arguments. */
export type ParsedCommand = { help: true } | { help: false; args: Record<string, unknown> };

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = { true: true, false: false };

function usage(message: string, flag?: string): FiksError {
  return new FiksError('USAGE', message, flag === undefined ? {} : { details: { flag } });
}

function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** A number as typed: digits with an optional sign, fraction and exponent, nothing around them. */
function parseNumber(flag: string, text: string): number {
  const number = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(number)) throw usage(`${flag} takes a number, not ${JSON.stringify(text)}.`, flag);
  return number;
}

/** The value of a flag as its spec declares it (before `coerce`). */
function typedValue(flag: string, spec: OptionSpec, text: string): string | number {
  if (spec.type === 'number') return parseNumber(flag, text);
  if (spec.choices !== undefined && !spec.choices.includes(text))
    throw usage(`${flag} takes ${spec.choices.join(' or ')}, not ${JSON.stringify(text)}.`, flag);
  return text;
}

/** Whether a word after a flag is that flag's value rather than the next flag. */
function isValueWord(word: string | undefined, spec: OptionSpec): word is string {
  if (word === undefined) return false;
  if (!word.startsWith('-') || word === '-') return true;
  return spec.type === 'number' && /^-[\d.]/.test(word);
}

class ArgumentCollector {
  readonly given = new Map<string, unknown>();
  readonly positionals: string[] = [];

  constructor(
    private readonly command: CommandSpec<never>,
    private readonly invocation: string,
  ) {}

  get options(): Readonly<Record<string, OptionSpec>> {
    return this.command.options ?? {};
  }

  unknownFlag(word: string): FiksError {
    const flag = word.split('=')[0] ?? word;
    const near = closestName(flag.replace(/^-+/, ''), Object.keys(this.options));
    const hint = near === undefined ? '' : ` Did you mean --${near}?`;
    // A flag with control characters (a newline) is quoted, so the failure stays one line.
    const shown = /^[\x21-\x7e]+$/.test(flag) ? flag : JSON.stringify(flag);
    return usage(`Unknown option ${shown} for ${this.invocation}.${hint} (${this.invocation} --help)`, flag);
  }

  set(name: string, spec: OptionSpec, value: unknown): void {
    const flag = `--${name}`;
    if (spec.repeatable === true) {
      this.given.set(name, [...((this.given.get(name) as unknown[] | undefined) ?? []), value]);
      return;
    }
    if (this.given.has(name)) throw usage(`${flag} is given more than once.`, flag);
    this.given.set(name, value);
  }

  /** Reads the flag at `words[index]`; returns how many words it took. */
  flag(words: readonly string[], index: number): number {
    const word = words[index] as string;
    const equals = word.indexOf('=');
    const name = word.slice(2, equals === -1 ? undefined : equals);
    const inline = equals === -1 ? undefined : word.slice(equals + 1);
    const spec = this.options[name];
    const negated = name.startsWith('no-') ? this.options[name.slice(3)] : undefined;
    if (spec === undefined && negated?.type === 'boolean' && inline === undefined) {
      this.set(name.slice(3), negated, false);
      return 1;
    }
    if (spec === undefined) throw this.unknownFlag(word);
    const flag = `--${name}`;
    if (spec.type === 'boolean') {
      const value = inline === undefined ? true : BOOLEAN_WORDS[inline];
      if (value === undefined)
        throw usage(`${flag} takes true or false, not ${JSON.stringify(inline)}.`, flag);
      this.set(name, spec, value);
      return 1;
    }
    if (inline !== undefined) {
      this.set(name, spec, typedValue(flag, spec, inline));
      return 1;
    }
    const next = words[index + 1];
    if (isValueWord(next, spec)) {
      this.set(name, spec, typedValue(flag, spec, next));
      return 2;
    }
    if (spec.valueIfBare === undefined) throw usage(`${flag} needs a value.`, flag);
    this.set(name, spec, spec.valueIfBare);
    return 1;
  }
}

/** The positional arguments by name; `USAGE` when one is missing or one too many is given. */
function assignPositionals(command: CommandSpec<never>, words: readonly string[], invocation: string) {
  const assigned: Record<string, unknown> = {};
  let next = 0;
  for (const positional of command.positionals ?? []) {
    const values = positional.variadic === true ? words.slice(next) : words.slice(next, next + 1);
    next += values.length;
    if (values.length === 0 && positional.required === true)
      throw usage(`${invocation} needs <${positional.name}>: ${positional.describe} (${invocation} --help).`);
    assigned[positional.name] = positional.variadic === true ? values : values[0];
  }
  if (next < words.length)
    throw usage(`${invocation} takes no argument ${JSON.stringify(words[next])} (${invocation} --help).`);
  return assigned;
}

/** The flag's value after defaults and `coerce`; a failing `coerce` without a code is a `USAGE` naming the flag. */
function finalValue(name: string, spec: OptionSpec, value: unknown): unknown {
  if (value === undefined || spec.coerce === undefined) return value;
  try {
    return spec.coerce(value as never);
  } catch (error) {
    if (error instanceof FiksError) throw error;
    throw usage(`--${name}: ${error instanceof Error ? error.message : String(error)}`, `--${name}`);
  }
}

/**
 * Parses the words after a command's name against its declaration (`invocation`, such as
 * `fiks-io seal`, is how messages name the command): `--flag value`,
 * `--flag=value`, `--no-flag` for booleans, repeatable flags, positionals (a `--` ends the
 * flags), `-h`/`--help` anywhere; `--debug` is the program's and skipped here. Every mistake is a
 * `USAGE` failure naming the flag or argument: unknown flags (with the closest known one), missing
 * or repeated values, wrong numbers or choices, missing required flags (all at once), and flags
 * given without the flag they require.
 */
export function parseCommandArguments(
  command: CommandSpec<never>,
  words: readonly string[],
  invocation: string,
): ParsedCommand {
  const flagWords = words.includes('--') ? words.slice(0, words.indexOf('--')) : words;
  if (flagWords.includes('-h') || flagWords.includes('--help')) return { help: true };
  const collector = new ArgumentCollector(command, invocation);
  for (let index = 0; index < words.length; ) {
    const word = words[index] as string;
    if (word === '--') {
      collector.positionals.push(...words.slice(index + 1));
      break;
    }
    if (word === '--debug') {
      // the program's own flag (runCommandLine reads it)
    } else if (word.startsWith('--')) {
      index += collector.flag(words, index);
      continue;
    } else if (word.startsWith('-') && word !== '-') throw collector.unknownFlag(word);
    else collector.positionals.push(word);
    index += 1;
  }
  const options = collector.options;
  const missing = Object.entries(options)
    .filter(([name, spec]) => spec.required === true && !collector.given.has(name))
    .map(([name]) => `--${name}`);
  if (missing.length > 0)
    throw usage(`${invocation} needs ${missing.join(', ')} (${invocation} --help).`, missing[0]);
  for (const [name, spec] of Object.entries(options))
    if (spec.requires !== undefined && collector.given.has(name) && !collector.given.has(spec.requires))
      throw usage(`--${name} needs --${spec.requires} as well.`, `--${name}`);
  const args: Record<string, unknown> = assignPositionals(command, collector.positionals, invocation);
  for (const [name, spec] of Object.entries(options)) {
    const value = finalValue(name, spec, collector.given.get(name) ?? spec.default);
    args[name] = value;
    args[camelCase(name)] = value;
  }
  return { help: false, args };
}
