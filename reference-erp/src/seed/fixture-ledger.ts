// The shared fixture ledger (`protocols/fixtures/ledger.json`) is described and read by the
// protocols workspace; the reference ERP seeds from it.
export {
  type FixtureFaktura as FixtureInvoice,
  type FixtureLedger,
  readFixtureLedger,
} from '@fiks-faktura/protocols/fixtures/ledger.js';
