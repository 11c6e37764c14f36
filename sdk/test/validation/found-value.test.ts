import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeFoundValue } from '../../src/validation/found-value.js';

test('structures are named, not printed', () => {
  assert.is(describeFoundValue(undefined), 'nothing');
  assert.is(describeFoundValue(null), 'null');
  assert.is(describeFoundValue([1, 2, 3]), 'a list of 3');
  assert.is(describeFoundValue({ a: 1 }), 'an object');
});

test('scalars are shown as JSON, cut to 40 characters', () => {
  assert.is(describeFoundValue(42), '42');
  assert.is(describeFoundValue('soon'), '"soon"');
  assert.is(describeFoundValue(false), 'false');
  const long = describeFoundValue('x'.repeat(100));
  assert.is(long.length, 40);
  assert.is(long, `"${'x'.repeat(36)}...`);
});

test('every run of 11 digits (a fødselsnummer) is masked, in strings and numbers', () => {
  assert.is(describeFoundValue('12345678901'), '"***********"');
  assert.is(describeFoundValue(12345678901), '***********');
  assert.is(describeFoundValue('fnr 12345678901 og 10987654321'), '"fnr *********** og ***********"');
  assert.is(describeFoundValue('1234567890'), '"1234567890"');
});

test('a fødselsnummer cut at the 40-character limit is masked before the cut, not half shown', () => {
  const text = `${'x'.repeat(30)}12345678901`;
  assert.not.match(describeFoundValue(text), /\d{6}/);
});

test.run();
