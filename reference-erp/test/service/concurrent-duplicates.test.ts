// Two reference ERP services, each with its own PostgreSQL pool on one schema, consume one queue as
// competing consumers; the same request arrives at both at once.
import { randomUUID } from 'node:crypto';
import type { RequestType } from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixedClock } from '../../src/clock.js';
import { ReferenceErp } from '../../src/erp/reference-erp.js';
import { noonOf, schemaCatalog, seededErp, TODAY } from '../support/erp-fixture.js';
import { MESSAGE_TYPE } from '../support/message-types.js';
import { PAYER } from '../support/requests.js';
import { postgresTestDatabase } from '../support/test-databases.js';
import { servicePlatform } from './support/service-platform.js';

const store = await postgresTestDatabase('concurrent duplicates over two services', 1);

async function count(table: string, foresporselId: string): Promise<number> {
  const rows = await store!.db.query<{ n: number }>(
    `SELECT count(*)::bigint AS n FROM ${table} WHERE foresporsel_id = $1`,
    [foresporselId],
  );
  return Number(rows[0]?.n ?? 0);
}

(store ? test : test.skip)(
  'PostgreSQL: duplicates at two instances at once get one decision and identical answers',
  async () => {
    const { erp: first } = await seededErp({ db: store!.db });
    // The second instance must share the first one's day, as instances sharing a ledger do.
    const second = await ReferenceErp.open({
      db: store!.others[0]!,
      config: first.config,
      clock: fixedClock(noonOf(TODAY)),
      catalog: schemaCatalog,
    });
    const p = await servicePlatform();
    await p.startService(first);
    await p.startService(second);
    try {
      const requests = [
        [
          MESSAGE_TYPE.deferralRequest,
          {
            innbygger: PAYER.P01,
            faktura: { fakturanummer: '2026-0001' },
            oensketForfallsdato: '2026-04-01',
          },
        ],
        [
          MESSAGE_TYPE.instalmentRequest,
          {
            innbygger: PAYER.P01,
            faktura: { fakturanummer: '2026-0002' },
            antallAvdrag: 3,
            intervall: 'MAANEDLIG',
          },
        ],
        [
          MESSAGE_TYPE.commentRequest,
          {
            innbygger: PAYER.P01,
            faktura: { fakturanummer: '2026-0001' },
            kategori: 'KLAGE',
            tekst: 'Feil beløp.',
          },
        ],
      ] as const;
      for (const [type, fields] of requests) {
        const payload = {
          foresporselId: randomUUID(),
          sendtTidspunkt: '2026-03-04T10:00:00+01:00',
          ...fields,
        };
        const copies = 6;
        const answers = await Promise.all(
          Array.from({ length: copies }, () =>
            p.requester.request(type as RequestType, payload as never, {
              to: p.erpKontoId,
              deadlineMs: 10_000,
            }),
          ),
        );
        const first = answers[0]!.payload as { utfall?: string };
        assert.ok(!answers[0]!.meldingType.includes('.feilmelding.'), JSON.stringify(first));
        if (type !== MESSAGE_TYPE.commentRequest) assert.is(first.utfall, 'INNVILGET', JSON.stringify(first));
        for (const answer of answers) assert.equal(answer.payload, answers[0]!.payload);
        assert.is(await count('decisions', payload.foresporselId), 1, `${type}: one decision`);
        assert.is(await count('audit_log', payload.foresporselId), 1, `${type}: decided once`);
      }
      // The last events may come just after the portal had its answers.
      await p.waitForEvent(() => p.events.filter((e) => e.outcome === 'answered').length >= 18);
      const answered = p.events.filter((e) => e.outcome === 'answered');
      assert.is(new Set(answered.map((e) => e.meldingId)).size, 18, 'every copy was answered');
      assert.equal(
        new Set(answered.map((e) => e.instance)),
        new Set([0, 1]),
        'both instances answered copies',
      );
      assert.equal(p.errors, []);
      const plans = await store!.db.query<{ n: number }>(
        "SELECT count(*)::bigint AS n FROM invoices WHERE invoice_number LIKE '2026-0002-%'",
      );
      assert.is(Number(plans[0]?.n), 3, 'one instalment plan, booked once');
    } finally {
      await p.close();
    }
  },
);

test.after(async () => {
  await store?.dispose();
});

test.run();
