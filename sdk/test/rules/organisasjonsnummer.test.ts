import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  completeOrganisasjonsnummer,
  isValidOrganisasjonsnummer,
} from '../../src/rules/organisasjonsnummer.js';

test('known organisation numbers validate', () => {
  assert.ok(isValidOrganisasjonsnummer('974760673')); // Brønnøysundregistrene
  assert.ok(isValidOrganisasjonsnummer('984851006'));
  assert.not.ok(isValidOrganisasjonsnummer('974760674'));
  assert.not.ok(isValidOrganisasjonsnummer('97476067'));
  assert.not.ok(isValidOrganisasjonsnummer('974 760 673'));
});

test('completed numbers validate and every single-digit change is caught', () => {
  fc.assert(
    fc.property(
      fc.stringMatching(/^[0-9]{8}$/),
      fc.nat(8),
      fc.integer({ min: 1, max: 9 }),
      (b, at, delta) => {
        const full = completeOrganisasjonsnummer(b);
        fc.pre(full !== null);
        assert.ok(isValidOrganisasjonsnummer(full));
        const changed = full.slice(0, at) + String((Number(full[at]) + delta) % 10) + full.slice(at + 1);
        assert.not.ok(isValidOrganisasjonsnummer(changed));
      },
    ),
  );
});

test('a base whose check value would be 10 has no valid number', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[0-9]{8}$/), (b) => {
      const valid = [...'0123456789'].filter((d) => isValidOrganisasjonsnummer(b + d));
      const full = completeOrganisasjonsnummer(b);
      assert.equal(valid, full === null ? [] : [full.slice(-1)]);
    }),
  );
});

test.run();
