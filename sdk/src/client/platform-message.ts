/** Sent by Fiks IO when a message's ttl ran out before it was consumed (no payload). */
export const TIDSAVBRUDD = 'no.ks.fiks.kvittering.tidsavbrudd';
/** Sent by Fiks IO when a message was delivered three times without an ack. */
export const SERVERFEIL = 'no.ks.fiks.kvittering.serverfeil.v1';

/** What a platform message says about the message it refers to (`svarPaMelding`). */
export type PlatformMessageKind = 'tidsavbrudd' | 'serverfeil';

/** The kind of a message Fiks IO itself sent, or undefined for messages from an account. */
export function platformMessageKind(meldingType: string): PlatformMessageKind | undefined {
  if (meldingType === TIDSAVBRUDD) return 'tidsavbrudd';
  if (meldingType === SERVERFEIL) return 'serverfeil';
  return undefined;
}
