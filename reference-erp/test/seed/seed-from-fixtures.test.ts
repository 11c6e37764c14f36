import { isValidKidMod10 } from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readInvoice } from '../../src/ledger/invoice.js';
import { readFixtureLedger } from '../../src/seed/fixture-ledger.js';
import { seedFromFixtures } from '../../src/seed/seed-from-fixtures.js';
import { seededErp, TODAY } from '../support/erp-fixture.js';

const ctx = await seededErp();
const { db } = ctx;

test('seed: relative dates are materialised against today', async () => {
  const invoice = (await readInvoice(db, '2026-0001'))!;
  assert.is(invoice.dueDate, '2026-03-24');
  assert.is(invoice.invoiceDate, '2026-02-22');
  assert.is(invoice.nextReminderDate, '2026-04-07');
  const deferral = await db.query(
    'SELECT original_due_date AS o, new_due_date AS n, granted_on AS g FROM deferrals WHERE invoice_number = $1',
    ['2026-0009'],
  );
  assert.equal(deferral, [{ o: '2026-03-07', n: '2026-03-24', g: '2026-02-27' }]);
});

test('seed: the plan on 2026-0010 has its instalment invoices and replaces the original', async () => {
  const original = (await readInvoice(db, '2026-0010'))!;
  assert.is(original.replacedByPlan, 'NP-2026-0010');
  const items = await db.query<{ amount: number; kid: string }>(
    'SELECT amount_oere AS amount, kid FROM invoices WHERE plan_id = $1 ORDER BY instalment_number',
    ['NP-2026-0010'],
  );
  assert.equal(
    items.map((i) => i.amount),
    [200_000, 200_000, 200_000],
  );
  assert.ok(items.every((i) => isValidKidMod10(i.kid)));
});

test('seed: the disputed invoice has reminders paused and a dispute', async () => {
  const invoice = (await readInvoice(db, '2026-0016'))!;
  assert.ok(invoice.disputed && invoice.remindersPaused);
  assert.is((await db.query("SELECT 1 FROM disputes WHERE invoice_number = '2026-0016'")).length, 1);
});

test('seed: seeding twice changes nothing', async () => {
  const snapshot = async () =>
    db.query(
      'SELECT (SELECT count(*) FROM invoices)::bigint AS i, (SELECT count(*) FROM deferrals)::bigint AS d, (SELECT count(*) FROM disputes)::bigint AS s, (SELECT count(*) FROM property_owners)::bigint AS o',
    );
  const before = await snapshot();
  const result = await seedFromFixtures(db, readFixtureLedger(), { today: TODAY });
  assert.equal(result, { units: 0, payers: 0, properties: 0, invoices: 0 });
  assert.equal(await snapshot(), before);
});

test.after(() => ctx.close());
test.run();
