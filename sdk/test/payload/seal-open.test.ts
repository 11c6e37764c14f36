import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { openPayload } from '../../src/payload/open.js';
import { sealPayload, sealPayloadToBuffer } from '../../src/payload/seal.js';

// Every temporary file of this process goes here, so leftovers are visible.
const privateTmp = mkdtempSync(join(tmpdir(), 'seal-open-test-'));
process.env.TMPDIR = privateTmp;
const work = mkdtempSync(join(tmpdir(), 'work-'));
const leftovers = () => readdirSync(privateTmp).filter((name) => !name.startsWith('work-'));

const sender = await generateDevCertificate({ commonName: 'Avsender Kommune' });
const receiver = await generateDevCertificate({ commonName: 'Mottaker AS' });
const rotatedOut = await generateDevCertificate({ commonName: 'Mottaker AS (old key)' });

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    assert.ok(isFiksError(error), `not a FiksError: ${String(error)}`);
    return (error as { code: string }).code;
  }
}

test('a small payload seals and opens in memory, trying every key, without temporary files', async () => {
  const json = Buffer.from(JSON.stringify({ fakturanummer: '2024-1', belop: 1250 }));
  const envelope = await sealPayloadToBuffer({
    files: [{ name: 'utsettelse.json', data: json }],
    signer: sender,
    recipient: receiver.certificate,
  });
  assert.is(envelope[0], 0x30);
  const opened = await openPayload(envelope, {
    privateKeys: [rotatedOut.privateKey, receiver.privateKey],
    trusted: [sender.certificate],
  });
  assert.is(opened.files.length, 1);
  assert.ok(opened.files[0]!.data!.equals(json));
  assert.is(opened.files[0]!.mimeType, 'application/json');
  assert.is(
    opened.signature.status === 'verified' && opened.signature.signer.subject,
    sender.certificate.subject,
  );
  assert.equal(leftovers(), []);
});

test('a larger payload streams through temporary files (from a path and from a stream) and they are removed', async () => {
  const bigPath = join(work, 'bilag.pdf');
  const big = Buffer.alloc(12 * 1024 * 1024);
  for (let i = 0; i < big.length; i += 4) big.writeUInt32LE((i * 2654435761) >>> 0, i);
  writeFileSync(bigPath, big);
  const envelopePath = join(work, 'payload.cms');
  const sealed = sealPayload({
    files: [
      { name: 'melding.xml', data: Buffer.from('<melding/>') },
      { name: 'bilag.pdf', data: bigPath },
      { name: 'logg.txt', data: Readable.from(['linje 1\n', 'linje 2\n']) },
    ],
    signer: sender,
    recipient: receiver.certificate,
  });
  writeFileSync(envelopePath, await collect(sealed));
  assert.equal(leftovers(), []);

  const outDir = join(work, 'out');
  const fromPath = await openPayload(envelopePath, { privateKeys: [receiver.privateKey], outDir });
  assert.equal(
    fromPath.files.map((f) => f.name),
    ['melding.xml', 'bilag.pdf', 'logg.txt'],
  );
  assert.ok(readFileSync(join(outDir, 'bilag.pdf')).equals(big));
  assert.is(readFileSync(join(outDir, 'logg.txt'), 'utf8'), 'linje 1\nlinje 2\n');
  const fromStream = await openPayload(Readable.from([readFileSync(envelopePath)]), {
    privateKeys: [receiver.privateKey],
    limits: { maxInMemoryBytes: 64 * 1024 * 1024 },
  });
  assert.is(fromStream.files[1]!.sha256, fromPath.files[1]!.sha256);
  assert.equal(leftovers(), []);
});

test('wrong key, truncated and garbage envelopes fail with codes and leave no temporary files', async () => {
  const envelope = await sealPayloadToBuffer({
    files: [{ name: 'a.txt', data: Buffer.from('hei') }],
    signer: sender,
    recipient: receiver.certificate,
  });
  assert.is(await codeOf(openPayload(envelope, { privateKeys: [rotatedOut.privateKey] })), 'NO_MATCHING_KEY');
  const truncated = envelope.subarray(0, envelope.length - 40);
  assert.not.equal(await codeOf(openPayload(truncated, { privateKeys: [receiver.privateKey] })), 'OK');
  // The same failures through the streaming (temporary file) path.
  assert.not.equal(
    await codeOf(openPayload(Readable.from([truncated]), { privateKeys: [receiver.privateKey] })),
    'OK',
  );
  assert.not.equal(
    await codeOf(
      openPayload(Readable.from([Buffer.from('garbage')]), { privateKeys: [receiver.privateKey] }),
    ),
    'OK',
  );
  assert.is(
    await codeOf(openPayload(join(work, 'missing.cms'), { privateKeys: [receiver.privateKey] })),
    'INPUT_UNREADABLE',
  );
  assert.equal(leftovers(), []);
});

test('a sealed stream destroyed half way removes its temporary file', async () => {
  const path = join(work, 'half.bin');
  writeFileSync(path, Buffer.alloc(20 * 1024 * 1024, 9));
  const sealed = sealPayload({
    files: [{ name: 'half.bin', data: path }],
    signer: sender,
    recipient: receiver.certificate,
  });
  for await (const _chunk of sealed) break;
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(leftovers(), []);
});

test('a failing input fails the sealed stream with a code and removes its temporary file', async () => {
  const sealed = sealPayload({
    files: [{ name: 'x.bin', data: join(work, 'does-not-exist.bin') }],
    signer: sender,
    recipient: receiver.certificate,
  });
  assert.is(await codeOf(collect(sealed)), 'INPUT_UNREADABLE');
  assert.equal(leftovers(), []);
});

test.after(() => rmSync(privateTmp, { recursive: true, force: true }));
test.run();
