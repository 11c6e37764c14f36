import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { formatKroner, isOere, oereToKronerString, parseKronerToOere } from '../../src/rules/money.js';

const oere = fc.oneof(fc.integer({ min: 0, max: 100_000_000 }), fc.maxSafeNat());

test('formatting examples', () => {
  assert.is(oereToKronerString(345_678), '3456.78');
  assert.is(oereToKronerString(5), '0.05');
  assert.is(formatKroner(345_678), '3 456,78 kr');
  assert.is(formatKroner(200_000_000), '2 000 000,00 kr');
  assert.is(formatKroner(0), '0,00 kr');
});

test('parsing examples', () => {
  assert.is(parseKronerToOere('3456'), 345_600);
  assert.is(parseKronerToOere('3 456,78'), 345_678);
  assert.is(parseKronerToOere('3456.5'), 345_650);
  assert.is(parseKronerToOere(' 0,05 '), 5);
  for (const bad of ['', '-1', '3,456', '34 56', '1,234', '3456,789', '1e3', '0x10', ',5', '12,', 'NaN']) {
    assert.is(parseKronerToOere(bad), null, bad);
  }
  assert.is(parseKronerToOere('99999999999999999999'), null);
});

test('both kroner notations parse back to the same øre', () => {
  fc.assert(
    fc.property(oere, (value) => {
      assert.is(parseKronerToOere(oereToKronerString(value)), value);
      assert.is(parseKronerToOere(formatKroner(value).replace(/ kr$/, '')), value);
    }),
  );
});

test('only whole non-negative safe numbers are øre', () => {
  fc.assert(
    fc.property(fc.double(), (value) => {
      assert.is(isOere(value), Number.isSafeInteger(value) && value >= 0);
    }),
  );
  for (const bad of [-1, 0.5, Number.NaN, 2 ** 53]) {
    try {
      formatKroner(bad);
      assert.unreachable('should have thrown');
    } catch (error) {
      assert.ok(isFiksError(error, 'INVALID_RULE_ARGUMENT'), String(bad));
    }
  }
});

test.run();
