import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isFiksError } from '../../src/errors/fiks-error.js';
import {
  createKidMod10,
  isValidKidMod10,
  isValidKidMod11,
  mod10CheckDigit,
  mod11CheckDigit,
} from '../../src/rules/kid.js';
import { isValidKontonummer } from '../../src/rules/kontonummer.js';

const base = fc.stringMatching(/^[0-9]{1,24}$/);

/** `value` with the digit at `index` replaced by a different digit. */
const changeOneDigit = (value: string, index: number, delta: number) =>
  value.slice(0, index) + String((Number(value[index]) + delta) % 10) + value.slice(index + 1);

test('MOD10 matches known Luhn values', () => {
  assert.is(mod10CheckDigit('7992739871'), '3');
  assert.ok(isValidKidMod10('79927398713'));
  assert.not.ok(isValidKidMod10('79927398710'));
  assert.is(createKidMod10('460120260000'), '4601202600004');
  assert.is(mod10CheckDigit('0'), '0');
});

test('MOD11 matches known values and gives "-" for a check value of 10', () => {
  assert.is(mod11CheckDigit('1234567890'), '3');
  assert.ok(isValidKidMod11('12345678903'));
  // '6' has weight 2: sum 12, remainder 1, check value 10, written '-'.
  assert.is(mod11CheckDigit('6'), '-');
  assert.ok(isValidKidMod11('6-'));
  assert.not.ok(isValidKidMod10('6-'));
  // Remainder 0 gives check digit 0, not 11.
  assert.is(mod11CheckDigit('0'), '0');
});

test('created MOD10 KIDs validate, have length 2..25, and every single-digit change is caught', () => {
  fc.assert(
    fc.property(base, fc.nat(), fc.integer({ min: 1, max: 9 }), (b, at, delta) => {
      const kid = createKidMod10(b);
      assert.ok(isValidKidMod10(kid));
      assert.is(kid.length, b.length + 1);
      assert.not.ok(isValidKidMod10(changeOneDigit(kid, at % kid.length, delta)));
    }),
  );
});

test('MOD10 catches the swap of two adjacent different digits except 0/9', () => {
  fc.assert(
    fc.property(base, fc.nat(), (b, at) => {
      const kid = createKidMod10(b);
      const i = at % (kid.length - 1);
      const [x, y] = [kid[i]!, kid[i + 1]!];
      fc.pre(x !== y && !(x + y === '09' || x + y === '90'));
      const swapped = kid.slice(0, i) + y + x + kid.slice(i + 2);
      assert.not.ok(isValidKidMod10(swapped));
    }),
  );
});

test('MOD11 KIDs validate and every single-digit change is caught', () => {
  fc.assert(
    fc.property(base, fc.nat(), fc.integer({ min: 1, max: 9 }), (b, at, delta) => {
      const kid = b + mod11CheckDigit(b);
      assert.ok(isValidKidMod11(kid));
      assert.not.ok(isValidKidMod11(changeOneDigit(kid, at % b.length, delta)));
    }),
  );
});

test('KID MOD11 uses the same weights as kontonummer for 10-digit bases', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[0-9]{10}$/), (b) => {
      const check = mod11CheckDigit(b);
      if (check === '-') assert.not.ok([...'0123456789'].some((d) => isValidKontonummer(b + d)));
      else assert.ok(isValidKontonummer(b + check));
    }),
  );
});

test('malformed KIDs are rejected and malformed bases throw INVALID_DIGITS', () => {
  for (const kid of ['', '5', '12 34', '１２', 'abc', '1'.repeat(26)]) {
    assert.not.ok(isValidKidMod10(kid), kid);
    assert.not.ok(isValidKidMod11(kid), kid);
  }
  for (const bad of ['', '12a', '1'.repeat(25)]) {
    try {
      mod10CheckDigit(bad);
      assert.unreachable('should have thrown');
    } catch (error) {
      assert.ok(isFiksError(error, 'INVALID_DIGITS'));
    }
  }
});

test.run();
