import type { KeyObject } from 'node:crypto';
import { type AsiceContents, isFiksError, openPayload } from '@fiks-faktura/sdk';
import type { OpenedReply } from '../model/recorded-exchange.js';

/** The JSON file a reply's payload is read from: the catalogue's name, else the only JSON file. */
function payloadFile(contents: AsiceContents, expectedName: string | undefined) {
  const named = contents.files.find((f) => f.name === expectedName);
  if (named !== undefined) return named;
  const json = contents.files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  return json.length === 1 ? json[0] : undefined;
}

function parsedPayload(contents: AsiceContents, expectedName: string | undefined) {
  const file = payloadFile(contents, expectedName);
  if (file?.data === undefined)
    return { payloadError: `no payload file ${expectedName ?? '(none expected)'}` };
  try {
    return { payload: JSON.parse(file.data.toString('utf8')) as unknown };
  } catch (error) {
    return { payloadError: `${file.name} is not JSON: ${(error as Error).message}` };
  }
}

/**
 * Opens a reply's envelope with the harness's keys and reads it as far as it goes: decryption,
 * the ASiC-E (manifest, digests, and the signature when there is one) and the JSON payload.
 * Never throws: a failure is recorded with the SDK's error code, for the checks to judge.
 */
export async function openReply(
  envelope: Uint8Array,
  privateKeys: readonly KeyObject[],
  expectedPayloadName: string | undefined,
): Promise<OpenedReply> {
  let contents: AsiceContents;
  try {
    contents = await openPayload(envelope, { privateKeys: [...privateKeys], allowUnsigned: true });
  } catch (error) {
    return {
      ok: false,
      code: isFiksError(error) ? error.code : 'OPEN_FAILED',
      message: error instanceof Error ? error.message : String(error),
    };
  }
  const signature = contents.signature;
  return {
    ok: true,
    files: contents.files.map(({ name, size, sha256, mimeType }) => ({ name, size, sha256, mimeType })),
    signature:
      signature.status === 'absent'
        ? { status: 'absent' }
        : {
            status: 'verified',
            signerCertificatePem: signature.signer.toString(),
            signerSubject: signature.signer.subject,
            signerSerial: signature.signer.serialNumber,
            signed: signature.signed,
          },
    ...parsedPayload(contents, expectedPayloadName),
  };
}
