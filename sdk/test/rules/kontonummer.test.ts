import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { completeKontonummer, isValidKontonummer } from '../../src/rules/kontonummer.js';

test('known account numbers', () => {
  assert.ok(isValidKontonummer('12345678903'));
  assert.not.ok(isValidKontonummer('12345678904'));
  // 1234567892: weighted sum gives remainder 1, so no check digit exists.
  assert.is(completeKontonummer('1234567892'), null);
  assert.not.ok(isValidKontonummer('1234.56.78903'));
});

test('completed numbers validate and every single-digit change is caught', () => {
  fc.assert(
    fc.property(
      fc.stringMatching(/^[0-9]{10}$/),
      fc.nat(10),
      fc.integer({ min: 1, max: 9 }),
      (b, at, delta) => {
        const full = completeKontonummer(b);
        fc.pre(full !== null);
        assert.ok(isValidKontonummer(full));
        const changed = full.slice(0, at) + String((Number(full[at]) + delta) % 10) + full.slice(at + 1);
        assert.not.ok(isValidKontonummer(changed));
      },
    ),
  );
});

test('a base with remainder 1 has no valid number; others exactly one', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[0-9]{10}$/), (b) => {
      const valid = [...'0123456789'].filter((d) => isValidKontonummer(b + d));
      const full = completeKontonummer(b);
      assert.equal(valid, full === null ? [] : [full.slice(-1)]);
    }),
  );
});

test.run();
