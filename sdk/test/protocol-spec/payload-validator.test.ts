import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { loadProtocolSpecs } from '../../src/protocol-spec/load-protocol-specs.js';
import { type PayloadValidationResult, PayloadValidator } from '../../src/protocol-spec/payload-validator.js';

const goodRoot = fileURLToPath(new URL('../../../scripts/test/fixtures/good/', import.meta.url));
const specs = loadProtocolSpecs(goodRoot);
const OPPRETT = 'no.ks.fiks.faktura.proeve.v1.opprett';
const RESULTAT = 'no.ks.fiks.faktura.proeve.v1.opprett.resultat';

const request = {
  foresporselId: '6f1c3a52-6d0e-4d7b-9a55-0d4f2b9b1c11',
  faktura: { fakturanummer: '2024-000123', kid: '0000012345678' },
  oensketForfallsdato: '2025-03-31',
};

function errorsOf(result: PayloadValidationResult) {
  return result.valid ? [] : result.errors.map((e) => [e.keyword, e.felt]);
}

const tolerant = new PayloadValidator(specs);
const strict = new PayloadValidator(specs, { strict: true });

test('a valid payload passes', () => {
  assert.equal(tolerant.validatePayload(OPPRETT, request), { valid: true });
  assert.equal(strict.validatePayload(OPPRETT, request), { valid: true });
});

test('errors name the field as a JSON pointer, with the keyword, and all errors are reported', () => {
  const { faktura: _, ...withoutFaktura } = request;
  const result = tolerant.validatePayload(OPPRETT, { ...withoutFaktura, foresporselId: 'not-a-uuid' });
  assert.equal(errorsOf(result).sort(), [
    ['format', '/foresporselId'],
    ['required', '/faktura'],
  ]);
  assert.ok(!result.valid && result.errors.every((e) => e.melding.length > 0));
  const required = !result.valid ? result.errors.find((e) => e.keyword === 'required') : undefined;
  assert.is(required?.instancePath, '');
});

test('formats are asserted, not just annotations (a date that does not exist fails)', () => {
  const result = tolerant.validatePayload(OPPRETT, { ...request, oensketForfallsdato: '2025-02-30' });
  assert.equal(errorsOf(result), [['format', '/oensketForfallsdato']]);
});

test('sibling $refs resolve (the fakturareferanse definition in felles is applied)', () => {
  const result = tolerant.validatePayload(OPPRETT, {
    ...request,
    faktura: { fakturanummer: '1', kid: '12-3' },
  });
  assert.equal(errorsOf(result), [['pattern', '/faktura/kid']]);
});

test('if/then in the answer schema: a denial needs a reason', () => {
  const denied = { foresporselId: request.foresporselId, utfall: 'AVSLAATT' };
  assert.equal(errorsOf(tolerant.validatePayload(RESULTAT, denied)), [['required', '/aarsak']]);
  const withReason = { ...denied, aarsak: { kodeverdi: 'DATO_FOR_SEN' } };
  assert.equal(tolerant.validatePayload(RESULTAT, withReason), { valid: true });
  assert.equal(
    strict.validatePayload(RESULTAT, withReason),
    { valid: true },
    'if/then is not an unknown property',
  );
});

test('the strict overlay reports unknown properties at the root and inside referenced definitions', () => {
  const payload = { ...request, ekstra: 1, faktura: { ...request.faktura, 'a/b': true } };
  assert.equal(tolerant.validatePayload(OPPRETT, payload), { valid: true });
  assert.equal(errorsOf(strict.validatePayload(OPPRETT, payload)).sort(), [
    ['unevaluatedProperties', '/ekstra'],
    ['unevaluatedProperties', '/faktura/a~1b'],
  ]);
});

test('property: the tolerant validator accepts any added property, the strict one names exactly it', () => {
  const known = new Set(['foresporselId', 'faktura', 'oensketForfallsdato', 'begrunnelse']);
  fc.assert(
    fc.property(
      fc.string({ minLength: 1 }).filter((k) => !known.has(k) && k !== '__proto__'),
      fc.jsonValue(),
      (key, value) => {
        const payload = { ...request, [key]: value };
        assert.ok(tolerant.validatePayload(OPPRETT, payload).valid);
        const pointer = `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        assert.equal(errorsOf(strict.validatePayload(OPPRETT, payload)), [
          ['unevaluatedProperties', pointer],
        ]);
      },
    ),
  );
});

test('an unknown message type is MESSAGE_TYPE_UNKNOWN', () => {
  assert.ok(tolerant.hasMessageType(OPPRETT));
  assert.not.ok(tolerant.hasMessageType('no.ks.fiks.faktura.proeve.v9.opprett'));
  try {
    tolerant.validatePayload('no.ks.fiks.faktura.proeve.v9.opprett', {});
    assert.unreachable('should throw');
  } catch (error) {
    assert.ok(isFiksError(error, 'MESSAGE_TYPE_UNKNOWN'), String(error));
  }
});

test('validators are compiled once: many validations stay fast', () => {
  const validator = new PayloadValidator(specs);
  validator.compileAll();
  const started = performance.now();
  for (let i = 0; i < 20_000; i++) validator.validatePayload(OPPRETT, request);
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 1000, `20 000 validations took ${elapsed.toFixed(0)} ms`);
});

test.run();
