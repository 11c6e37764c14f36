// The reference ERP answering over the in-memory transport (sealed, signed, validated both ways):
// decisions per second under concurrent load and p50/p99 answer time per protocol, with PGlite
// (embedded, on disk) and with PostgreSQL (skipped with a note when not reachable), next to two
// baselines measured in the same run: one seal + open of a request (no ERP; a round trip does two
// of each) and `erp.handle` called directly (the decision alone, no transport). Asserts nothing.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestType } from '@fiks-faktura/sdk';
import { addDays, openPayload, sealPayloadToBuffer } from '@fiks-faktura/sdk';
import { POSTGRES_URL, POSTGRESQL, serviceAvailable } from '../../scripts/test-support/services.js';
import type { ReferenceErp } from '../src/erp/reference-erp.js';
import { readFixtureLedger } from '../src/seed/fixture-ledger.js';
import { seedFromFixtures } from '../src/seed/seed-from-fixtures.js';
import type { Database } from '../src/store/database.js';
import { openPgliteDatabase } from '../src/store/pglite-database.js';
import { openPostgresDatabase } from '../src/store/postgres-database.js';
import { partyKeys, servicePlatform } from '../test/service/support/service-platform.js';
import { seededErp, TODAY } from '../test/support/erp-fixture.js';
import { MESSAGE_TYPE } from '../test/support/message-types.js';
import { BENCH_DUE_OFFSET_DAYS, benchInvoice, benchLedger } from './bench-ledger.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const LOAD = Number(process.env.BENCH_LOAD ?? 600);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 16);
const WARM_UP = 20;

/** Requests made so far: each one goes to a fresh bench payer, so the rules grant every one. */
let requests = 0;
const BENCH_PAYERS = 3 * (ROUNDS + WARM_UP + Math.min(ROUNDS, 100)) + LOAD + 10;
const bench = benchLedger(readFixtureLedger(), BENCH_PAYERS);
const wishedDueDate = addDays(TODAY, BENCH_DUE_OFFSET_DAYS + 14);

/** A fresh request of each protocol, on its own payer's invoice. */
const PROTOCOLS: Record<string, { type: string; make: (payer: number) => Record<string, unknown> }> = {
  betalingsutsettelse: {
    type: MESSAGE_TYPE.deferralRequest,
    make: (p) => ({
      innbygger: { foedselsnummer: bench.payers[p] },
      faktura: { fakturanummer: benchInvoice(p, 'betalingsutsettelse') },
      oensketForfallsdato: wishedDueDate,
    }),
  },
  avdrag: {
    type: MESSAGE_TYPE.instalmentRequest,
    make: (p) => ({
      innbygger: { foedselsnummer: bench.payers[p] },
      faktura: { fakturanummer: benchInvoice(p, 'avdrag') },
      antallAvdrag: 4,
      intervall: 'MAANEDLIG',
    }),
  },
  kommentar: {
    type: MESSAGE_TYPE.commentRequest,
    make: (p) => ({
      innbygger: { foedselsnummer: bench.payers[p] },
      faktura: { fakturanummer: benchInvoice(p, 'kommentar') },
      kategori: 'SPOERSMAAL',
      tekst: 'Hvorfor er beløpet høyere enn i fjor?',
    }),
  },
};

function request(protocol: string): { type: string; payload: Record<string, unknown> } {
  const spec = PROTOCOLS[protocol]!;
  const payer = requests++ % BENCH_PAYERS;
  return {
    type: spec.type,
    payload: {
      foresporselId: randomUUID(),
      sendtTidspunkt: '2026-03-04T10:00:00+01:00',
      ...spec.make(payer),
    },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const ms = (value: number) => +value.toFixed(2);

/** One store: per-protocol answer times, the direct decision time, and decisions/s under load. */
async function measure(db: Database): Promise<Record<string, Record<string, number | string>>> {
  const { erp } = await seededErp({ db });
  await seedFromFixtures(db, bench.ledger, { today: TODAY });
  requests = 0;
  const p = await servicePlatform();
  await p.startService(erp);
  const ask = async (protocol: string) => {
    const { type, payload } = request(protocol);
    const answer = await p.requester.request(type as RequestType, payload as never, {
      to: p.erpKontoId,
      deadlineMs: 10_000,
    });
    return answer;
  };
  const rows: Record<string, Record<string, number | string>> = {};
  try {
    for (const protocol of Object.keys(PROTOCOLS)) {
      const times: number[] = [];
      const outcomes = new Map<string, number>();
      for (let i = 0; i < ROUNDS + WARM_UP; i++) {
        const answer = await ask(protocol);
        if (i < WARM_UP) continue;
        times.push(answer.elapsedMs);
        const utfall = (answer.payload as { utfall?: string }).utfall ?? answer.meldingType.split('.').pop()!;
        outcomes.set(utfall, (outcomes.get(utfall) ?? 0) + 1);
      }
      times.sort((a, b) => a - b);
      rows[`${protocol}: answer`] = {
        p50_ms: ms(percentile(times, 50)),
        p99_ms: ms(percentile(times, 99)),
        max_ms: ms(times.at(-1)!),
        answers: [...outcomes].map(([k, n]) => `${k} ${n}`).join(', '),
      };
      rows[`${protocol}: erp.handle alone`] = await directDecisions(erp, protocol);
    }
    const started = performance.now();
    let next = 0;
    const protocols = Object.keys(PROTOCOLS);
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < LOAD) {
          const i = next++;
          await ask(protocols[i % protocols.length]!);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    rows[`decisions/s (${IN_FLIGHT} in flight)`] = { per_s: +(LOAD / seconds).toFixed(1) };
  } finally {
    await p.close();
  }
  return rows;
}

async function directDecisions(erp: ReferenceErp, protocol: string): Promise<Record<string, number>> {
  const times: number[] = [];
  for (let i = 0; i < Math.min(ROUNDS, 100); i++) {
    const { type, payload } = request(protocol);
    const started = performance.now();
    await erp.handle(type, payload);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50_ms: ms(percentile(times, 50)), p99_ms: ms(percentile(times, 99)), max_ms: ms(times.at(-1)!) };
}

async function sealOpenBaseline(): Promise<Record<string, number>> {
  const { portal, erp } = await partyKeys();
  const files = [
    { name: 'payload.json', data: Buffer.from(JSON.stringify(request('betalingsutsettelse').payload)) },
  ];
  const signer = { certificate: portal.certificate, privateKey: portal.privateKey };
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    const sealed = await sealPayloadToBuffer({ files, signer, recipient: erp.certificate });
    await openPayload(sealed, { privateKeys: [erp.privateKey] });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50_ms: ms(percentile(times, 50)), p99_ms: ms(percentile(times, 99)), max_ms: ms(times.at(-1)!) };
}

console.log(
  `Reference ERP over the in-memory transport: ${ROUNDS} sequential requests per protocol, then ${LOAD} mixed with ${IN_FLIGHT} in flight`,
);
console.table({ 'baseline: one seal + open (no ERP)': await sealOpenBaseline() });

const dir = mkdtempSync(join(tmpdir(), 'erp-bench-'));
try {
  const pglite = await openPgliteDatabase({ dataDir: dir });
  try {
    console.log('\nPGlite (embedded, on disk)');
    const rows = await measure(pglite);
    console.table(rows);
    const worst = Math.max(
      ...Object.entries(rows)
        .filter(([name]) => name.endsWith(': answer'))
        .map(([, row]) => Number(row['p99_ms'])),
    );
    console.log(
      `embedded mode: worst p99 ${worst.toFixed(1)} ms (target under 100 ms, 1 % of the 10 s deadline)`,
    );
  } finally {
    await pglite.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (await serviceAvailable(POSTGRESQL, 'reference ERP benchmark on PostgreSQL')) {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const postgres = await openPostgresDatabase({ connectionString: POSTGRES_URL, schema });
  try {
    console.log('\nPostgreSQL');
    console.table(await measure(postgres));
  } finally {
    await postgres.exec(`DROP SCHEMA ${schema} CASCADE`);
    await postgres.close();
  }
} else {
  console.log(
    '\nPostgreSQL: not reachable, part skipped (start it, or set TEST_DATABASE_URL, to measure it)',
  );
}
