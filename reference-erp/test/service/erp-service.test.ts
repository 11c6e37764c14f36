import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { protocolsRoot } from '@fiks-faktura/protocols';
import type { RequestType } from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { seededErp } from '../support/erp-fixture.js';
import { MESSAGE_TYPE } from '../support/message-types.js';
import { outcomeOf } from '../support/requests.js';
import { servicePlatform } from './support/service-platform.js';

/** An example request payload from the protocol folders, with a fresh foresporselId. */
function example(type: string, name: string): Record<string, unknown> {
  const protocol = type.split('.v1.')[0]!;
  const file = join(protocolsRoot, protocol, 'v1/examples', type, name);
  return { ...JSON.parse(readFileSync(file, 'utf8')), foresporselId: randomUUID() };
}

const ctx = await seededErp();
const { erp, db } = ctx;
const p = await servicePlatform();
await p.startService(erp);

async function count(sql: string, params: unknown[]): Promise<number> {
  return Number((await db.query<{ n: number }>(sql, params))[0]?.n ?? 0);
}

async function ask(type: string, payload: Record<string, unknown>) {
  return p.requester.request(type as RequestType, payload as never, { to: p.erpKontoId, deadlineMs: 5000 });
}

const released = (foresporselId: unknown) =>
  p.waitForEvent((e) => e.foresporselId === foresporselId && e.innsynReleased !== undefined);

test('all three protocols are answered end to end with the decision the ledger stored', async () => {
  const cases = [
    [MESSAGE_TYPE.deferralRequest, 'person-alle-felter.json', MESSAGE_TYPE.deferralResult],
    [MESSAGE_TYPE.instalmentRequest, 'person-fire-avdrag-alle-felter.json', MESSAGE_TYPE.instalmentResult],
    [MESSAGE_TYPE.commentRequest, 'person-minimal.json', MESSAGE_TYPE.commentReceipt],
  ] as const;
  for (const [type, file, replyType] of cases) {
    const payload = example(type, file);
    const answer = await ask(type, payload);
    assert.is(answer.meldingType, replyType, JSON.stringify(answer.payload));
    assert.is((answer.payload as { foresporselId: string }).foresporselId, payload['foresporselId']);
    // The ERP answers a repeat from its decision record: the answer sent is the one it stored.
    assert.equal(await erp.handle(type, payload), {
      meldingType: answer.meldingType,
      payload: answer.payload,
    });
    assert.is(
      await count('SELECT count(*)::bigint AS n FROM decisions WHERE foresporsel_id = $1', [
        payload['foresporselId'],
      ]),
      1,
    );
    const event = await released(payload['foresporselId']);
    assert.is(event.outcome, 'answered');
    assert.is(event.replyMeldingId, answer.meldingId);
  }
});

test('a granted deferral releases its Innsyn update only once the answer was sent', async () => {
  const payload = example(MESSAGE_TYPE.deferralRequest, 'person-alle-felter.json');
  payload['faktura'] = { fakturanummer: '2026-0013' };
  payload['innbygger'] = { foedselsnummer: '02879023605' };
  payload['oensketForfallsdato'] = '2026-03-20';
  const answer = await ask(MESSAGE_TYPE.deferralRequest, payload);
  assert.is(outcomeOf(answer), 'INNVILGET');
  const event = await released(payload['foresporselId']);
  assert.is(event.innsynReleased, 1);
  const updates = (await erp.pendingInnsynUpdates(1000)).filter(
    (u) => u.foresporselId === payload['foresporselId'],
  );
  assert.is(updates.length, 1);
  assert.is(updates[0]!.record.forfallsdato, '2026-03-20');
  assert.is(updates[0]!.record.korrigert, true);
});

test('a schema-invalid request is answered ugyldigforespoersel by the responder and books nothing', async () => {
  const payload = example(MESSAGE_TYPE.deferralRequest, 'person-alle-felter.json');
  payload['oensketForfallsdato'] = '3. april';
  const answer = await p.requester.request(MESSAGE_TYPE.deferralRequest as RequestType, payload as never, {
    to: p.erpKontoId,
    deadlineMs: 5000,
    validate: false,
  });
  assert.ok(answer.meldingType.endsWith('.feilmelding.ugyldigforespoersel'));
  assert.is(
    await count('SELECT count(*)::bigint AS n FROM decisions WHERE foresporsel_id = $1', [
      payload['foresporselId'],
    ]),
    0,
  );
});

test('an answer Fiks IO refuses: the message is requeued, redelivered and gets the identical answer, booked once', async () => {
  const payload = example(MESSAGE_TYPE.instalmentRequest, 'person-fire-avdrag-alle-felter.json');
  payload['faktura'] = { fakturanummer: '2026-0002' };
  delete payload['foersteForfallsdato'];
  payload['antallAvdrag'] = 3;
  let refused = 0;
  let decidedBeforeRefusal = -1;
  p.platform.beforeSend = (request) => {
    if (request.svarPaMelding === undefined || refused > 0) return;
    refused += 1;
    decidedBeforeRefusal = p.events.length;
    throw new Error('Fiks IO unavailable');
  };
  try {
    const answer = await ask(MESSAGE_TYPE.instalmentRequest, payload);
    const id = payload['foresporselId'];
    assert.is(refused, 1);
    assert.is(outcomeOf(answer), 'INNVILGET', JSON.stringify(answer.payload));
    const requeued = p.events.slice(decidedBeforeRefusal).find((e) => e.outcome === 'requeued');
    assert.ok(requeued, 'the refused answer requeues the request');
    assert.is(
      (await released(id)).meldingId,
      requeued!.meldingId,
      'the same message was redelivered and answered',
    );
    assert.equal(await erp.handle(MESSAGE_TYPE.instalmentRequest, payload), {
      meldingType: answer.meldingType,
      payload: answer.payload,
    });
    assert.is(await count('SELECT count(*)::bigint AS n FROM decisions WHERE foresporsel_id = $1', [id]), 1);
    assert.is(await count('SELECT count(*)::bigint AS n FROM audit_log WHERE foresporsel_id = $1', [id]), 1);
    // One plan, its three instalment invoices once.
    assert.is(
      await count("SELECT count(*)::bigint AS n FROM invoices WHERE invoice_number LIKE '2026-0002-%'", []),
      3,
    );
  } finally {
    p.platform.beforeSend = undefined;
  }
});

test('the same request sent twice (two messages, one foresporselId) gets the identical answer', async () => {
  const payload = example(MESSAGE_TYPE.commentRequest, 'person-minimal.json');
  const [a, b] = await Promise.all([
    ask(MESSAGE_TYPE.commentRequest, payload),
    ask(MESSAGE_TYPE.commentRequest, payload),
  ]);
  assert.is(a.meldingType, MESSAGE_TYPE.commentReceipt);
  assert.equal(b.payload, a.payload);
  assert.is.not(b.svarPaMelding, a.svarPaMelding);
  assert.is(
    await count('SELECT count(*)::bigint AS n FROM decisions WHERE foresporsel_id = $1', [
      payload['foresporselId'],
    ]),
    1,
  );
});

test('close() lets the answer in flight be sent and stops consuming', async () => {
  const local = await servicePlatform();
  const service = await local.startService(erp);
  const payload = example(MESSAGE_TYPE.commentRequest, 'person-minimal.json');
  const pending = local.requester.request(MESSAGE_TYPE.commentRequest as RequestType, payload as never, {
    to: local.erpKontoId,
    deadlineMs: 5000,
  });
  // Close as soon as the request is being handled: its answer still goes out.
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (local.platform.sent.length > 0) {
        clearInterval(poll);
        resolve();
      }
    }, 1);
  });
  await service.close({ graceMs: 5000 });
  const answer = await pending;
  assert.is(answer.meldingType, MESSAGE_TYPE.commentReceipt);
  await local.close();
});

test.after(async () => {
  await p.close();
  const unexpected = p.errors.filter((e) => e.message !== 'Fiks IO unavailable');
  assert.equal(unexpected, [], 'the service reported no errors but the refused send');
  await ctx.close();
});

test.run();
