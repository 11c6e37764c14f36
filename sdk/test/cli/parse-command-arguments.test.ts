import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { commandHelp } from '../../src/cli/command-help.js';
import { type CommandSpec, defineCommand } from '../../src/cli/command-spec.js';
import { integerInRange } from '../../src/cli/option-values.js';
import { type ParsedCommand, parseCommandArguments } from '../../src/cli/parse-command-arguments.js';
import { FiksError } from '../../src/errors/fiks-error.js';

const command = defineCommand<Record<string, unknown>>({
  name: 'demo',
  describe: 'A command with every kind of flag',
  positionals: [{ name: 'files', variadic: true, describe: 'Input files' }],
  options: {
    config: { type: 'string', required: true, placeholder: 'FILE', describe: 'Config file' },
    port: { type: 'number', default: 0, coerce: integerInRange('--port', 0, 65535), describe: 'Port' },
    generated: { type: 'boolean', default: true, describe: 'Include generated cases' },
    protocol: { type: 'string', repeatable: true, describe: 'Only this protocol' },
    format: { type: 'string', choices: ['json', 'csv'], default: 'json', describe: 'Output format' },
    dashboard: { type: 'string', valueIfBare: '', placeholder: 'PORT', describe: 'Serve a page' },
    'answer-type': { type: 'string', requires: 'answer-file', describe: 'Reply type' },
    'answer-file': { type: 'string', describe: 'Reply file' },
  },
  run: () => undefined,
}) as CommandSpec<never>;

function parse(...words: string[]): Record<string, unknown> {
  const parsed: ParsedCommand = parseCommandArguments(command, words, 'prog demo');
  if (parsed.help) throw new Error('help asked for');
  return parsed.args;
}

function usageOf(words: string[]): FiksError {
  try {
    parse(...words);
  } catch (error) {
    assert.instance(error, FiksError);
    assert.is((error as FiksError).code, 'USAGE', (error as Error).message);
    return error as FiksError;
  }
  throw new Error(`${words.join(' ')} was accepted`);
}

test('flags, defaults, negation, repeats, camel-case twins and positionals', () => {
  const args = parse(
    '--config',
    'c.json',
    'a.txt',
    '--no-generated',
    '--protocol',
    'p1',
    '--protocol=p2',
    'b.txt',
  );
  assert.equal(args.files, ['a.txt', 'b.txt']);
  assert.is(args.config, 'c.json');
  assert.is(args.port, 0);
  assert.is(args.generated, false);
  assert.equal(args.protocol, ['p1', 'p2']);
  assert.is(args.format, 'json');
  assert.is(args.dashboard, undefined);
  const twins = parse('--config', 'c', '--answer-type', 't', '--answer-file', 'f');
  assert.is(twins['answer-type'], 't');
  assert.is(twins.answerType, 't');
});

test('a string flag keeps its text (no number conversion: leading zeros of a KID survive)', () => {
  assert.is(parse('--config', '007').config, '007');
});

test('a flag named alone takes valueIfBare; with a value, the value', () => {
  assert.is(parse('--config', 'c', '--dashboard').dashboard, '');
  assert.is(parse('--config', 'c', '--dashboard', '--no-generated').dashboard, '');
  assert.is(parse('--config', 'c', '--dashboard', '8080').dashboard, '8080');
});

test('a -- ends the flags: what follows is positional, even when it looks like a flag', () => {
  assert.equal(parse('--config', 'c', '--', '--port', '-x').files, ['--port', '-x']);
});

test('every mistake is a USAGE failure naming the flag', () => {
  const cases: [string[], RegExp][] = [
    [['--config', 'c', '--bogus'], /--bogus/],
    [['--config', 'c', '--confg2'], /Unknown option --confg2/],
    [['--config', 'c', '-x'], /-x/],
    [['--port', '1'], /needs --config/],
    [['--config'], /--config needs a value/],
    [['--config', 'c', '--port', 'eighty'], /--port takes a number, not "eighty"/],
    [['--config', 'c', '--port', '99999'], /--port takes a whole number from 0 to 65535/],
    [['--config', 'c', '--port', ' 80'], /--port/],
    [['--config', 'c', '--format', 'xml'], /--format takes json or csv, not "xml"/],
    [['--config', 'c', '--config', 'd'], /--config is given more than once/],
    [['--config', 'c', '--generated=maybe'], /--generated takes true or false/],
    [['--config', 'c', '--answer-type', 't'], /--answer-type needs --answer-file/],
  ];
  for (const [words, message] of cases) assert.match(usageOf(words).message, message, words.join(' '));
});

test('an unknown flag close to a known one suggests it', () => {
  assert.match(usageOf(['--config', 'c', '--protocl', 'x']).message, /Did you mean --protocol\?/);
});

test('a missing required positional and an extra positional are usage errors', () => {
  const strict = defineCommand<Record<string, unknown>>({
    name: 'open',
    describe: 'Open one file',
    positionals: [{ name: 'file', required: true, describe: 'The file' }],
    run: () => undefined,
  }) as CommandSpec<never>;
  assert.throws(() => parseCommandArguments(strict, [], 'prog'), /needs <file>/);
  assert.throws(() => parseCommandArguments(strict, ['a', 'b'], 'prog'), /takes no argument "b"/);
  assert.equal(parseCommandArguments(strict, ['a'], 'prog'), { help: false, args: { file: 'a' } });
});

test('-h or --help anywhere asks for the help, even beside a mistake', () => {
  assert.equal(parseCommandArguments(command, ['--port', 'x', '-h'], 'prog'), { help: true });
  assert.equal(parseCommandArguments(command, ['--help'], 'prog'), { help: true });
});

test('property: --flag VALUE and --flag=VALUE give the same text, for any value not starting with -', () => {
  fc.assert(
    fc.property(
      fc.string().filter((s) => !s.startsWith('-')),
      (value) => parse('--config', value).config === value && parse(`--config=${value}`).config === value,
    ),
  );
});

test('property: a number flag reads back every safe integer, negative ones included', () => {
  const numeric = defineCommand<Record<string, unknown>>({
    name: 'n',
    describe: 'numbers',
    options: { n: { type: 'number', describe: 'a number' } },
    run: () => undefined,
  }) as CommandSpec<never>;
  fc.assert(
    fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => {
      const parsed = parseCommandArguments(numeric, ['--n', String(n)], 'prog');
      return !parsed.help && parsed.args.n === n;
    }),
  );
});

test('property: any words at all either parse or are one USAGE failure, never another error', () => {
  const word = fc.oneof(
    fc.string(),
    fc.constantFrom(
      '--config',
      '--port',
      '--no-generated',
      '--protocol',
      '--format',
      '--dashboard',
      '--',
      '-h',
    ),
    fc.constantFrom(
      '--answer-type',
      '--answer-file',
      '--port=',
      '--generated=',
      '-x',
      '--no-port',
      '8080',
      'json',
    ),
    fc.string({ unit: 'binary' }).map((text) => `--${text}`),
  );
  fc.assert(
    fc.property(fc.array(word, { maxLength: 12 }), (words) => {
      try {
        parseCommandArguments(command, words, 'prog demo');
        return true;
      } catch (error) {
        return error instanceof FiksError && error.code === 'USAGE' && !error.message.includes('\n');
      }
    }),
    { numRuns: 2000 },
  );
});

test('the help lists every flag with its placeholder, default and requirement, and the exit codes', () => {
  const help = commandHelp('prog demo', command, [{ code: 2, meaning: 'the other side said no' }]);
  assert.match(help, /^Usage: prog demo \[files\.\.\] \[options\]/);
  for (const text of [
    '--config FILE',
    '[required]',
    '--port N',
    'default: 0',
    '--[no-]generated',
    '--protocol VALUE',
    'repeatable',
    '--format json|csv',
    '--dashboard [PORT]',
    'Exit codes:',
    '   2  the other side said no',
    '  64  usage error',
  ])
    assert.ok(help.includes(text), text);
  for (const line of help.split('\n')) assert.ok(line.length <= 100, line);
});

test.run();
