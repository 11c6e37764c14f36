/** The protocol names the reference ERP answers, version 1. */
export const PROTOCOL = {
  deferral: 'no.ks.fiks.faktura.betalingsutsettelse.v1',
  instalments: 'no.ks.fiks.faktura.avdrag.v1',
  comment: 'no.ks.fiks.faktura.kommentar.v1',
} as const;

/** The message types the reference ERP receives and sends. */
export const MESSAGE_TYPE = {
  deferralRequest: `${PROTOCOL.deferral}.opprett`,
  deferralResult: `${PROTOCOL.deferral}.opprett.resultat`,
  instalmentRequest: `${PROTOCOL.instalments}.opprett`,
  instalmentResult: `${PROTOCOL.instalments}.opprett.resultat`,
  commentRequest: `${PROTOCOL.comment}.send`,
  commentReceipt: `${PROTOCOL.comment}.send.kvittering`,
} as const;

/** The three error replies every protocol has. */
export type ErrorKind = 'ugyldigforespoersel' | 'ikkefunnet' | 'serverfeil';

/** The error reply type of `kind` in the protocol of `requestType` (`<protocol>.v1.feilmelding.<kind>`). */
export function errorReplyType(requestType: string, kind: ErrorKind): string {
  const protocol = Object.values(PROTOCOL).find((p) => requestType.startsWith(`${p}.`));
  const base = protocol ?? requestType.split('.').slice(0, 6).join('.');
  return `${base}.feilmelding.${kind}`;
}
