import { randomUUID } from 'node:crypto';
import { readFixtureLedger } from '@fiks-faktura/reference-erp';
import {
  isValidFoedselsnummer,
  isValidKidMod10,
  isValidOrganisasjonsnummer,
  ProtocolCatalog,
  type SendtMelding,
} from '@fiks-faktura/sdk';
import type { JsonPayload, Mutant, MutantAnswer } from '../mutant.js';
import { objectAt } from './json-edit.js';

let catalog: ProtocolCatalog | undefined;

/** The generated registry, loaded once: the one source of each request's error reply types. */
function registry(): ProtocolCatalog {
  catalog ??= ProtocolCatalog.load();
  return catalog;
}

const UGYLDIG = '.feilmelding.ugyldigforespoersel';

/** Sends an `ugyldigforespoersel` answer as the request's `ikkefunnet` instead, as a lookup that found nothing. */
function asIkkefunnet(answer: MutantAnswer): Promise<SendtMelding> {
  const ikkefunnet = registry().errorReplyType(answer.request.meldingType, 'ikkefunnet');
  if (!answer.meldingType.endsWith(UGYLDIG) || ikkefunnet === undefined) return answer.send();
  const { detaljer: _detaljer, ...rest } = answer.payload;
  return answer.send({
    meldingType: ikkefunnet,
    payload: { ...rest, feilmelding: 'Fant ingen faktura med dette fakturanummeret for innbyggeren.' },
  });
}

/** True when an identifier of the request fails its check digits (fødselsnummer, organisasjonsnummer, KID). */
function hasCheckDigitFault(payload: JsonPayload | undefined): boolean {
  const innbygger = objectAt(payload, 'innbygger');
  const faktura = objectAt(payload, 'faktura');
  const fnr = innbygger?.foedselsnummer;
  const orgnr = innbygger?.organisasjonsnummer;
  const kid = faktura?.kid;
  return (
    (typeof fnr === 'string' && !isValidFoedselsnummer(fnr)) ||
    (typeof orgnr === 'string' && !isValidOrganisasjonsnummer(orgnr)) ||
    (typeof kid === 'string' && !isValidKidMod10(kid))
  );
}

/** The invoice numbers of the fixture ledger, to tell another payer's invoice from an unknown one. */
function ledgerInvoices(): Set<string> {
  return new Set(readFixtureLedger().fakturaer.map((f) => f.fakturanummer));
}

/** The requester of a request, as text (`innbygger` as sent). */
function requesterOf(payload: JsonPayload | undefined): string {
  return JSON.stringify(objectAt(payload, 'innbygger') ?? null);
}

/** Faults of how the vendor decides: codes, wording, idempotency, validation, confidentiality. */
export const BEHAVIOUR_MUTANTS: readonly Mutant[] = [
  {
    name: 'wrong-kodebeskrivelse',
    description: "words every denial's kodebeskrivelse its own way instead of the code list's",
    cases: ['avdrag.opprett.N1*', 'betalingsutsettelse.opprett.N1*'],
    create: () => ({
      answer(answer) {
        const aarsak = objectAt(answer.payload, 'aarsak');
        if (aarsak === undefined) return answer.send();
        aarsak.kodebeskrivelse = `Avslått (${String(aarsak.kodeverdi).toLowerCase()})`;
        return answer.send({ payload: answer.payload });
      },
    }),
  },
  {
    name: 'ikkefunnet-reveals-owner',
    description: "words ikkefunnet differently when the invoice exists but is another payer's",
    cases: ['*.opprett.F0[1-5]', 'kommentar.send.F0[2-6]'],
    create: () => {
      const invoices = ledgerInvoices();
      return {
        answer(answer) {
          const fakturanummer = objectAt(answer.request.payload, 'faktura')?.fakturanummer;
          if (!answer.meldingType.endsWith('.feilmelding.ikkefunnet') || !invoices.has(String(fakturanummer)))
            return answer.send();
          return answer.send({
            payload: { ...answer.payload, feilmelding: 'Fakturaen tilhører en annen betaler.' },
          });
        },
      };
    },
  },
  {
    name: 'not-idempotent',
    description: 'decides every request anew, as if its foresporselId were new (a repeat books again)',
    cases: ['avdrag.opprett.N04', 'betalingsutsettelse.opprett.N0[78]', 'kommentar.send.N07'],
    create: () => {
      const originals = new Map<string, string>();
      return {
        read(request) {
          const original = request.payload?.foresporselId;
          if (typeof original !== 'string') return undefined;
          const fresh = randomUUID();
          originals.set(fresh, original);
          return { ...request.payload, foresporselId: fresh };
        },
        answer(answer) {
          const original = originals.get(String(answer.payload.foresporselId));
          if (original === undefined) return answer.send();
          return answer.send({ payload: { ...answer.payload, foresporselId: original } });
        },
      };
    },
  },
  {
    name: 'ugyldig-answered-as-ikkefunnet',
    description: 'answers every invalid request with ikkefunnet instead of ugyldigforespoersel',
    cases: ['avdrag.opprett.F0[6-9]', 'betalingsutsettelse.opprett.F0[6-9]', 'kommentar.send.F07'],
    create: () => ({ answer: asIkkefunnet }),
  },
  {
    name: 'check-digits-not-checked',
    description: 'looks identifiers with wrong check digits up instead of refusing them (answers ikkefunnet)',
    cases: ['avdrag.opprett.F0[789]', 'betalingsutsettelse.opprett.F0[789]', 'kommentar.send.F*'],
    create: () => ({
      answer: (answer) => (hasCheckDigitFault(answer.request.payload) ? asIkkefunnet(answer) : answer.send()),
    }),
  },
  {
    name: 'leaks-on-reused-foresporsel-id',
    description: "answers a reused foresporselId from another citizen with the first citizen's answer",
    // The error situations: the cases that reuse a foresporselId for another citizen are among them.
    cases: ['*.F*'],
    create: () => {
      const first = new Map<string, { requester: string; meldingType: string; payload: JsonPayload }>();
      return {
        answer(answer) {
          const id = answer.request.payload?.foresporselId;
          if (typeof id !== 'string') return answer.send();
          const requester = requesterOf(answer.request.payload);
          const earlier = first.get(id);
          if (earlier === undefined)
            first.set(id, { requester, meldingType: answer.meldingType, payload: answer.payload });
          else if (earlier.requester !== requester)
            return answer.send({ meldingType: earlier.meldingType, payload: earlier.payload });
          return answer.send();
        },
      };
    },
  },
];
