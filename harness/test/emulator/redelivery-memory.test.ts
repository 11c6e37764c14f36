// The messages kept for a redelivery hold their bodies in memory: at most 100 messages and 32 MiB
// of bodies, the oldest forgotten first (and the platform told, so their files can go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { QueuedMessage } from '../../src/emulator/broker-backend.js';
import { DeliveryControl } from '../../src/emulator/delivery-control.js';

const MiB = 1024 * 1024;

function message(n: number, body: Buffer): QueuedMessage {
  return { headers: { 'melding-id': `m-${n}` }, body, expirationMs: 60_000 };
}

test('bodies kept for a redelivery stay within 32 MiB; the forgotten ones are reported', async () => {
  const forgotten: string[] = [];
  const control = new DeliveryControl({
    publish: async () => undefined,
    onExpired: () => undefined,
    onForget: (meldingId) => forgotten.push(meldingId),
  });
  const body = Buffer.alloc(5 * MiB);
  for (let n = 1; n <= 8; n++) await control.deliver('konto', message(n, body));
  // 8 × 5 MiB: the two oldest go to stay within 32 MiB.
  assert.equal(forgotten, ['m-1', 'm-2']);
  assert.not.ok(control.remembers('m-2'));
  assert.ok(control.remembers('m-3'));
  await control.redeliver('m-8');
  assert.equal(forgotten, ['m-1', 'm-2'], 'a redelivery remembers nothing new');
});

test('at most the last 100 messages are kept for a redelivery', async () => {
  const forgotten: string[] = [];
  const control = new DeliveryControl({
    publish: async () => undefined,
    onExpired: () => undefined,
    onForget: (meldingId) => forgotten.push(meldingId),
  });
  for (let n = 1; n <= 101; n++) await control.deliver('konto', message(n, Buffer.alloc(0)));
  assert.equal(forgotten, ['m-1']);
  assert.ok(control.remembers('m-101'));
  try {
    await control.redeliver('m-1');
    assert.unreachable('m-1 is forgotten');
  } catch (error) {
    assert.is((error as { code?: string }).code, 'MELDING_NOT_FOUND');
  }
});

test.run();
