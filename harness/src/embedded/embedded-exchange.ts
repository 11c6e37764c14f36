import { randomUUID } from 'node:crypto';
import {
  norwegianDateOf,
  openPgliteDatabase,
  ReferenceErp,
  readFixtureLedger,
  seedFromFixtures,
  startErpService,
} from '@fiks-faktura/reference-erp';
import {
  addDays,
  type CalendarDate,
  FiksIoClient,
  ProtocolCatalog,
  ProtocolRequester,
  type RequestType,
  readPrivateKey,
} from '@fiks-faktura/sdk';
import { type FiksIoEmulator, startFiksIoEmulator } from '../emulator/index.js';

/** One request of the embedded exchange and what came back. */
export interface ExchangeOutcome {
  requestType: string;
  answerType: string;
  /** The answer's payload, validated against its schema. */
  payload: unknown;
  /** From sending the request to having the answer opened and validated. */
  elapsedMs: number;
  /** From the request's delivery to the invoicing system until Fiks IO accepted its answer. */
  answeringMs: number | undefined;
}

const KLIENT = 'Min kommune (klient)';
const TJENER = 'Fakturasystem (tjener)';

function clientFor(emulator: FiksIoEmulator, name: string): FiksIoClient {
  const account = emulator.account(name);
  const privateKey = readPrivateKey(account.privateKeyPem!);
  return new FiksIoClient({
    connection: emulator.connection(account.kontoId),
    signer: { certificate: account.certificate, privateKey },
    privateKeys: [privateKey],
  });
}

/**
 * The three requests Min kommune may send, built from the fixture ledger as seeded `today`: a
 * deferral of an invoice due in three days, a four-instalment plan of the 3 456,78 kr invoice, and
 * a question on an SFO invoice.
 */
function requests(today: CalendarDate): { type: RequestType; payload: Record<string, unknown> }[] {
  const ledger = readFixtureLedger();
  const invoice = (nr: string) => ledger.fakturaer.find((f) => f.fakturanummer === nr)!;
  const payerOf = (nr: string) => {
    const payer = ledger.betalere.find((b) => b.id === invoice(nr).betaler)!;
    return payer.foedselsnummer === undefined
      ? { organisasjonsnummer: payer.organisasjonsnummer! }
      : { foedselsnummer: payer.foedselsnummer };
  };
  const common = (nr: string) => ({
    foresporselId: randomUUID(),
    innbygger: payerOf(nr),
    faktura: { fakturanummer: nr, kid: invoice(nr).kid, kommunenummer: ledger.kommune.kommunenummer },
    sendtTidspunkt: new Date().toISOString(),
  });
  const dueDate = (nr: string) => addDays(today, invoice(nr).forfallsdatoOffsetDager);
  return [
    {
      type: 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett',
      payload: {
        ...common('2026-0002'),
        oensketForfallsdato: addDays(dueDate('2026-0002'), 14),
        begrunnelse: 'Lønn kommer senere denne måneden.',
      },
    },
    {
      type: 'no.ks.fiks.faktura.avdrag.v1.opprett',
      payload: { ...common('2026-0001'), antallAvdrag: 4, intervall: 'MAANEDLIG' },
    },
    {
      type: 'no.ks.fiks.faktura.kommentar.v1.send',
      payload: {
        ...common('2026-0023'),
        kategori: 'SPOERSMAAL',
        tekst: 'Gjelder fakturaen hele høsten, eller bare september?',
        oensketSvarkanal: 'EPOST',
      },
    },
  ];
}

/**
 * The main job on the embedded default: the Fiks IO emulator (in-memory broker), the reference
 * invoicing system (PGlite in memory, seeded from the fixture ledger) answering over it, and Min
 * kommune's side sending one request per protocol, each signed, encrypted, validated and answered.
 */
export async function runEmbeddedExchange(): Promise<ExchangeOutcome[]> {
  const today = norwegianDateOf(new Date());
  const emulator = await startFiksIoEmulator();
  const db = await openPgliteDatabase();
  const portal = clientFor(emulator, KLIENT);
  const erpClient = clientFor(emulator, TJENER);
  try {
    const erp = await ReferenceErp.open({ db });
    await seedFromFixtures(db, readFixtureLedger(), { today });
    const catalog = ProtocolCatalog.load();
    const service = await startErpService({ erp, client: erpClient, catalog });
    const requester = new ProtocolRequester(portal, catalog);
    await requester.start();
    const outcomes: ExchangeOutcome[] = [];
    for (const request of requests(today)) {
      const answer = await requester.request(request.type, request.payload as never, {
        to: emulator.account(TJENER).kontoId,
      });
      const events = emulator.timeline.events();
      const delivered = events.find((e) => e.type === 'delivered' && e.meldingId === answer.svarPaMelding);
      const accepted = events.find((e) => e.type === 'accepted' && e.meldingId === answer.meldingId);
      outcomes.push({
        requestType: request.type,
        answerType: answer.meldingType,
        payload: answer.payload,
        elapsedMs: answer.elapsedMs,
        answeringMs: delivered && accepted ? accepted.at - delivered.at : undefined,
      });
    }
    await service.close();
    return outcomes;
  } finally {
    await portal.close();
    await erpClient.close();
    await db.close();
    await emulator.close();
  }
}
