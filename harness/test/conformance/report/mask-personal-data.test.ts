import { completeFoedselsnummer, isValidFoedselsnummer } from '@fiks-faktura/sdk';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  FOEDSELSNUMMER_MASK,
  maskFoedselsnumreInText,
  maskPersonalData,
  NAME_MASK,
} from '../../../src/conformance/report/index.js';

const two = (n: number) => String(n).padStart(2, '0');

/** Valid fødselsnumre and D-numre (synthetic ones included), built by the SDK's own rules. */
const foedselsnummer = fc
  .record({
    day: fc.integer({ min: 1, max: 28 }),
    month: fc.integer({ min: 1, max: 12 }),
    year: fc.integer({ min: 0, max: 99 }),
    individ: fc.integer({ min: 0, max: 999 }),
    dNummer: fc.boolean(),
    monthOffset: fc.constantFrom(0, 40, 80),
  })
  .map(({ day, month, year, individ, dNummer, monthOffset }) =>
    completeFoedselsnummer(
      `${two(day + (dNummer ? 40 : 0))}${two(month + monthOffset)}${two(year)}${String(individ).padStart(3, '0')}`,
    ),
  )
  .filter((n): n is string => n !== null);

/** Every valid number still readable in `text`: any 11-digit window of any run of digits. */
function survivors(text: string): string[] {
  const found: string[] = [];
  for (const run of text.match(/[0-9]{11,}/g) ?? []) {
    for (let i = 0; i + 11 <= run.length; i++) {
      const window = run.slice(i, i + 11);
      if (isValidFoedselsnummer(window)) found.push(window);
    }
  }
  return found;
}

/** Text around a number: letters, punctuation, or more digits. */
const surrounding = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 6 }),
  fc.stringMatching(/^[0-9]{1,4}$/),
  fc.constantFrom(' ', 'fnr: ', '"', '/', '-'),
);

/** A string holding a number somewhere, or none. */
const textWithNumber = fc.oneof(
  fc.tuple(surrounding, foedselsnummer, surrounding).map(([a, n, b]) => `${a}${n}${b}`),
  fc.tuple(foedselsnummer, foedselsnummer).map(([a, b]) => `${a}${b}`),
  fc.string({ maxLength: 20 }),
);

/** Nested JSON-like values full of numbers, in strings, keys, integers and `foedselsnummer` fields. */
const nested = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    textWithNumber,
    foedselsnummer.map((n) => Number(n)),
    fc.integer(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 5 }), textWithNumber), tie('value'), { maxKeys: 4 }),
    fc.record({ foedselsnummer: foedselsnummer, navn: fc.string() }),
  ),
})).value;

test('no valid fødselsnummer survives masking anywhere in a nested value', () => {
  fc.assert(
    fc.property(nested, (value) => {
      const masked = JSON.stringify(maskPersonalData(value));
      assert.equal(survivors(masked), [], masked);
    }),
    { numRuns: 500 },
  );
});

test('the generator does produce values with numbers in them (the property is not vacuous)', () => {
  const samples = fc.sample(nested, 200);
  assert.ok(samples.filter((v) => survivors(JSON.stringify(v)).length > 0).length > 50);
});

test('a number is masked whole: nothing of it, not the birth date, is kept', () => {
  assert.is(FOEDSELSNUMMER_MASK, '***********');
  fc.assert(
    fc.property(foedselsnummer, (n) => {
      const masked = maskFoedselsnumreInText(`fnr ${n}.`);
      assert.is(masked, `fnr ${FOEDSELSNUMMER_MASK}.`);
      assert.not.ok(masked.includes(n.slice(0, 6)));
    }),
  );
});

test('a number written with a separator after the birth date is masked', () => {
  assert.is(
    maskFoedselsnumreInText('158385 41280 og 158385-41280'),
    `${FOEDSELSNUMMER_MASK} og ${FOEDSELSNUMMER_MASK}`,
  );
});

test('digits that are not a valid number stay (KIDs, account numbers, amounts)', () => {
  const text = 'KID 4601202600012, konto 12345678903, beløp 1250000, 15838541281';
  assert.is(maskFoedselsnumreInText(text), text);
});

test('a number inside a longer run of digits is masked, the rest kept', () => {
  assert.is(maskFoedselsnumreInText('x915838541280x'), 'x9***********x');
});

test('integers holding a number are masked, a leading zero dropped by JSON included', () => {
  assert.equal(maskPersonalData({ a: 15838541280, b: 2879023605, c: 1250000 }), {
    a: FOEDSELSNUMMER_MASK,
    b: FOEDSELSNUMMER_MASK,
    c: 1250000,
  });
});

test('any value at a foedselsnummer key has its digits hidden, valid or not', () => {
  assert.equal(maskPersonalData({ innbygger: { foedselsnummer: '15838541281' } }), {
    innbygger: { foedselsnummer: '***********' },
  });
  assert.equal(maskPersonalData({ foedselsnummer: 1234 }), { foedselsnummer: '****' });
});

test("a person's name is masked, an organisation's and a municipal office's are not", () => {
  const masked = maskPersonalData({
    betalere: [
      { id: 'P01', navn: 'Ola Nordmann', foedselsnummer: '15838541280' },
      { id: 'P04', navn: 'Testbedrift AS', organisasjonsnummer: '315202604' },
      { id: 'P09', navn: 'Kari Nordmann' },
    ],
    kontaktinformasjon: { navn: 'Økonomiavdelingen, fakturaservice' },
    person: { navn: { fornavn: 'Per', etternavn: 'Hansen' } },
  });
  assert.equal(masked, {
    betalere: [
      { id: 'P01', navn: NAME_MASK, foedselsnummer: FOEDSELSNUMMER_MASK },
      { id: 'P04', navn: 'Testbedrift AS', organisasjonsnummer: '315202604' },
      { id: 'P09', navn: NAME_MASK },
    ],
    kontaktinformasjon: { navn: 'Økonomiavdelingen, fakturaservice' },
    person: { navn: NAME_MASK },
  });
});

test('keys holding numbers are masked without losing either value', () => {
  assert.equal(maskPersonalData({ '15838541280': 1, '02879023605': 2 }), {
    [FOEDSELSNUMMER_MASK]: 1,
    [`${FOEDSELSNUMMER_MASK}#2`]: 2,
  });
});

test('SHA-256 digests are left intact, the input is not changed', () => {
  const digest = `15838541280${'0'.repeat(53)}`;
  const input = { sha256: digest, note: digest };
  const masked = maskPersonalData(input);
  assert.is(masked.sha256, digest);
  assert.is.not(masked.note, digest);
  assert.is(input.note, digest);
});

test('a __proto__ key stays a plain key', () => {
  const masked = maskPersonalData(JSON.parse('{"__proto__": {"x": "15838541280"}}')) as Record<
    string,
    unknown
  >;
  assert.ok(Object.hasOwn(masked, '__proto__'));
  assert.is(Object.getPrototypeOf(masked), Object.prototype);
  assert.equal(JSON.parse(JSON.stringify(masked)), JSON.parse('{"__proto__": {"x": "***********"}}'));
});

test.run();
