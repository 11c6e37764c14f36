// The fault between the send and the release: Fiks IO accepted the answer, then the process died
// before the decision was marked answered, so its Innsyn updates were never released. Here the
// death is simulated in-process by a release that never happens; the sweep then releases them.
import { randomUUID } from 'node:crypto';
import type { RequestType } from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sweepAnsweredDecisions } from '../../src/jobs/answered-decision-sweep.js';
import { pendingInnsynUpdates } from '../../src/ledger/innsyn-outbox.js';
import { servicePlatform } from '../service/support/service-platform.js';
import { noonOf, seededErp, TODAY } from '../support/erp-fixture.js';

const INSTALMENT_REQUEST = 'no.ks.fiks.faktura.avdrag.v1.opprett' satisfies RequestType;

test('killed after Fiks IO accepted the answer, before the release: the sweep releases the updates', async () => {
  const ctx = await seededErp();
  const p = await servicePlatform();
  try {
    ctx.erp.markAnswerSent = async () => {
      throw new Error('the process died here');
    };
    await p.startService(ctx.erp);
    const foresporselId = randomUUID();
    const answer = await p.requester.request(
      INSTALMENT_REQUEST,
      {
        foresporselId,
        innbygger: { foedselsnummer: '24917211988' },
        faktura: { fakturanummer: '2026-0023' },
        antallAvdrag: 2,
        intervall: 'MAANEDLIG',
        sendtTidspunkt: '2026-03-04T10:00:00+01:00',
      } as never,
      { to: p.erpKontoId, deadlineMs: 10_000 },
    );
    assert.is(answer.meldingType, 'no.ks.fiks.faktura.avdrag.v1.opprett.resultat');
    await p.waitForEvent((e) => e.foresporselId === foresporselId);
    const mine = async () =>
      (await pendingInnsynUpdates(ctx.db, 1000)).filter((u) => u.foresporselId === foresporselId);
    assert.equal(await mine(), [], 'the release never happened');

    const decidedAt = noonOf(TODAY).getTime();
    assert.equal(await sweepAnsweredDecisions(ctx.db, new Date(decidedAt + 30_000), 60), {
      decisionsReleased: 0,
      innsynReleased: 0,
    });
    const swept = await sweepAnsweredDecisions(ctx.db, new Date(decidedAt + 61_000), 60);
    assert.equal(swept, { decisionsReleased: 1, innsynReleased: 3 });
    assert.equal(
      (await mine()).map((u) => [u.record.fakturanummer, u.record.kanBetales]),
      [
        ['2026-0023', false],
        ['2026-0023-01', true],
        ['2026-0023-02', true],
      ],
    );
  } finally {
    await p.close();
    await ctx.close();
  }
});

test.run();
