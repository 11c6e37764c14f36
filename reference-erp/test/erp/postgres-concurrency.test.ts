import { randomUUID } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixedClock } from '../../src/clock.js';
import { ReferenceErp } from '../../src/erp/reference-erp.js';
import { readFixtureLedger } from '../../src/seed/fixture-ledger.js';
import { seedFromFixtures } from '../../src/seed/seed-from-fixtures.js';
import { noonOf, schemaCatalog, TODAY } from '../support/erp-fixture.js';
import { MESSAGE_TYPE } from '../support/message-types.js';
import { outcomeOf, PAYER } from '../support/requests.js';
import { postgresTestDatabase } from '../support/test-databases.js';

const pg = await postgresTestDatabase('reference-erp concurrency (PostgreSQL)', 1);

if (pg) {
  const open = (db: typeof pg.db) =>
    ReferenceErp.open({ db, clock: fixedClock(noonOf(TODAY)), catalog: schemaCatalog });
  const [a, b] = [await open(pg.db), await open(pg.others[0]!)];
  const seeded = await seedFromFixtures(pg.db, readFixtureLedger(), { today: TODAY });
  const count = async (sql: string, params: unknown[] = []) =>
    ((await pg.db.query<{ n: number }>(sql, params))[0]?.n ?? 0) as number;

  test('PostgreSQL: seeding twice changes nothing', async () => {
    assert.ok(seeded.invoices >= 28);
    const before = await count('SELECT count(*)::bigint AS n FROM invoices');
    const again = await seedFromFixtures(pg.db, readFixtureLedger(), { today: TODAY });
    assert.equal(again, { units: 0, payers: 0, properties: 0, invoices: 0 });
    assert.is(await count('SELECT count(*)::bigint AS n FROM invoices'), before);
    assert.is(await count('SELECT count(*)::bigint AS n FROM deferrals'), 4);
  });

  test('PostgreSQL: two connections racing on one foresporselId end with one decision', async () => {
    const id = randomUUID();
    const payload = {
      foresporselId: id,
      innbygger: PAYER.P01,
      faktura: { fakturanummer: '2026-0001' },
      oensketForfallsdato: '2026-04-01',
      sendtTidspunkt: '2026-03-04T10:00:00+01:00',
    };
    const [ra, rb] = await Promise.all([
      a.handle(MESSAGE_TYPE.deferralRequest, payload),
      b.handle(MESSAGE_TYPE.deferralRequest, payload),
    ]);
    assert.is(outcomeOf(ra), 'INNVILGET');
    assert.is(JSON.stringify(rb), JSON.stringify(ra));
    assert.is(await count('SELECT count(*)::bigint AS n FROM decisions WHERE foresporsel_id = $1', [id]), 1);
    assert.is(
      await count("SELECT count(*)::bigint AS n FROM deferrals WHERE invoice_number = '2026-0001'"),
      1,
    );
    assert.is(await count('SELECT count(*)::bigint AS n FROM audit_log WHERE foresporsel_id = $1', [id]), 1);
  });

  test('PostgreSQL: racing instalment plans and comments book once', async () => {
    const planId = randomUUID();
    const plan = {
      foresporselId: planId,
      innbygger: PAYER.P01,
      faktura: { fakturanummer: '2026-0022' },
      antallAvdrag: 2,
      intervall: 'MAANEDLIG',
      sendtTidspunkt: '2026-03-04T10:00:00+01:00',
    };
    const commentId = randomUUID();
    const comment = {
      foresporselId: commentId,
      innbygger: PAYER.P03,
      faktura: { fakturanummer: '2026-0023' },
      kategori: 'KLAGE',
      tekst: 'Feil beløp',
      sendtTidspunkt: '2026-03-04T10:00:00+01:00',
    };
    const replies = await Promise.all([
      a.handle(MESSAGE_TYPE.instalmentRequest, plan),
      b.handle(MESSAGE_TYPE.instalmentRequest, plan),
      a.handle(MESSAGE_TYPE.commentRequest, comment),
      b.handle(MESSAGE_TYPE.commentRequest, comment),
    ]);
    assert.is(outcomeOf(replies[0]!), 'INNVILGET');
    assert.equal(replies[1], replies[0]);
    assert.equal(replies[3], replies[2]);
    assert.is(
      await count("SELECT count(*)::bigint AS n FROM invoices WHERE parent_invoice_number = '2026-0022'"),
      2,
    );
    assert.is(
      await count('SELECT count(*)::bigint AS n FROM comments WHERE foresporsel_id = $1', [commentId]),
      1,
    );
    assert.is(
      await count("SELECT count(*)::bigint AS n FROM disputes WHERE invoice_number = '2026-0023'"),
      1,
    );
  });

  test.after(() => pg.dispose());
} else {
  test.skip('PostgreSQL concurrency');
}

test.run();
