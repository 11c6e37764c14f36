import type { X509Certificate } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RecipientCertificateCache } from '../../src/http/recipient-certificate-cache.js';
import { makeTestCertificate } from './test-certificate.js';

const cert = makeTestCertificate().certificate;

function cache(options: { ttlMs?: number; maxEntries?: number } = {}) {
  const clock = { now: 0 };
  const loads: string[] = [];
  let fail = false;
  const c = new RecipientCertificateCache({
    load: async (id) => {
      loads.push(id);
      if (fail) throw new Error('lookup failed');
      return cert;
    },
    clock: () => clock.now,
    ...options,
  });
  const failNext = (value: boolean) => {
    fail = value;
  };
  return { c, clock, loads, failNext };
}

test('serves from the cache for 10 minutes, then loads again', async () => {
  const { c, clock, loads } = cache();
  await c.get('a');
  clock.now = 599_999;
  assert.is(await c.get('A'), cert, 'ids are case-insensitive');
  assert.equal(loads, ['a']);
  clock.now = 600_000;
  await c.get('a');
  assert.equal(loads, ['a', 'a']);
});

test('holds at most 100 entries, evicting the least recently used', async () => {
  const { c, loads } = cache();
  for (let i = 0; i < 100; i++) await c.get(`k${i}`);
  await c.get('k0'); // k0 becomes most recent; k1 is now the oldest
  await c.get('k100');
  assert.is(c.size, 100);
  loads.length = 0;
  await c.get('k0');
  assert.equal(loads, []);
  await c.get('k1');
  assert.equal(loads, ['k1']);
});

test('concurrent lookups share one load; failures are not cached; delete forgets', async () => {
  const { c, loads, failNext } = cache();
  const results: X509Certificate[] = await Promise.all([c.get('x'), c.get('x'), c.get('x')]);
  assert.ok(results.every((r) => r === cert));
  assert.is(loads.length, 1);
  failNext(true);
  await c.get('y').catch(() => undefined);
  failNext(false);
  await c.get('y');
  assert.equal(loads, ['x', 'y', 'y']);
  c.delete('x');
  await c.get('x');
  assert.is(loads.length, 4);
});

test.run();
