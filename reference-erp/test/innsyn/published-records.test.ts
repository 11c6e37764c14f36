import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixedClock } from '../../src/clock.js';
import { HttpInnsynPublisher } from '../../src/innsyn/http-innsyn-publisher.js';
import { publishInnsynUpdates } from '../../src/innsyn/publish-innsyn-updates.js';
import type { InnsynFakturaRecord } from '../../src/ledger/innsyn-outbox.js';
import { noonOf, seededErp, TODAY } from '../support/erp-fixture.js';
import { askDeferral, askInstalments, outcomeOf } from '../support/requests.js';

const RULES = { retryInitialMs: 1000, retryMaxMs: 8000, requestTimeoutMs: 2000 };

test('what Innsyn receives: nothing before the answer; then the plan and the deferral as the READMEs say', async () => {
  const received: InnsynFakturaRecord[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push(JSON.parse(body));
    res.writeHead(201).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const publisher = new HttpInnsynPublisher({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/innsyn/api/v1/faktura`,
  });
  const ctx = await seededErp();
  const publish = () =>
    publishInnsynUpdates(ctx.db, publisher, { clock: fixedClock(noonOf(TODAY)), rules: RULES });
  try {
    const plan = await askInstalments(ctx.erp, 'P03', '2026-0023', 2);
    assert.is(outcomeOf(plan), 'INNVILGET');
    const deferral = await askDeferral(ctx.erp, 'P01', '2026-0001', '2026-04-23');
    assert.is(outcomeOf(deferral), 'INNVILGET');
    await publish();
    assert.equal(received, [], 'not published before the answer was sent');

    await ctx.erp.markAnswerSent(plan.payload['foresporselId'] as string);
    await ctx.erp.markAnswerSent(deferral.payload['foresporselId'] as string);
    assert.equal(await publish(), { published: 4, failed: 0 });
    const byNumber = new Map(received.map((r) => [r.fakturanummer, r]));
    assert.is(byNumber.get('2026-0023')?.kanBetales, false, 'the original cannot be paid');
    for (const n of ['2026-0023-01', '2026-0023-02']) {
      assert.equal([byNumber.get(n)?.forelder, byNumber.get(n)?.kanBetales], ['2026-0023', true], n);
    }
    const deferred = byNumber.get('2026-0001');
    assert.equal([deferred?.forfallsdato, deferred?.korrigert], ['2026-04-23', true]);
    assert.equal(await publish(), { published: 0, failed: 0 });
    assert.is(received.length, 4, 'each once');
  } finally {
    await ctx.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test.run();
