// Seals and opens one large generated payload and reports peak memory as one JSON line.
// Run by large-payload.test.ts in its own process so that maxRSS measures only this work.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { openPayload } from '../../src/payload/open.js';
import { sealPayload } from '../../src/payload/seal.js';

const [work = '', megabytes = '1024'] = process.argv.slice(2);
const sender = await generateDevCertificate({ commonName: 'Avsender' });
const receiver = await generateDevCertificate({ commonName: 'Mottaker' });

const inputPath = join(work, 'stor.bin');
const inputHash = createHash('sha256');
const block = Buffer.alloc(8 * 1024 * 1024);
const file = await open(inputPath, 'w');
for (let i = 0; i < Number(megabytes) / 8; i++) {
  block.writeUInt32LE(i, (i * 4099) % (block.length - 4));
  inputHash.update(block);
  await file.write(block);
}
await file.close();

let started = Date.now();
const envelopePath = join(work, 'payload.cms');
await pipeline(
  sealPayload({
    files: [{ name: 'stor.bin', data: inputPath }],
    signer: sender,
    recipient: receiver.certificate,
  }),
  createWriteStream(envelopePath),
);
const sealMs = Date.now() - started;
started = Date.now();
const opened = await openPayload(envelopePath, {
  privateKeys: [receiver.privateKey],
  outDir: join(work, 'out'),
});
const openMs = Date.now() - started;
console.log(
  JSON.stringify({
    maxRssKb: process.resourceUsage().maxRSS,
    sealMs,
    openMs,
    sameContent: opened.files[0]?.sha256 === inputHash.digest('hex'),
    path: opened.files[0]?.path,
  }),
);
