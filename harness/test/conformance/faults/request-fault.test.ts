import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { isFiksError, openPayload } from '@fiks-faktura/sdk';
import { generateDevCertificate } from '@fiks-faktura/sdk/testing';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  REQUEST_FAULTS,
  type RequestFault,
  sealFaultyRequest,
} from '../../../src/conformance/faults/request-fault.js';

const [sender, recipient] = await Promise.all([
  generateDevCertificate({ commonName: 'Min kommune (test)' }),
  generateDevCertificate({ commonName: 'Fakturasystem (test)' }),
]);
const files = [
  { name: 'payload.json', data: Buffer.from('{"foresporselId":"x"}', 'utf8') },
  { name: 'vedlegg.pdf', data: Buffer.from('%PDF-1.4 test'), mimeType: 'application/pdf' },
];

async function opened(fault: RequestFault) {
  const envelope = await sealFaultyRequest({
    files,
    signer: { certificate: sender.certificate, privateKey: sender.privateKey },
    recipient: recipient.certificate,
    fault,
  });
  try {
    return {
      ok: true as const,
      contents: await openPayload(envelope, { privateKeys: [recipient.privateKey] }),
    };
  } catch (error) {
    return { ok: false as const, code: isFiksError(error) ? error.code : String(error) };
  }
}

test('the case schema offers exactly the faults the harness can seal', () => {
  const schema = JSON.parse(readFileSync(join(protocolsRoot, 'conformance/case.schema.json'), 'utf8'));
  assert.equal([...schema.$defs.send.properties.fault.enum].sort(), [...REQUEST_FAULTS].sort());
});

const refusedWith: [RequestFault, RegExp][] = [
  ['unsigned', /^SIGNATURE_MISSING$/],
  ['digest-mismatch', /^DIGEST_MISMATCH$/],
  ['signature-over-other-content', /^(SIGNATURE_INVALID|MESSAGE_DIGEST_MISMATCH)$/],
  ['wrong-recipient-key', /^NO_MATCHING_KEY$/],
];
for (const [fault, code] of refusedWith)
  test(`${fault}: the recipient cannot open the request`, async () => {
    const result = await opened(fault);
    assert.not.ok(result.ok, `${fault} opened`);
    if (!result.ok) assert.match(result.code, code);
  });

test("unknown-signer: the container is valid, signed by a certificate that is not the sender's", async () => {
  const result = await opened('unknown-signer');
  assert.ok(result.ok);
  if (!result.ok) return;
  assert.is(result.contents.signature.status, 'verified');
  if (result.contents.signature.status !== 'verified') return;
  assert.not.ok(result.contents.signature.signer.raw.equals(sender.certificate.raw));
  assert.equal(
    result.contents.files.map((f) => f.name),
    files.map((f) => f.name),
  );
});

test.run();
