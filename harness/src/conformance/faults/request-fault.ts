import type { X509Certificate } from 'node:crypto';
import { type AsiceFileInput, type Signer, sealPayloadToBuffer } from '@fiks-faktura/sdk';
import { generateDevCertificate } from '@fiks-faktura/sdk/testing';
import { sealTamperedPayload } from './tampered-container.js';

/**
 * Ways a request can be one the tjener cannot trust (`send.fault` of a case step):
 * - `unsigned`: the container has no signature;
 * - `unknown-signer`: validly signed, by a certificate that is neither the sending account's
 *   catalog certificate nor one the tjener was told to trust;
 * - `digest-mismatch`: the payload file does not match the digest in the signed manifest;
 * - `signature-over-other-content`: a valid signature of the sender, over another manifest;
 * - `wrong-recipient-key`: encrypted to a key that is not the tjener's.
 */
export const REQUEST_FAULTS = [
  'unsigned',
  'unknown-signer',
  'digest-mismatch',
  'signature-over-other-content',
  'wrong-recipient-key',
] as const;

/** One of {@link REQUEST_FAULTS}. */
export type RequestFault = (typeof REQUEST_FAULTS)[number];

let stranger: Promise<Signer & { certificate: X509Certificate }> | undefined;

/** A key pair and self-signed certificate no Fiks IO account publishes (one per process). */
function strangerKeys(): Promise<Signer & { certificate: X509Certificate }> {
  stranger ??= generateDevCertificate({
    commonName: 'Ukjent avsender (conformance fault)',
    organizationNumber: '999999999',
  }).then(({ certificate, privateKey }) => ({ certificate, privateKey }));
  return stranger;
}

/**
 * Seals `files` for `recipient` with one fault in it: the container as the sender's SDK would
 * write it, broken in exactly the way `fault` names (everything else as usual).
 */
export async function sealFaultyRequest(options: {
  files: readonly AsiceFileInput[];
  signer: Signer;
  recipient: X509Certificate;
  fault: RequestFault;
}): Promise<Buffer> {
  const { files, signer, recipient, fault } = options;
  switch (fault) {
    case 'unknown-signer':
      return sealPayloadToBuffer({ files, signer: await strangerKeys(), recipient });
    case 'wrong-recipient-key':
      return sealPayloadToBuffer({ files, signer, recipient: (await strangerKeys()).certificate });
    default:
      return sealTamperedPayload({ files, signer, recipient, fault });
  }
}
