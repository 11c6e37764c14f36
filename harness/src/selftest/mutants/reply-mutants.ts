import { randomUUID } from 'node:crypto';
import { ProtocolCatalog } from '@fiks-faktura/sdk';
import type { JsonPayload, Mutant } from '../mutant.js';
import { ONE_OF_EACH } from './envelope-mutants.js';

let catalog: ProtocolCatalog | undefined;

/** The generated registry, loaded once: the one source of which replies a request type allows. */
function registry(): ProtocolCatalog {
  catalog ??= ProtocolCatalog.load();
  return catalog;
}

/** Another reply type the catalogue allows for the request, or the same when there is none. */
function otherAllowedReply(requestType: string, replyType: string): string {
  const allowed = registry().entry(requestType)?.allowedReplies ?? [];
  return allowed.find((t) => t !== replyType) ?? replyType;
}

/** The payload with one field broken against its schema, whatever the reply type. */
function schemaBroken(meldingType: string, payload: JsonPayload): JsonPayload {
  if (meldingType.includes('.feilmelding.')) return { ...payload, feilmelding: 42 };
  if ('utfall' in payload) return { ...payload, utfall: 'KANSKJE' };
  return { ...payload, mottattTidspunkt: 'i går' };
}

/** Faults of the answer as a message: its type, its schema, its echo. */
export const REPLY_MUTANTS: readonly Mutant[] = [
  {
    name: 'wrong-reply-type',
    description: 'answers with another reply type the catalogue allows for the request',
    cases: ONE_OF_EACH,
    create: () => ({
      answer: (answer) =>
        answer.send({ meldingType: otherAllowedReply(answer.request.meldingType, answer.meldingType) }),
    }),
  },
  {
    name: 'reply-type-not-allowed',
    description: 'answers with a reply type the catalogue does not allow for the request',
    cases: ONE_OF_EACH,
    create: () => ({
      answer: (answer) => answer.send({ meldingType: `${answer.request.meldingType}.svar` }),
    }),
  },
  {
    name: 'schema-invalid-answer',
    description: 'breaks one field of every answer against its schema',
    cases: ONE_OF_EACH,
    create: () => ({
      answer: (answer) => answer.send({ payload: schemaBroken(answer.meldingType, answer.payload) }),
    }),
  },
  {
    name: 'unknown-extra-field',
    description: 'adds a field no schema defines to every answer (a warning, not a failure)',
    expect: 'warning',
    cases: ONE_OF_EACH,
    create: () => ({
      answer: (answer) => answer.send({ payload: { ...answer.payload, internReferanse: 'X-1' } }),
    }),
  },
  {
    name: 'foresporsel-id-not-echoed',
    description: "answers with a new foresporselId instead of the request's",
    cases: ONE_OF_EACH,
    create: () => ({
      answer: (answer) =>
        answer.send(
          'foresporselId' in answer.payload
            ? { payload: { ...answer.payload, foresporselId: randomUUID() } }
            : {},
        ),
    }),
  },
  {
    name: 'error-reply-blank-feilmelding',
    description: 'sends every error reply with a blank feilmelding',
    cases: ['avdrag.opprett.F02', 'kommentar.send.F07'],
    create: () => ({
      answer: (answer) =>
        answer.send(
          answer.meldingType.includes('.feilmelding.')
            ? { payload: { ...answer.payload, feilmelding: '   ' } }
            : {},
        ),
    }),
  },
  {
    name: 'error-reply-foreign-correlation-id',
    description: 'names an unrelated correlationId in every error reply (a warning, not a failure)',
    expect: 'warning',
    cases: ['avdrag.opprett.F02', 'kommentar.send.F07'],
    create: () => ({
      answer: (answer) =>
        answer.send(
          answer.meldingType.includes('.feilmelding.')
            ? { payload: { ...answer.payload, correlationId: randomUUID() } }
            : {},
        ),
    }),
  },
];
