import type { ReplyType, RequestType } from '@fiks-faktura/sdk';

/** The message types the tests send and expect, checked against the generated registry. */
export const MESSAGE_TYPE = {
  deferralRequest: 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett',
  deferralResult: 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett.resultat',
  instalmentRequest: 'no.ks.fiks.faktura.avdrag.v1.opprett',
  instalmentResult: 'no.ks.fiks.faktura.avdrag.v1.opprett.resultat',
  commentRequest: 'no.ks.fiks.faktura.kommentar.v1.send',
  commentReceipt: 'no.ks.fiks.faktura.kommentar.v1.send.kvittering',
} as const satisfies Record<string, RequestType | ReplyType>;
