import { addDays, type CalendarDate } from '@fiks-faktura/sdk';
import { ReferenceErpError } from '../errors/reference-erp-error.js';
import { insertInvoice } from '../ledger/insert-invoice.js';
import { instalmentInvoices } from '../ledger/instalment-invoices.js';
import type { ClaimLevel, Invoice, InvoiceStatus } from '../ledger/invoice.js';
import type { Database, Queryable } from '../store/database.js';
import type { FixtureInvoice, FixtureLedger } from './fixture-ledger.js';

/** What seeding did: counts of rows inserted now (all zero when the ledger was already seeded). */
export interface SeedResult {
  units: number;
  payers: number;
  properties: number;
  invoices: number;
}

const OPEN_STATUSES = new Set(['SENDT', 'FAKTURERT']);

async function inserted(q: Queryable, sql: string, params: unknown[]): Promise<number> {
  return (await q.query(`${sql} ON CONFLICT DO NOTHING RETURNING 1 AS x`, params)).length;
}

function toInvoice(f: FixtureInvoice, today: CalendarDate, reminderDays: number): Invoice {
  const dueDate = addDays(today, f.forfallsdatoOffsetDager);
  const open = OPEN_STATUSES.has(f.status) && f.restbeloepOere > 0 && !f.nedbetalingsplan;
  return {
    invoiceNumber: f.fakturanummer,
    payerId: f.betaler ?? null,
    propertyId: f.eiendom ?? null,
    productType: f.produkttype,
    unitId: f.ansvarligEnhet,
    amountOere: f.beloepOere,
    restOere: f.restbeloepOere,
    invoiceDate: addDays(today, f.fakturadatoOffsetDager),
    dueDate,
    kid: f.kid,
    accountNumber: f.kontonummer,
    status: f.status as InvoiceStatus,
    claimLevel: f.kravnivaa as ClaimLevel,
    distributionChannel: f.forsendelseskanal,
    disputed: f.omtvistet,
    remindersPaused: f.omtvistet,
    nextReminderDate: open && !f.omtvistet && f.kravnivaa === 'INGEN' ? addDays(dueDate, reminderDays) : null,
    replacedByPlan: null,
    planId: null,
    instalmentNumber: null,
    parentInvoiceNumber: null,
  };
}

/**
 * Loads the fixture ledger into `db`, with every relative date materialised against `today`:
 * units, payers, properties and co-owners, invoices, and their history (deferrals; instalment
 * plans with their instalment invoices, the original marked replaced; disputes). Idempotent:
 * rows that exist are left alone, so seeding twice changes nothing. The claim history
 * (`kravhistorikk`) is represented by the invoice's claim level only.
 */
export async function seedFromFixtures(
  db: Database,
  ledger: FixtureLedger,
  options: { today: CalendarDate; reminderMinDaysAfterDueDate?: number },
): Promise<SeedResult> {
  const { today } = options;
  const reminderDays = options.reminderMinDaysAfterDueDate ?? 14;
  return db.transaction(async (tx) => {
    const result: SeedResult = { units: 0, payers: 0, properties: 0, invoices: 0 };
    for (const u of ledger.enheter) {
      result.units += await inserted(
        tx,
        'INSERT INTO units (unit_id, name, email, phone) VALUES ($1, $2, $3, $4)',
        [u.enhetId, u.enhetNavn, u.epost ?? null, u.telefon ?? null],
      );
    }
    for (const p of ledger.betalere) {
      result.payers += await inserted(
        tx,
        `INSERT INTO payers (payer_id, name, foedselsnummer, organisasjonsnummer, distribution_channel,
           avtalegiro, efaktura, email, phone) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          p.id,
          p.navn,
          p.foedselsnummer ?? null,
          p.organisasjonsnummer ?? null,
          p.forsendelseskanal,
          p.forsendelseskanal === 'AVTALEGIRO',
          p.forsendelseskanal === 'EFAKTURA',
          p.epost ?? null,
          p.telefon ?? null,
        ],
      );
    }
    for (const e of ledger.eiendommer) {
      result.properties += await inserted(
        tx,
        `INSERT INTO properties (property_id, kommunenummer, gaardsnummer, bruksnummer, festenummer, seksjonsnummer)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [e.id, e.kommunenummer, e.gaardsnummer, e.bruksnummer, e.festenummer, e.seksjonsnummer],
      );
      for (const owner of e.eiere) {
        await inserted(tx, 'INSERT INTO property_owners (property_id, payer_id) VALUES ($1, $2)', [
          e.id,
          owner,
        ]);
      }
    }
    for (const f of ledger.fakturaer) {
      if ((f.betaler === undefined) === (f.eiendom === undefined)) {
        throw new ReferenceErpError(
          'FIXTURE_INVALID',
          `Fixture invoice ${f.fakturanummer} must name exactly one of betaler and eiendom.`,
        );
      }
      const invoice = toInvoice(f, today, reminderDays);
      if (!(await insertInvoice(tx, invoice))) continue;
      result.invoices += 1;
      if (f.utsettelse) {
        await tx.query(
          `INSERT INTO deferrals (invoice_number, requested_by, original_due_date, new_due_date, granted_on)
           VALUES ($1, $2, $3, $4, $5)`,
          [
            f.fakturanummer,
            f.betaler ?? null,
            addDays(today, f.utsettelse.opprinneligForfallsdatoOffsetDager),
            addDays(today, f.utsettelse.nyForfallsdatoOffsetDager),
            addDays(today, f.utsettelse.innvilgetOffsetDager),
          ],
        );
      }
      if (f.omtvistet) {
        await tx.query('INSERT INTO disputes (invoice_number, category, opened_on) VALUES ($1, $2, $3)', [
          f.fakturanummer,
          'KLAGE',
          today,
        ]);
      }
      if (f.nedbetalingsplan) {
        const plan = f.nedbetalingsplan;
        const createdOn = addDays(today, plan.opprettetOffsetDager);
        await tx.query(
          `INSERT INTO instalment_plans (plan_id, original_invoice_number, requested_by, instalment_count, total_oere, created_on)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [plan.planId, f.fakturanummer, f.betaler ?? null, plan.antallAvdrag, f.restbeloepOere, createdOn],
        );
        const items = instalmentInvoices(invoice, {
          planId: plan.planId,
          count: plan.antallAvdrag,
          firstDueDate: invoice.dueDate,
          invoiceDate: createdOn,
        });
        for (const item of items) await insertInvoice(tx, item);
        await tx.query(
          'UPDATE invoices SET replaced_by_plan = $2, next_reminder_date = NULL WHERE invoice_number = $1',
          [f.fakturanummer, plan.planId],
        );
      }
    }
    return result;
  });
}
