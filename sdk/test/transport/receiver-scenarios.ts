// The behavioural suite every MessageReceiver must pass, run by each transport's test file.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import { isFiksError } from '../../src/errors/fiks-error.js';
import type { Delivery, MessageReceiver } from '../../src/transport/message-receiver.js';

/** A fresh queue `fiksio.konto.<kontoId>` on one transport, with a way to publish to it. */
export interface TransportFixture {
  kontoId: string;
  publish(message: { headers: Record<string, string>; body?: Buffer; expirationMs?: number }): Promise<void>;
  receiver(options: { prefetch?: number; onError?: (error: Error) => void }): MessageReceiver;
  /** Messages waiting in the queue, not delivered to anyone. */
  ready(): Promise<number>;
  dispose(): Promise<void>;
}

/** Headers as Fiks IO sets them on a delivered message. */
export function fiksHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'melding-id': randomUUID(),
    type: 'no.ks.fiks.test.v1.melding',
    'avsender-id': randomUUID(),
    ...extra,
  };
}

/** Polls until `condition` holds, failing after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Starts `receiver` with a handler that records deliveries and then runs `then` on each. */
export async function record(
  receiver: MessageReceiver,
  then: (d: Delivery) => Promise<void> = async () => {},
) {
  const seen: Delivery[] = [];
  await receiver.start(async (delivery) => {
    seen.push(delivery);
    await then(delivery);
  });
  return seen;
}

/** Registers the shared scenarios on `suite`; `fixture` creates a fresh queue per scenario. */
export function receiverScenarios(suite: Test, fixture: () => Promise<TransportFixture>): void {
  const scenario = (name: string, body: (f: TransportFixture) => Promise<void>) =>
    suite(name, async () => {
      const f = await fixture();
      const created: MessageReceiver[] = [];
      const tracked: TransportFixture = {
        ...f,
        receiver: (options) => {
          const receiver = f.receiver(options);
          created.push(receiver);
          return receiver;
        },
      };
      try {
        await body(tracked);
      } finally {
        for (const receiver of created) await receiver.close({ graceMs: 0 });
        await f.dispose();
      }
    });

  scenario('parses every Fiks IO header and acks', async (f) => {
    const meldingId = randomUUID();
    const avsender = randomUUID();
    const svarTil = randomUUID();
    const dokumentlagerId = randomUUID();
    await f.publish({
      headers: {
        'melding-id': meldingId,
        type: 'no.ks.fiks.kvittering.tidsavbrudd',
        'avsender-id': avsender,
        'svar-til': svarTil,
        'svar-til-type': 'no.ks.fiks.faktura.v1.faktura',
        'dokumentlager-id': dokumentlagerId,
        'avsender-navn': 'Bø kommune',
        'egendefinert-header.klientMeldingId': 'km-1',
        'egendefinert-header.klientKorrelasjonId': 'korr-æøå',
        'egendefinert-header.annet': 'verdi',
      },
      expirationMs: 60_000,
    });
    const receiver = f.receiver({});
    const seen = await record(receiver, (d) => d.ack());
    await waitFor(() => seen.length === 1, 'the delivery');
    const d = seen[0]!;
    assert.is(d.meldingId, meldingId);
    assert.is(d.meldingType, 'no.ks.fiks.kvittering.tidsavbrudd');
    assert.is(d.avsenderKontoId, avsender);
    assert.is(d.mottakerKontoId, f.kontoId);
    assert.is(d.svarPaMelding, svarTil);
    assert.is(d.svarTilType, 'no.ks.fiks.faktura.v1.faktura');
    assert.is(d.dokumentlagerId, dokumentlagerId);
    assert.is(d.avsenderNavn, 'Bø kommune');
    assert.equal(d.headere, { klientMeldingId: 'km-1', klientKorrelasjonId: 'korr-æøå', annet: 'verdi' });
    assert.is(d.klientMeldingId, 'km-1');
    assert.is(d.klientKorrelasjonsId, 'korr-æøå');
    assert.is(d.ttlMs, 60_000);
    assert.is(d.resendt, false);
    assert.is(d.harPayload, true);
    assert.is(d.body.length, 0);
    await receiver.close();
    assert.is(await f.ready(), 0);
  });

  scenario('delivers the body bytes unchanged', async (f) => {
    const body = Buffer.from([0, 1, 2, 255, 254, 0x30, 0x82]);
    await f.publish({ headers: fiksHeaders(), body });
    const receiver = f.receiver({});
    const seen = await record(receiver, (d) => d.ack());
    await waitFor(() => seen.length === 1, 'the delivery');
    assert.equal([...seen[0]!.body], [...body]);
    assert.is(seen[0]!.harPayload, true);
    assert.is(seen[0]!.ttlMs, undefined);
    await receiver.close();
  });

  scenario('nack without requeue removes the message', async (f) => {
    await f.publish({ headers: fiksHeaders() });
    const receiver = f.receiver({});
    const seen = await record(receiver, (d) => d.nack());
    await waitFor(() => seen.length === 1, 'the delivery');
    await sleep(200);
    assert.is(seen.length, 1, 'a nacked message must not come back');
    await receiver.close();
    assert.is(await f.ready(), 0);
  });

  scenario('nackWithRequeue redelivers with resendt: true', async (f) => {
    const headers = fiksHeaders();
    await f.publish({ headers });
    const receiver = f.receiver({});
    const seen = await record(receiver, (d) => (d.resendt ? d.ack() : d.nackWithRequeue()));
    await waitFor(() => seen.length === 2, 'the redelivery');
    assert.equal(
      seen.map((d) => [d.meldingId, d.resendt]),
      [
        [headers['melding-id'], false],
        [headers['melding-id'], true],
      ],
    );
    await receiver.close();
    assert.is(await f.ready(), 0);
  });

  scenario('settling twice rejects with DELIVERY_ALREADY_SETTLED', async (f) => {
    await f.publish({ headers: fiksHeaders() });
    const receiver = f.receiver({});
    const outcomes: unknown[] = [];
    await receiver.start(async (d) => {
      await d.ack();
      for (const again of [d.ack, d.nack, d.nackWithRequeue])
        outcomes.push(
          await again().then(
            () => 'resolved',
            (error: unknown) => error,
          ),
        );
    });
    await waitFor(() => outcomes.length === 3, 'the settle attempts');
    for (const outcome of outcomes)
      assert.ok(isFiksError(outcome, 'DELIVERY_ALREADY_SETTLED'), String(outcome));
    await receiver.close();
    assert.is(await f.ready(), 0);
  });

  scenario('prefetch bounds the unsettled deliveries in flight', async (f) => {
    for (let i = 0; i < 5; i++) await f.publish({ headers: fiksHeaders() });
    const receiver = f.receiver({ prefetch: 2 });
    const seen = await record(receiver);
    await waitFor(() => seen.length === 2, 'two deliveries');
    await sleep(300);
    assert.is(seen.length, 2, 'only two may be in flight');
    await seen[0]!.ack();
    await waitFor(() => seen.length === 3, 'a third delivery after one ack');
    await sleep(200);
    assert.is(seen.length, 3);
    for (const d of seen.slice(1)) await d.ack();
    await waitFor(() => seen.length === 5, 'the rest');
    for (const d of seen.slice(3)) await d.ack();
    await receiver.close();
    assert.is(await f.ready(), 0);
  });

  scenario('close waits for an in-flight handler', async (f) => {
    await f.publish({ headers: fiksHeaders() });
    const receiver = f.receiver({});
    let finished = false;
    const seen = await record(receiver, async (d) => {
      await sleep(400);
      await d.ack();
      finished = true;
    });
    await waitFor(() => seen.length === 1, 'the delivery');
    await receiver.close({ graceMs: 5000 });
    assert.ok(finished, 'close returned before the handler finished');
    assert.is(receiver.health().consuming, false);
    assert.is(receiver.health().connected, false);
    assert.is(await f.ready(), 0, 'the handler acked before the connection closed');
  });

  scenario('close gives up after graceMs and the unsettled message returns to the queue', async (f) => {
    await f.publish({ headers: fiksHeaders() });
    const receiver = f.receiver({});
    const seen = await record(receiver, () => sleep(3000));
    await waitFor(() => seen.length === 1, 'the delivery');
    const started = Date.now();
    await receiver.close({ graceMs: 200 });
    assert.ok(Date.now() - started < 2000, 'close must not wait longer than the grace period');
    await waitFor(async () => (await f.ready()) === 1, 'the message back in the queue');
    await expectSettleSkipped(receiver, seen[0]!);
  });

  scenario('a throwing handler requeues, is reported, and the consumer keeps going', async (f) => {
    const errors: Error[] = [];
    const failing = fiksHeaders();
    await f.publish({ headers: failing });
    const receiver = f.receiver({ onError: (e) => errors.push(e) });
    const seen = await record(receiver, async (d) => {
      if (d.meldingId === failing['melding-id'] && !d.resendt) throw new Error('boom');
      await d.ack();
    });
    await waitFor(() => seen.length === 2, 'the redelivery after the throw');
    assert.is(seen[1]!.resendt, true);
    assert.ok(errors.some((e) => isFiksError(e, 'HANDLER_FAILED')));
    assert.ok(receiver.health().consuming);
    await f.publish({ headers: fiksHeaders() });
    await waitFor(() => seen.length === 3, 'a later message');
    await receiver.close();
    assert.is(await f.ready(), 0);
  });

  scenario('a delivery without required headers is nacked and reported, never handled', async (f) => {
    const errors: Error[] = [];
    const { 'avsender-id': _, ...withoutSender } = fiksHeaders();
    await f.publish({ headers: withoutSender });
    await f.publish({ headers: fiksHeaders() });
    const receiver = f.receiver({ onError: (e) => errors.push(e) });
    const seen = await record(receiver, (d) => d.ack());
    await waitFor(() => seen.length === 1, 'the good message');
    await waitFor(() => errors.length === 1, 'the malformed report');
    assert.ok(isFiksError(errors[0], 'HEADER_MISSING'));
    assert.equal((errors[0] as { details?: { missing?: string[] } }).details?.missing, ['avsender-id']);
    await sleep(200);
    assert.is(seen.length, 1);
    await receiver.close();
    assert.is(await f.ready(), 0, 'the malformed message must not be requeued');
  });

  scenario('start twice and start after close are refused', async (f) => {
    const receiver = f.receiver({});
    await receiver.start(async () => {});
    assert.ok(receiver.health().connected && receiver.health().consuming);
    assert.is(receiver.health().consumerCount, 1);
    await receiver
      .start(async () => {})
      .then(
        () => assert.unreachable('second start'),
        (e: unknown) => assert.ok(isFiksError(e, 'RECEIVER_ALREADY_STARTED')),
      );
    await receiver.close();
    await receiver
      .start(async () => {})
      .then(
        () => assert.unreachable('start after close'),
        (e: unknown) => assert.ok(isFiksError(e, 'RECEIVER_CLOSED')),
      );
  });
}

async function expectSettleSkipped(receiver: MessageReceiver, delivery: Delivery) {
  await delivery.ack(); // the connection is gone: skipped silently, counted
  assert.is(receiver.health().skippedSettlements, 1);
}
