import type { CalendarDate } from '@fiks-faktura/sdk';
import { ProtocolCatalog } from '@fiks-faktura/sdk';
import * as assert from 'uvu/assert';
import { fixedClock } from '../../src/clock.js';
import type { ErpConfig } from '../../src/config/erp-config.js';
import { resolveErpConfig } from '../../src/config/load-erp-config.js';
import { ReferenceErp } from '../../src/erp/reference-erp.js';
import { readFixtureLedger } from '../../src/seed/fixture-ledger.js';
import { seedFromFixtures } from '../../src/seed/seed-from-fixtures.js';
import type { Database } from '../../src/store/database.js';
import { openPgliteDatabase } from '../../src/store/pglite-database.js';

/** One catalogue over the real protocol schemas, shared by the tests of a file. */
export const schemaCatalog = ProtocolCatalog.load();

/** An answer as the tests read it: the reply type and its JSON payload. */
export type Reply = { meldingType: string; payload: Record<string, unknown> };

/** Asserts that `reply.payload` validates against the schema of `reply.meldingType`. */
export function assertValidReply(reply: Reply): void {
  const result = schemaCatalog.validate(reply.meldingType, reply.payload);
  assert.ok(
    result.valid,
    `${reply.meldingType} payload does not validate: ${JSON.stringify(result.valid ? [] : result.errors)}\n${JSON.stringify(reply.payload)}`,
  );
}

/** A fixed "today" for the rule tables: Wednesday 2026-03-04 (no holiday nearby). */
export const TODAY = '2026-03-04' as CalendarDate;

/** The noon instant (Oslo) of `day`. */
export function noonOf(day: CalendarDate): Date {
  return new Date(`${day}T11:00:00Z`);
}

/** A seeded ERP on in-memory PGlite (or the given database), with a fixed clock. */
export async function seededErp(
  options: { today?: CalendarDate; config?: Partial<Record<keyof ErpConfig, unknown>>; db?: Database } = {},
): Promise<{ erp: ReferenceErp; db: Database; close(): Promise<void> }> {
  const today = options.today ?? TODAY;
  const db = options.db ?? (await openPgliteDatabase());
  const erp = await ReferenceErp.open({
    db,
    config: resolveErpConfig((options.config ?? {}) as Record<string, unknown>),
    clock: fixedClock(noonOf(today)),
    catalog: schemaCatalog,
  });
  await seedFromFixtures(db, readFixtureLedger(), { today });
  return { erp, db, close: () => (options.db ? Promise.resolve() : db.close()) };
}
