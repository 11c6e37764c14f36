import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ERROR_CATALOGUE, isCataloguedCode } from '../../src/errors/error-catalogue.js';
import { FiksError, isFiksError } from '../../src/errors/fiks-error.js';
import { TransportError } from '../../src/transport/transport-error.js';
import { README, renderErrorCodeTable, tableInReadme } from './error-code-table.js';
import { errorClassesIn, readSources, thrownCodes } from './throw-sites.js';

const sources = readSources(fileURLToPath(new URL('../../src', import.meta.url)));
const catalogued = Object.keys(ERROR_CATALOGUE);
const thrown = thrownCodes(sources, catalogued);

test('every error class of the SDK has its codes in the catalogue', () => {
  const classes = errorClassesIn(sources).sort();
  assert.equal(classes, [...catalogued].sort());
});

for (const [errorClass, codes] of Object.entries(ERROR_CATALOGUE)) {
  test(`${errorClass}: the catalogue lists exactly the codes it is thrown with`, () => {
    const atThrowSites = [...(thrown.get(errorClass) ?? [])].sort();
    const listed = Object.keys(codes).sort();
    const neverThrown = listed.filter((code) => !atThrowSites.includes(code));
    const notListed = atThrowSites.filter((code) => !listed.includes(code));
    assert.equal(neverThrown, [], `listed for ${errorClass} and never thrown: ${neverThrown.join(', ')}`);
    assert.equal(notListed, [], `thrown as ${errorClass} and not listed: ${notListed.join(', ')}`);
  });
}

test('the throw-site reader sees conditionals, aliased factories, super calls and tables', () => {
  assert.ok(
    thrown.get('TransportError')?.has('CONSUMER_CLOSED'),
    'closed ? CONSUMER_CLOSED : UNKNOWN_DELIVERY_TAG',
  );
  assert.ok(thrown.get('AsiceError')?.has('DIGEST_MISMATCH'), 'asiceFailure imported as fail');
  assert.ok(thrown.get('BerDecodeError')?.has('BER_TRUNCATED'), 'super(needed === undefined ? … : …)');
  assert.ok(thrown.get('FiksError')?.has('PORT_IN_USE'), 'the table of system error codes');
  assert.not.ok(thrown.get('ClientError')?.has('RECEIVE_UNSUPPORTED'));
});

test('the throw-site reader finds a code in each kind of throw site of made-up sources', () => {
  const made = thrownCodes(
    [
      {
        path: 'a.ts',
        text: [
          "export type AErrorCode = ErrorCodeOf<'AError'>;",
          'export class AError extends FiksError {}',
          'export function aFailure(code: AErrorCode, message: string) { return new AError(code, message); }',
          "class BError extends FiksError { constructor() { super(flag ? 'B_ONE' : 'B_TWO', 'm'); } }",
          "const TABLE: Readonly<Record<string, AErrorCode>> = { X: 'A_TABLE' };",
        ].join('\n'),
      },
      {
        path: 'b.ts',
        text: "import { aFailure as fail } from './a.js';\nthrow new AError(\n  'A_NEW',\n  `m`,\n);\nthrow fail('A_ALIAS', 'm');",
      },
    ],
    ['AError', 'BError'],
  );
  assert.equal([...(made.get('AError') ?? [])].sort(), ['A_ALIAS', 'A_NEW', 'A_TABLE']);
  assert.equal([...(made.get('BError') ?? [])].sort(), ['B_ONE', 'B_TWO']);
});

test('the SDK README holds the table rendered from the catalogue', () => {
  const inReadme = tableInReadme(readFileSync(README, 'utf8'));
  assert.ok(inReadme !== undefined, 'README.md lacks the error-code table markers');
  assert.fixture(inReadme, renderErrorCodeTable(), 'run: npx tsx sdk/test/errors/error-code-table.ts');
});

test('isFiksError matches the code, and a code read from the wire is checked against the catalogue', () => {
  const error = new TransportError('CONSUMER_CLOSED', 'closed');
  assert.ok(isFiksError(error));
  assert.ok(isFiksError(error, 'CONSUMER_CLOSED'));
  assert.not.ok(isFiksError(error, 'RECEIVER_CLOSED'));
  assert.not.ok(isFiksError(new Error('plain'), 'CONSUMER_CLOSED'));
  // @ts-expect-error: a code no SDK error carries does not typecheck
  assert.not.ok(isFiksError(error, 'RECEIVE_UNSUPPORTED'));
  assert.ok(isFiksError<string>(new FiksError('OTHER_PACKAGE_CODE', 'x'), 'OTHER_PACKAGE_CODE'));
  assert.ok(isCataloguedCode('TransportError', 'QUEUE_NOT_FOUND'));
  assert.not.ok(isCataloguedCode('TransportError', 'toString'));
  assert.not.ok(isCataloguedCode('TransportError', 'CONFIG_INVALID'));
});

test.run();
