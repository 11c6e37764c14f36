// The scenarios every emulator back end must pass: the SDK's own client, in process and over
// HTTP with the written config files, against one running emulator.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReceivedMessage } from '@fiks-faktura/sdk';
import { FiksIoClient, readPrivateKey, SERVERFEIL, TIDSAVBRUDD } from '@fiks-faktura/sdk';
import { generateDevCertificate } from '@fiks-faktura/sdk/testing';
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FiksIoEmulator, FiksIoEmulatorOptions } from '../../src/emulator/fiks-io-emulator.js';
import { credentialScenarios } from './credential-scenarios.js';
import { expectCode, httpClient, TYPE } from './scenario-support.js';

export const TEST_ACCOUNTS: FiksIoEmulatorOptions['accounts'] = {
  accounts: [{ navn: 'Kommune A' }, { navn: 'Fakturasystem B' }, { navn: 'Stille konto C' }],
};

export interface ScenarioContext {
  emulator: FiksIoEmulator;
  dir: string;
}

/** Waits until `check` returns a value other than undefined. */
export async function waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function inProcessClient(emulator: FiksIoEmulator, navn: string): FiksIoClient {
  const account = emulator.account(navn);
  const privateKey = readPrivateKey(account.privateKeyPem!);
  return new FiksIoClient({
    connection: emulator.connection(account.kontoId),
    signer: { certificate: account.certificate, privateKey },
    privateKeys: [privateKey],
  });
}

/** Subscribes and collects every message; `handle` settles (default ack). */
async function collect(
  client: FiksIoClient,
  handle: (message: ReceivedMessage) => Promise<void> = (m) => m.ack(),
): Promise<ReceivedMessage[]> {
  const messages: ReceivedMessage[] = [];
  await client.subscribe(async (message) => {
    messages.push(message);
    await handle(message);
  });
  return messages;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Registers the shared scenarios on `test`, whose context is filled by `start`. */
export function emulatorScenarios(
  test: Test<ScenarioContext>,
  start: (configDir: string) => Promise<FiksIoEmulator | undefined>,
): void {
  const clients: { close(): Promise<void> }[] = [];
  const track = <T extends { close(): Promise<void> }>(client: T): T => {
    clients.push(client);
    return client;
  };

  test.before(async (context) => {
    context.dir = await mkdtemp(join(tmpdir(), 'emulator-test-'));
    const emulator = await start(context.dir);
    if (emulator !== undefined) context.emulator = emulator;
  });

  test.after.each(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  test.after(async (context) => {
    await context.emulator?.close();
    await rm(context.dir, { recursive: true, force: true });
  });

  test('in process: send, receive and reply with sealed payloads; headers as Fiks IO sets them', async ({
    emulator,
  }) => {
    const a = track(inProcessClient(emulator, 'Kommune A'));
    const b = track(inProcessClient(emulator, 'Fakturasystem B'));
    const atB = await collect(b, async (message) => {
      const opened = await message.openPayload();
      await message.reply(`${TYPE}.svar`, [
        { name: 'svar.json', data: Buffer.from(`{"echo":${opened.files[0]!.data!.toString()}}`) },
      ]);
      await message.ack();
    });
    const atA = await collect(a);
    const sent = await a.send({
      mottakerKontoId: b.kontoId,
      meldingType: TYPE,
      klientKorrelasjonsId: 'dialog-1',
      headere: { egen: 'verdi' },
      files: [{ name: 'melding.json', data: Buffer.from('{"n":1}') }],
    });
    assert.is(sent.dokumentlagerId, null);
    assert.is(sent.headere['egen'], 'verdi');
    const reply = await waitFor(() => atA[0], 'the reply');
    const request = atB[0]!;
    assert.is(request.meldingId, sent.meldingId);
    assert.is(request.avsenderKontoId, a.kontoId);
    assert.is(request.headere['egen'], 'verdi');
    assert.is(request.klientKorrelasjonsId, 'dialog-1');
    assert.is(request.ttlMs, 7 * 24 * 60 * 60 * 1000, 'no ttl given: Fiks IO default of 7 days');
    assert.is(reply.svarPaMelding, sent.meldingId);
    assert.is(reply.avsenderKontoId, b.kontoId);
    assert.is(reply.klientKorrelasjonsId, 'dialog-1');
    const opened = await reply.openPayload();
    assert.equal(JSON.parse(opened.files[0]!.data!.toString()), { echo: { n: 1 } });
    const types = emulator.timeline.events({ meldingId: sent.meldingId }).map((e) => e.type);
    assert.ok(types.includes('accepted'), 'accepted is on the timeline');
    await emulator.timeline.waitFor((e) => e.meldingId === reply.meldingId && e.type === 'accepted');
  });

  test('over HTTP with the written configs: send, receive, reply; timeline over JSON', async ({
    emulator,
  }) => {
    const a = await httpClient(emulator, 'Kommune A');
    const b = await httpClient(emulator, 'Fakturasystem B');
    track(a.client);
    track(b.client);
    const atB = await collect(b.client, async (message) => {
      await message.reply(`${TYPE}.svar`, [{ name: 'svar.txt', data: Buffer.from('ok') }]);
      await message.ack();
    });
    const atA = await collect(a.client);
    const sent = await a.client.send({
      mottakerKontoId: b.client.kontoId,
      meldingType: TYPE,
      ttlMs: 60_000,
      files: [{ name: 'faktura.xml', data: Buffer.from('<faktura/>') }],
    });
    const reply = await waitFor(() => atA[0], 'the reply over HTTP');
    assert.is(atB[0]!.meldingId, sent.meldingId);
    assert.is(atB[0]!.ttlMs, 60_000);
    assert.is(reply.svarPaMelding, sent.meldingId);
    const opened = await reply.openPayload();
    assert.is(opened.files[0]!.data!.toString(), 'ok');
    const response = await fetch(`${emulator.url}/emulator/timeline?meldingId=${sent.meldingId}`);
    const events = (await response.json()) as { type: string; at: number; meldingId: string }[];
    assert.ok(events.length >= 1);
    assert.ok(events.every((e) => e.meldingId === sent.meldingId && typeof e.at === 'number'));
    assert.is(events[0]!.type, 'accepted');
  });

  test('catalog: konto, status and public key; key upload replaces the catalog key', async ({ emulator }) => {
    const a = await httpClient(emulator, 'Kommune A');
    track(a.client);
    const http = a.connection.http.client;
    const b = emulator.account('Fakturasystem B');
    const konto = await http.getKonto(b.kontoId);
    assert.is(konto?.kontoId, b.kontoId);
    assert.is(konto?.kontoNavn, 'Fakturasystem B');
    const status = await http.getKontoStatus(b.kontoId);
    assert.is(status?.gyldigMottaker, true);
    assert.is(typeof status?.antallUavhentedeMeldinger, 'number');
    const nokkel = await http.getOffentligNokkel(b.kontoId);
    assert.ok(nokkel.certificate.raw.equals(b.certificate.raw));
    assert.is((await http.verifyOwnKeyMatchesCatalog()).status, 'match');

    const original = emulator.account('Kommune A').certificate;
    const fresh = await generateDevCertificate({ commonName: 'Ny nøkkel' });
    try {
      const stored = await http.uploadOffentligNokkel(a.client.kontoId, fresh.certificatePem);
      assert.ok(stored?.certificate.raw.equals(fresh.certificate.raw), 'the upload answer echoes the key');
      const after = await http.getOffentligNokkel(a.client.kontoId);
      assert.ok(after.certificate.raw.equals(fresh.certificate.raw));
      assert.is((await http.verifyOwnKeyMatchesCatalog()).status, 'mismatch');
      await expectCode(http.uploadOffentligNokkel(b.kontoId, fresh.certificatePem), 'HTTP_FORBIDDEN');
    } finally {
      await http.uploadOffentligNokkel(a.client.kontoId, original.toString());
    }
    assert.is((await http.verifyOwnKeyMatchesCatalog()).status, 'match');
  });

  test('a 20 MB payload goes through Dokumentlager and opens intact', async ({ emulator }) => {
    const a = await httpClient(emulator, 'Kommune A');
    const b = await httpClient(emulator, 'Fakturasystem B');
    track(a.client);
    track(b.client);
    const big = randomBytes(20 * 1024 * 1024);
    const atB = await collect(b.client, async () => {});
    const sent = await a.client.send({
      mottakerKontoId: b.client.kontoId,
      meldingType: TYPE,
      files: [{ name: 'vedlegg.bin', data: big }],
    });
    assert.ok(sent.dokumentlagerId, 'the send answer names the Dokumentlager file');
    const message = await waitFor(() => atB[0], 'the large message', 30_000);
    assert.is(message.dokumentlagerId, sent.dokumentlagerId);
    assert.ok(message.harPayload);
    const encrypted = await message.encryptedPayload();
    assert.ok(!(encrypted instanceof Uint8Array), 'the body is empty; the payload is downloaded');
    const opened = await message.openPayload();
    assert.is(opened.files[0]!.sha256, sha256(big));
    await message.ack();
    // The in-process client downloads it too.
    const local = inProcessClient(emulator, 'Fakturasystem B');
    track(local);
    const stream = await emulator.connection(b.client.kontoId).downloadDokumentlager(sent.dokumentlagerId!);
    let size = 0;
    for await (const chunk of stream) size += (chunk as Buffer).length;
    assert.ok(size > big.length, 'the sealed payload is larger than the file');
  });

  test('ttl runs out before anyone consumes: tidsavbrudd to the sender', async ({ emulator }) => {
    const a = track(inProcessClient(emulator, 'Kommune A'));
    const c = emulator.account('Stille konto C');
    const atA = await collect(a);
    const sent = await a.send({
      mottakerKontoId: c.kontoId,
      meldingType: TYPE,
      ttlMs: 1000,
      klientKorrelasjonsId: 'utløper',
    });
    const notice = await waitFor(
      () => atA.find((m) => m.svarPaMelding === sent.meldingId),
      'tidsavbrudd',
      20_000,
    );
    assert.is(notice.meldingType, TIDSAVBRUDD);
    assert.is(notice.platformMessage, 'tidsavbrudd');
    assert.is(notice.svarTilType, TYPE);
    assert.is(notice.avsenderKontoId, c.kontoId);
    assert.is(notice.harPayload, false);
    const types = emulator.timeline.events({ meldingId: sent.meldingId }).map((e) => e.type);
    assert.ok(types.includes('expired'), `expired on the timeline: ${types.join(', ')}`);
    assert.ok(types.includes('platform-message-sent'));
  });

  test('three deliveries nacked with requeue: serverfeil to the sender, correlation id copied', async ({
    emulator,
  }) => {
    const a = track(inProcessClient(emulator, 'Kommune A'));
    const b = track(inProcessClient(emulator, 'Fakturasystem B'));
    const atB = await collect(b, (m) => m.nackWithRequeue());
    const atA = await collect(a);
    const sent = await a.send({
      mottakerKontoId: b.kontoId,
      meldingType: TYPE,
      klientKorrelasjonsId: 'feiler',
    });
    const notice = await waitFor(
      () => atA.find((m) => m.svarPaMelding === sent.meldingId),
      'serverfeil',
      20_000,
    );
    assert.is(notice.meldingType, SERVERFEIL);
    assert.is(notice.klientKorrelasjonsId, 'feiler');
    assert.is(notice.avsenderKontoId, b.kontoId);
    const deliveries = atB.filter((m) => m.meldingId === sent.meldingId);
    assert.is(deliveries.length, 3);
    assert.equal(
      deliveries.map((m) => m.resendt),
      [false, true, true],
    );
  });

  credentialScenarios(test, track);
}
