import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type FiksIoEmulator, startFiksIoEmulator } from '../../src/emulator/fiks-io-emulator.js';

let emulator: FiksIoEmulator;

test.before(async () => {
  emulator = await startFiksIoEmulator();
});
test.after(() => emulator.close());

function post(body: unknown, key?: string): Promise<Response> {
  return fetch(`${emulator.url}/innsyn/api/v1/faktura`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(key === undefined ? {} : { 'Idempotency-Key': key }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function listed(
  fakturanummer?: string,
): Promise<{ idempotencyKey: string; record: Record<string, unknown> }[]> {
  const query = fakturanummer === undefined ? '' : `?fakturanummer=${encodeURIComponent(fakturanummer)}`;
  const response = await fetch(`${emulator.url}/emulator/innsyn${query}`);
  assert.is(response.status, 200);
  return response.json() as never;
}

const ORIGINAL = {
  fakturanummer: '2026-0004',
  status: 'IKKE_BETALT',
  forfallsdato: '2026-03-19',
  beloep: 4000,
  kid: '4601202600046',
  kontonummer: '12345678903',
  korrigert: false,
  kanBetales: false,
};
const INSTALMENT = { ...ORIGINAL, fakturanummer: '2026-0004-01', kanBetales: true, forelder: '2026-0004' };

test('Innsyn stand-in: a record is accepted once per idempotency key, and listed', async () => {
  const first = await post(ORIGINAL, 'key-1');
  assert.is(first.status, 201);
  const stored = (await first.json()) as { idempotencyKey: string; fakturanummer: string };
  assert.is(stored.idempotencyKey, 'key-1');
  assert.is(stored.fakturanummer, '2026-0004');
  const retry = await post(ORIGINAL, 'key-1');
  assert.is(retry.status, 200, 'a retry after a lost answer is recognised');
  assert.is(((await retry.json()) as { duplikat?: boolean }).duplikat, true);
  assert.is((await post(INSTALMENT, 'key-2')).status, 201);

  const all = await listed();
  assert.equal(
    all.map((r) => r.idempotencyKey),
    ['key-1', 'key-2'],
  );
  const original = await listed('2026-0004');
  assert.is(original.length, 1);
  assert.equal(original[0]!.record, ORIGINAL);
  const instalment = await listed('2026-0004-01');
  assert.is(instalment[0]!.record['forelder'], '2026-0004');
  assert.equal(await listed('2026-9999'), []);
});

test('Innsyn stand-in: no key, broken JSON or a record without fakturanummer is a 400 with a code', async () => {
  const cases: [Response, string][] = [
    [await post(ORIGINAL), 'IDEMPOTENCY_KEY_MISSING'],
    [await post('{ nope', 'key-x'), 'INVALID_JSON'],
    [await post({ status: 'BETALT' }, 'key-y'), 'INVALID_RECORD'],
    [await post([ORIGINAL], 'key-z'), 'INVALID_RECORD'],
  ];
  for (const [response, code] of cases) {
    assert.is(response.status, 400);
    assert.is(((await response.json()) as { errorCode: string }).errorCode, code);
  }
  const wrongMethod = await fetch(`${emulator.url}/innsyn/api/v1/faktura`);
  assert.is(wrongMethod.status, 405);
  assert.not.ok(
    (await listed()).some((r) => r.idempotencyKey.startsWith('key-') && r.idempotencyKey > 'key-2'),
  );
});

test.run();
