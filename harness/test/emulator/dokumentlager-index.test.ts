// The Dokumentlager's index: among many stored files, an ack releases exactly its own file and
// gives back exactly its bytes, expiry takes exactly the files due, the cost of a send or an ack
// does not grow with the files kept, and a restart on the same folder starts from an index and a
// folder that agree (both empty).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFiksError } from '@fiks-faktura/sdk';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Dokumentlager } from '../../src/emulator/dokumentlager.js';
import { PayloadStore, type StoredPayload } from '../../src/emulator/payload-store.js';

const test = suite<{ dir: string }>('Fiks IO emulator: the Dokumentlager index');
const HOUR = 60 * 60 * 1000;
const RECEIVER = 'b0000000-0000-4000-8000-000000000000';
const SENDER = 'a0000000-0000-4000-8000-000000000000';

test.before.each(async (context) => {
  context.dir = await mkdtemp(join(tmpdir(), 'emulator-dokumentlager-'));
});

test.after.each(async ({ dir }) => {
  await rm(dir, { recursive: true, force: true });
});

const melding = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** Stores `count` payloads of 1…count bytes and gives each to the Dokumentlager under its message. */
async function storeMany(store: PayloadStore, lager: Dokumentlager, count: number, ttlMs = HOUR) {
  const files: { payload: StoredPayload; id: string }[] = [];
  for (let i = 1; i <= count; i++) {
    const payload = await store.write(new Uint8Array(i));
    files.push({
      payload,
      id: lager.adopt(payload, { kontoIds: [RECEIVER, SENDER], ttlMs, meldingId: melding(i) }),
    });
  }
  return files;
}

const access = new Set([RECEIVER]);

/** The names in `payloads/` once there are `count` (a released file's name goes just after the release). */
async function payloadFiles(dir: string, count: number): Promise<string[]> {
  const until = Date.now() + 5_000;
  for (;;) {
    const names = await readdir(join(dir, 'payloads'));
    if (names.length === count || Date.now() > until) return names.sort();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('among many files, an ack releases exactly its own file and exactly its bytes', async ({ dir }) => {
  const store = await PayloadStore.open({ dir });
  const lager = new Dokumentlager({ store });
  try {
    const count = 400;
    const files = await storeMany(store, lager, count);
    const total = (count * (count + 1)) / 2;
    assert.is(store.usedBytes, total);
    const acked = files[122]!; // message 123, 123 bytes

    lager.releaseMessage(melding(123).toUpperCase());
    assert.is(lager.size, count - 1);
    assert.is(store.fileCount, count - 1);
    assert.is(store.usedBytes, total - 123, 'exactly its bytes go back to the quota');
    assert.not.ok(lager.holds(acked.payload));
    assert.throws(
      () => lager.open(acked.id, access),
      (e: unknown) => isFiksError<string>(e, 'DOKUMENTLAGER_NOT_FOUND'),
    );
    const left = await payloadFiles(dir, count - 1);
    assert.is(left.length, count - 1);
    assert.not.ok(
      left.some((name) => acked.payload.path.endsWith(name)),
      'its file is deleted',
    );
    for (const other of [files[0]!, files[121]!, files[123]!, files.at(-1)!]) {
      assert.ok(lager.holds(other.payload));
      assert.is(lager.open(other.id, access).path, other.payload.path);
    }

    lager.releaseMessage(melding(123));
    lager.releaseMessage(melding(count + 1));
    assert.is(
      store.usedBytes,
      total - 123,
      'a second ack, or one of a message without a file, frees nothing',
    );
  } finally {
    lager.close();
    await store.close();
  }
});

test('expiry takes exactly the files whose ttl + 24 h ran out', async ({ dir }) => {
  const store = await PayloadStore.open({ dir });
  let now = 1_000_000;
  const lager = new Dokumentlager({ store, clock: () => now });
  try {
    const short = await storeMany(store, lager, 3, 1000);
    const long = lager.adopt(await store.write(new Uint8Array(10)), {
      kontoIds: [RECEIVER],
      ttlMs: 10 * HOUR,
      meldingId: melding(99),
    });
    now += 24 * HOUR + 999;
    assert.is(lager.open(short[0]!.id, access).size, 1, 'not yet expired');
    now += 1;
    assert.throws(
      () => lager.open(short[0]!.id, access),
      (e: unknown) => isFiksError<string>(e, 'DOKUMENTLAGER_NOT_FOUND'),
    );
    assert.is(lager.size, 1);
    assert.is(store.usedBytes, 10);
    assert.is(lager.open(long, access).size, 10);
  } finally {
    lager.close();
    await store.close();
  }
});

test('a restart on the same folder starts from an empty folder and an empty index, and counts anew', async ({
  dir,
}) => {
  const first = await PayloadStore.open({ dir });
  const before = new Dokumentlager({ store: first });
  await storeMany(first, before, 5);
  assert.is((await readdir(join(dir, 'payloads'))).length, 5);
  // Stopped without closing the store (killed): the files stay on disk until the next start.
  before.close();

  const store = await PayloadStore.open({ dir });
  const lager = new Dokumentlager({ store });
  try {
    assert.equal(await readdir(join(dir, 'payloads')), []);
    assert.is(store.usedBytes, 0);
    assert.is(lager.size, 0);
    const files = await storeMany(store, lager, 3);
    lager.releaseMessage(melding(2));
    assert.is(store.usedBytes, 1 + 3);
    assert.equal(
      await payloadFiles(dir, 2),
      [files[0]!, files[2]!].map((f) => f.payload.path.split('/').at(-1)).sort(),
    );
  } finally {
    lager.close();
    await store.close();
  }
});

test.run();
