// Payloads on disk: a send over the size limit is refused while it streams and leaves nothing, a
// full data folder refuses with 507, and a Dokumentlager file goes once its message is acknowledged.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FiksIoClient, type ReceivedMessage, readPrivateKey } from '@fiks-faktura/sdk';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { waitFor } from './emulator-scenarios.js';
import { closeSendScene, type SendScene, startSendScene } from './send-scene.js';
import { streamedSend } from './streamed-send.js';

const MiB = 1024 * 1024;

const test = suite<SendScene>('Fiks IO emulator: payloads on disk');

test.before(async (context) => {
  Object.assign(
    context,
    await startSendScene('emulator-payloads-', {
      dokumentlagerThresholdBytes: 64 * 1024,
      dataQuotaBytes: 3 * MiB,
      maxRequestBytes: 2.5 * MiB,
    }),
  );
});

test.after((context) => closeSendScene(context));

async function payloadFiles(dir: string): Promise<string[]> {
  return readdir(join(dir, 'data', 'payloads'));
}

test('a send over the size limit is refused with 413 while it streams, and nothing is kept', async ({
  emulator,
  dir,
  headers,
  metadata,
}) => {
  const announced = await streamedSend(emulator.url, headers, metadata, 512 * MiB);
  assert.is(announced.status, 413, 'a Content-Length over the limit is refused before the body');
  assert.is(announced.payloadBytesWritten < 64 * MiB, true);
  const answer = await streamedSend(emulator.url, headers, metadata, 512 * MiB, { chunked: true });
  assert.is(answer.status, 413);
  assert.ok('body' in answer && JSON.parse(answer.body).errorCode === 'PAYLOAD_TOO_LARGE');
  assert.ok(
    answer.payloadBytesWritten < 64 * MiB,
    `answered after ${answer.payloadBytesWritten} bytes, not at the end of the body`,
  );
  await waitFor(() => (emulator.payloads.usedBytes === 0 ? true : undefined), 'the partial file to go');
  assert.equal(await payloadFiles(dir), []);
});

test('a full data folder refuses with 507 INSUFFICIENT_STORAGE; an acknowledged message frees its file', async ({
  emulator,
  dir,
  headers,
  metadata,
}) => {
  const first = await streamedSend(emulator.url, headers, metadata, 2 * MiB);
  assert.is(first.status, 202);
  assert.ok('body' in first && typeof JSON.parse(first.body).dokumentlagerId === 'string');
  assert.is(emulator.payloads.usedBytes, 2 * MiB);

  const refused = await streamedSend(emulator.url, headers, metadata, 2 * MiB);
  assert.is(refused.status, 507);
  const body = 'body' in refused ? JSON.parse(refused.body) : {};
  assert.is(body.errorCode, 'INSUFFICIENT_STORAGE');
  assert.is(body.status, 507);
  assert.is(emulator.payloads.usedBytes, 2 * MiB, 'the refused payload left nothing');
  assert.is((await payloadFiles(dir)).length, 1);

  const b = emulator.account('Fakturasystem B');
  const key = readPrivateKey(b.privateKeyPem!);
  const receiver = new FiksIoClient({
    connection: emulator.connection(b.kontoId),
    signer: { certificate: b.certificate, privateKey: key },
    privateKeys: [key],
  });
  const received: ReceivedMessage[] = [];
  try {
    await receiver.subscribe(async (message) => {
      received.push(message);
      await message.ack();
    });
    await waitFor(() => (received.length === 1 ? true : undefined), 'the delivery');
    // Kept after the ack while the message can still be redelivered, the file gives way to a new payload.
    const third = await streamedSend(emulator.url, headers, metadata, 2 * MiB);
    assert.is(third.status, 202);
    await waitFor(() => (emulator.payloads.usedBytes === 2 * MiB ? true : undefined), 'one payload kept');
    await waitFor(() => (received.length === 2 ? true : undefined), 'the second delivery');
    await waitFor(() => (emulator.payloads.usedBytes === 2 * MiB ? true : undefined), 'the acked file kept');
  } finally {
    await receiver.close();
  }
});

test('an expired message takes its Dokumentlager file with it', async ({ emulator, headers, metadata }) => {
  const before = emulator.payloads.usedBytes;
  const sent = await streamedSend(emulator.url, headers, { ...metadata, ttl: 1000 }, 256 * 1024);
  assert.is(sent.status, 202);
  assert.is(emulator.payloads.usedBytes, before + 256 * 1024);
  await waitFor(
    () => (emulator.payloads.usedBytes === before ? true : undefined),
    'the file to go at expiry',
  );
});

test.run();
