import { inspect } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Secret } from '../../src/config/secret.js';

const VALUE = 'hemmelig-passord-123';

test('reveal() returns the value', () => {
  assert.is(new Secret(VALUE).reveal(), VALUE);
});

test('JSON.stringify, String(), template strings and util.inspect print [redacted]', () => {
  const holder = { integrasjonPassord: new Secret(VALUE), nested: { list: [new Secret(VALUE)] } };
  for (const text of [
    JSON.stringify(holder),
    String(holder.integrasjonPassord),
    `${holder.integrasjonPassord}`,
    inspect(holder, { depth: 10, showHidden: true }),
    inspect(holder.integrasjonPassord),
  ]) {
    assert.not.ok(text.includes(VALUE), text);
    assert.ok(text.includes('[redacted]'), text);
  }
  assert.is(JSON.stringify(holder.integrasjonPassord), '"[redacted]"');
});

test('an Error that carries a Secret in its details does not leak it', () => {
  const error = Object.assign(new Error('boom'), { details: { passord: new Secret(VALUE) } });
  assert.not.ok(inspect(error).includes(VALUE));
  assert.not.ok(JSON.stringify({ details: error.details }).includes(VALUE));
});

test('Secret.from wraps strings and keeps existing secrets', () => {
  const s = new Secret(VALUE);
  assert.is(Secret.from(s), s);
  assert.is(Secret.from('x').reveal(), 'x');
});

test.run();
