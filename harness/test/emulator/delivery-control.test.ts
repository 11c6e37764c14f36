import { FiksIoClient, type ReceivedMessage, readPrivateKey, TIDSAVBRUDD } from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type FiksIoEmulator, startFiksIoEmulator } from '../../src/emulator/fiks-io-emulator.js';
import { TEST_ACCOUNTS, waitFor } from './emulator-scenarios.js';

const TYPE = 'no.ks.fiks.faktura.test.v1.melding';

function client(emulator: FiksIoEmulator, navn: string): FiksIoClient {
  const account = emulator.account(navn);
  const privateKey = readPrivateKey(account.privateKeyPem!);
  return new FiksIoClient({
    connection: emulator.connection(account.kontoId),
    signer: { certificate: account.certificate, privateKey },
    privateKeys: [privateKey],
  });
}

async function parties() {
  const emulator = await startFiksIoEmulator({ accounts: TEST_ACCOUNTS });
  const a = client(emulator, 'Kommune A');
  const b = client(emulator, 'Fakturasystem B');
  const atA: ReceivedMessage[] = [];
  const atB: ReceivedMessage[] = [];
  await a.subscribe(async (m) => {
    atA.push(m);
    await m.ack();
  });
  await b.subscribe(async (m) => {
    atB.push(m);
    await m.ack();
  });
  const close = async () => {
    await Promise.all([a.close(), b.close()]);
    await emulator.close();
  };
  return { emulator, a, b, atA, atB, close };
}

test('a message held until its ttl runs out never reaches the account; the sender gets tidsavbrudd', async () => {
  const p = await parties();
  try {
    p.emulator.holdDelivery(p.b.kontoId);
    const sent = await p.a.send({ mottakerKontoId: p.b.kontoId, meldingType: TYPE, ttlMs: 1_000 });
    const expired = await waitFor(() => p.atA.find((m) => m.meldingType === TIDSAVBRUDD), 'tidsavbrudd');
    assert.is(expired.svarPaMelding, sent.meldingId);
    assert.is(expired.avsenderKontoId, p.b.kontoId);
    assert.is(await p.emulator.releaseDelivery(p.b.kontoId), 0);
    await new Promise((r) => setTimeout(r, 200));
    assert.is(p.atB.length, 0);
  } finally {
    await p.close();
  }
});

test('released in time, a held message is delivered with the ttl it has left', async () => {
  const p = await parties();
  try {
    p.emulator.holdDelivery(p.b.kontoId);
    const sent = await p.a.send({ mottakerKontoId: p.b.kontoId, meldingType: TYPE, ttlMs: 10_000 });
    await new Promise((r) => setTimeout(r, 100));
    assert.is(p.atB.length, 0);
    assert.is(await p.emulator.releaseDelivery(p.b.kontoId), 1);
    const delivered = await waitFor(() => p.atB[0], 'the released message');
    assert.is(delivered.meldingId, sent.meldingId);
    assert.ok(delivered.ttlMs === undefined || delivered.ttlMs <= 10_000);
  } finally {
    await p.close();
  }
});

test('a delivered and acknowledged message is redelivered on request, flagged resendt, over HTTP too', async () => {
  const p = await parties();
  try {
    const sent = await p.a.send({ mottakerKontoId: p.b.kontoId, meldingType: TYPE, headere: { egen: 'x' } });
    await waitFor(() => p.atB[0], 'the first delivery');
    assert.is(p.atB[0]!.resendt, false);
    await p.emulator.redeliver(sent.meldingId);
    const again = await waitFor(() => p.atB[1], 'the redelivery');
    assert.is(again.meldingId, sent.meldingId);
    assert.is(again.headere['egen'], 'x');
    assert.ok(again.resendt);
    const response = await fetch(`${p.emulator.url}/emulator/meldinger/${sent.meldingId}/redeliver`, {
      method: 'POST',
    });
    assert.is(response.status, 200);
    await waitFor(() => p.atB[2], 'the redelivery over HTTP');
    const unknown = await fetch(`${p.emulator.url}/emulator/meldinger/${crypto.randomUUID()}/redeliver`, {
      method: 'POST',
    });
    assert.is(unknown.status, 404);
  } finally {
    await p.close();
  }
});

test('a hold of one klientMeldingId holds that request only; the rest of the traffic flows on', async () => {
  const p = await parties();
  try {
    p.emulator.holdDelivery(p.b.kontoId, 'k-held');
    const held = await p.a.send({
      mottakerKontoId: p.b.kontoId,
      meldingType: TYPE,
      klientMeldingId: 'k-held',
    });
    const other = await p.a.send({
      mottakerKontoId: p.b.kontoId,
      meldingType: TYPE,
      klientMeldingId: 'k-other',
    });
    await waitFor(() => p.atB[0], 'the message not held');
    assert.equal(
      p.atB.map((m) => m.meldingId),
      [other.meldingId],
    );
    assert.is(await p.emulator.releaseDelivery(p.b.kontoId, 'k-held'), 1);
    await waitFor(() => p.atB[1], 'the released message');
    assert.is(p.atB[1]!.meldingId, held.meldingId);
  } finally {
    await p.close();
  }
});

test('hold and release over HTTP', async () => {
  const p = await parties();
  try {
    const hold = await fetch(`${p.emulator.url}/emulator/kontoer/${p.b.kontoId}/hold`, { method: 'POST' });
    assert.is(hold.status, 200);
    await p.a.send({ mottakerKontoId: p.b.kontoId, meldingType: TYPE });
    await new Promise((r) => setTimeout(r, 100));
    assert.is(p.atB.length, 0);
    const release = await fetch(`${p.emulator.url}/emulator/kontoer/${p.b.kontoId}/release`, {
      method: 'POST',
    });
    assert.equal(await release.json(), { kontoId: p.b.kontoId, held: false, released: 1 });
    await waitFor(() => p.atB[0], 'the released message');
  } finally {
    await p.close();
  }
});

test.run();
