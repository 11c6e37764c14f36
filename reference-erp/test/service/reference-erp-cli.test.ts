import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BIN,
  type Finished,
  runToEnd,
  withoutDatabaseUrl,
} from '../../../scripts/test-support/child-processes.js';

const data = mkdtempSync(join(tmpdir(), 'erp-cli-'));

function run(args: string[]): Promise<Finished> {
  return runToEnd(BIN.erp, args, { env: withoutDatabaseUrl() });
}

test('seed, then open-items and pay move an invoice to paid as in a ledger', async () => {
  const seeded = await run(['seed', '--data', data, '--today', '2026-03-04']);
  assert.is(seeded.code, 0, seeded.stderr);
  const summary = JSON.parse(seeded.stdout);
  assert.is(summary.store, 'pglite');
  assert.is(summary.today, '2026-03-04');
  assert.ok(summary.inserted.invoices > 0);

  const before = JSON.parse((await run(['open-items', '--payer', '15838541280', '--data', data])).stdout);
  const invoice = before.openItems.find((i: { fakturanummer: string }) => i.fakturanummer === '2026-0001');
  assert.ok(invoice, JSON.stringify(before));
  assert.is(invoice.restbeloepOere, invoice.beloepOere);

  const paid = await run([
    'pay',
    '--kid',
    invoice.kid,
    '--beloep-oere',
    String(invoice.restbeloepOere),
    '--dato',
    '2026-03-05',
    '--data',
    data,
  ]);
  assert.is(paid.code, 0, paid.stderr);
  const full = JSON.parse(paid.stdout);
  assert.is(full.fakturanummer, '2026-0001');
  assert.is(full.status, 'BETALT');
  assert.is(full.restbeloepOere, 0);
  // A lock left by a process that is gone is taken over.
  writeFileSync(join(data, 'lock'), '999999999');
  const after = JSON.parse((await run(['open-items', '--payer', '15838541280', '--data', data])).stdout);
  assert.not.ok(after.openItems.some((i: { fakturanummer: string }) => i.fakturanummer === '2026-0001'));
  assert.is(after.openItems.length, before.openItems.length - 1);
});

test('failures are one coded line on stderr and exit 1 (usage errors 64)', async () => {
  const cases: [string[], string][] = [
    [['pay', '--kid', '12345', '--beloep-oere', '100', '--data', data], 'KID_UNKNOWN'],
    [['open-items', '--payer', '12', '--data', data], 'PAYER_INVALID'],
    [['seed', '--today', '2026-02-30', '--data', data], 'INVALID_CALENDAR_DATE'],
    [['serve', '--data', data], 'USAGE'],
  ];
  for (const [args, code] of cases) {
    const result = await run(args);
    assert.is(result.code, code === 'USAGE' ? 64 : 1, args.join(' '));
    assert.is(result.stdout, '');
    assert.match(result.stderr, new RegExp(`^reference-erp: ${code}: `), args.join(' '));
    assert.is(result.stderr.trim().split('\n').length, 1, result.stderr);
  }
});

test('an embedded data directory has one user at a time', async () => {
  writeFileSync(join(data, 'lock'), String(process.pid));
  const busy = await run(['open-items', '--payer', '15838541280', '--data', data]);
  rmSync(join(data, 'lock'));
  assert.is(busy.code, 1);
  assert.match(busy.stderr, /^reference-erp: STORE_IN_USE: .*DATABASE_URL/);
});

test.after(() => rmSync(data, { recursive: true, force: true }));

test.run();
