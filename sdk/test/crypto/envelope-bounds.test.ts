// An envelope's header and its RecipientInfos are bounded the same way whether the envelope is
// opened in memory or streamed: a hostile header cannot cost seconds of RSA attempts.
import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { childrenOf, encodingOf, readSingleTlv } from '../../src/crypto/ber-reader.js';
import { createEnvelopeDecryptor, decryptEnvelope } from '../../src/crypto/cms-envelope-reader.js';
import { encryptEnvelope } from '../../src/crypto/cms-envelope-writer.js';
import { derOctetString, derSequence, derSetOf, derValue } from '../../src/crypto/der-writer.js';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { MAX_ENVELOPE_HEADER_BYTES, MAX_RECIPIENT_INFOS } from '../../src/crypto/envelope-prefix.js';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { chunk, runThrough } from './envelope-fixtures.js';

const alice = await generateDevCertificate({ commonName: 'Alice Kommune' });
const plaintext = randomBytes(3000);
const ours = encryptEnvelope(plaintext, alice.certificate);

/** `ours` with `bogus` extra KeyTransRecipientInfos (random encrypted keys) before the real one. */
function withBogusRecipients(bogus: number): Buffer {
  const [contentType, wrapper] = childrenOf(readSingleTlv(ours));
  const [envelopedData] = childrenOf(wrapper!);
  const [version, recipientInfos, encryptedContentInfo] = childrenOf(envelopedData!);
  const [real] = childrenOf(recipientInfos!);
  const [riVersion, rid, algorithm] = childrenOf(real!);
  const fake = derSequence(
    encodingOf(riVersion!),
    encodingOf(rid!),
    encodingOf(algorithm!),
    derOctetString(randomBytes(256)),
  );
  const infos = [...Array.from({ length: bogus }, () => fake), encodingOf(real!)];
  return derSequence(
    encodingOf(contentType!),
    derValue(0xa0, derSequence(encodingOf(version!), derSetOf(...infos), encodingOf(encryptedContentInfo!))),
  );
}

/** The error of each way of opening: in memory, streamed in one chunk, streamed in small chunks. */
async function refusals(envelope: Buffer): Promise<Array<{ code: string; details: unknown }>> {
  const ways = [
    async () => decryptEnvelope(envelope, [alice.privateKey]),
    () => runThrough(createEnvelopeDecryptor([alice.privateKey]), [envelope]),
    () => runThrough(createEnvelopeDecryptor([alice.privateKey]), chunk(envelope, [4096])),
  ];
  const out: Array<{ code: string; details: unknown }> = [];
  for (const way of ways) {
    try {
      await way();
      out.push({ code: 'OK', details: undefined });
    } catch (error) {
      if (!isFiksError(error)) throw error;
      out.push({ code: error.code, details: error.details });
    }
  }
  return out;
}

test('20 000 bogus RecipientInfos (a 7.8 MB header) are refused before any RSA attempt, in every path', async () => {
  const envelope = withBogusRecipients(20_000);
  assert.ok(envelope.length > 7_000_000);
  for (const refusal of await refusals(envelope)) {
    assert.is(refusal.code, 'ENVELOPE_MALFORMED');
    assert.is((refusal.details as { limit?: number }).limit, MAX_ENVELOPE_HEADER_BYTES);
  }
});

test(`more than ${MAX_RECIPIENT_INFOS} RecipientInfos in a small header are refused, in every path`, async () => {
  const envelope = withBogusRecipients(MAX_RECIPIENT_INFOS);
  assert.ok(envelope.length < MAX_ENVELOPE_HEADER_BYTES);
  for (const refusal of await refusals(envelope))
    assert.equal(refusal, {
      code: 'ENVELOPE_MALFORMED',
      details: { recipients: MAX_RECIPIENT_INFOS + 1, limit: MAX_RECIPIENT_INFOS },
    });
});

test(`${MAX_RECIPIENT_INFOS} RecipientInfos, ours the last, open in every path`, async () => {
  const envelope = withBogusRecipients(MAX_RECIPIENT_INFOS - 1);
  assert.ok(decryptEnvelope(envelope, [alice.privateKey]).equals(plaintext));
  const streamed = await runThrough(createEnvelopeDecryptor([alice.privateKey]), chunk(envelope, [333]));
  assert.ok(streamed.equals(plaintext));
});

test.run();
