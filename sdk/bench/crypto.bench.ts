// Throughput of sealing and opening Fiks IO payloads, next to what the machine's OpenSSL does and
// next to a naive node-forge implementation of the same envelope. Prints a table; asserts nothing.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import forge from 'node-forge';
import { generateDevCertificate } from '../src/crypto/dev-certificate.js';
import { openPayload } from '../src/payload/open.js';
import { sealPayload, sealPayloadToBuffer } from '../src/payload/seal.js';

const MB = 1_000_000;
const SMALL = 4 * 1024;
const LARGE_MIB = Number(process.env.BENCH_LARGE_MIB ?? 256);

async function rate(seconds: number, run: () => Promise<unknown> | unknown): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let count = 0;
  const started = performance.now();
  while (performance.now() < end) {
    await run();
    count++;
  }
  return count / ((performance.now() - started) / 1000);
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

/**
 * The median of three timed runs: one run alone says as much about the machine's neighbours as
 * about us. `cleanUp` runs after each, untimed: outputs left on disk would have the kernel write
 * them back during the next run, and the figures are about our work, not about the disk.
 */
async function medianOfThree(run: () => Promise<unknown>, cleanUp: () => void): Promise<number> {
  const seconds: number[] = [];
  for (let round = 0; round < 3; round++) {
    seconds.push(await timed(run));
    cleanUp();
  }
  return seconds.sort((a, b) => a - b)[1]!;
}

function opensslRsaSignRate(): number {
  const out = execFileSync('openssl', ['speed', '-seconds', '2', 'rsa2048'], {
    encoding: 'utf8',
    stdio: 'pipe',
  });
  const line = out.split('\n').find((l) => /^rsa\s+2048 bits/.test(l));
  return Number(line?.trim().split(/\s+/)[5]);
}

function opensslAesMbPerSecond(): number {
  const out = execFileSync('openssl', ['speed', '-seconds', '2', '-evp', 'aes-256-cbc'], {
    encoding: 'utf8',
    stdio: 'pipe',
  });
  const line = out.split('\n').find((l) => /^aes-256-cbc/i.test(l));
  const kPerSecond = Number(line?.trim().split(/\s+/).at(-1)?.replace(/k$/, ''));
  return (kPerSecond * 1000) / MB;
}

const work = mkdtempSync(join(tmpdir(), 'crypto-bench-'));
try {
  const sender = await generateDevCertificate({ commonName: 'Avsender' });
  const receiver = await generateDevCertificate({ commonName: 'Mottaker' });
  const small = Buffer.alloc(SMALL, 'faktura ');
  const sealSmall = () =>
    sealPayloadToBuffer({
      files: [{ name: 'faktura.json', data: small }],
      signer: sender,
      recipient: receiver.certificate,
    });
  const smallEnvelope = await sealSmall();
  const openSmall = () =>
    openPayload(smallEnvelope, { privateKeys: [receiver.privateKey], trusted: [sender.certificate] });

  const sealPerSecond = await rate(2, sealSmall);
  const openPerSecond = await rate(2, openSmall);

  // Large: incompressible bytes as a PDF (stored, as real attachments are already compressed).
  const largePath = join(work, 'bilag.pdf');
  const handle = await open(largePath, 'w');
  const block = Buffer.alloc(8 * 1024 * 1024);
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((i * 2654435761) >>> 0, i);
  for (let i = 0; i < LARGE_MIB / 8; i++) {
    block.writeUInt32LE(i, 0);
    await handle.write(block);
  }
  // Setup is not measured: the kernel writes the new file back now rather than during the runs.
  await handle.sync();
  await handle.close();
  const largeBytes = LARGE_MIB * 1024 * 1024;
  const envelopePath = join(work, 'payload.cms');
  const sealSeconds = await medianOfThree(
    () =>
      pipeline(
        sealPayload({
          files: [{ name: 'bilag.pdf', data: largePath }],
          signer: sender,
          recipient: receiver.certificate,
        }),
        createWriteStream(envelopePath),
      ),
    // Each round overwrites the envelope, which drops the last one's pages.
    () => {},
  );
  const sealed = await open(envelopePath, 'r+');
  await sealed.sync();
  await sealed.close();
  const outDir = join(work, 'out');
  const openSeconds = await medianOfThree(
    () => openPayload(envelopePath, { privateKeys: [receiver.privateKey], outDir }),
    () => rmSync(outDir, { recursive: true, force: true }),
  );
  const sealMbps = largeBytes / MB / sealSeconds;
  const openMbps = largeBytes / MB / openSeconds;

  // node-forge: PKCS#7 signature plus EnvelopedData (AES-256-CBC, RSA PKCS#1 v1.5), the naive baseline.
  const forgeCert = forge.pki.certificateFromPem(sender.certificatePem);
  const forgeKey = forge.pki.privateKeyFromPem(sender.privateKeyPem);
  const forgeRecipient = forge.pki.certificateFromPem(receiver.certificate.toString());
  const forgeRecipientKey = forge.pki.privateKeyFromPem(
    receiver.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  );
  const forgeSeal = (content: Buffer): string => {
    const signed = forge.pkcs7.createSignedData();
    signed.content = forge.util.createBuffer(content.toString('binary'));
    signed.addCertificate(forgeCert);
    signed.addSigner({
      key: forgeKey,
      certificate: forgeCert,
      digestAlgorithm: forge.pki.oids.sha256!,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
        { type: forge.pki.oids.messageDigest! },
        { type: forge.pki.oids.signingTime!, value: new Date() as unknown as string },
      ],
    });
    signed.sign({ detached: true });
    const envelope = forge.pkcs7.createEnvelopedData();
    envelope.addRecipient(forgeRecipient);
    envelope.content = forge.util.createBuffer(content.toString('binary'));
    envelope.encrypt(undefined, forge.pki.oids['aes256-CBC']!);
    return forge.asn1.toDer(envelope.toAsn1()).getBytes();
  };
  const forgeOpen = (der: string): void => {
    const message = forge.pkcs7.messageFromAsn1(forge.asn1.fromDer(der)) as forge.pkcs7.PkcsEnvelopedData;
    message.decrypt(message.recipients[0]!, forgeRecipientKey);
  };
  const forgeSmallEnvelope = forgeSeal(small);
  const forgeSealPerSecond = await rate(2, () => forgeSeal(small));
  const forgeOpenPerSecond = await rate(2, () => forgeOpen(forgeSmallEnvelope));
  const forgeBytes = 16 * 1024 * 1024;
  const forgeContent = block.subarray(0, Math.min(block.length, forgeBytes));
  let forgeLarge = '';
  const forgeSealMbps =
    forgeContent.length /
    MB /
    (await timed(async () => {
      forgeLarge = forgeSeal(forgeContent);
    }));
  const forgeOpenMbps = forgeContent.length / MB / (await timed(async () => forgeOpen(forgeLarge)));

  const rsaSignPerSecond = opensslRsaSignRate();
  const aesMbps = opensslAesMbPerSecond();

  const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
  const rows: Array<[string, string, string]> = [
    ['4 KiB seal', `${sealPerSecond.toFixed(0)} /s`, `forge ${forgeSealPerSecond.toFixed(0)} /s`],
    ['4 KiB open', `${openPerSecond.toFixed(0)} /s`, `forge ${forgeOpenPerSecond.toFixed(0)} /s`],
    [
      `${LARGE_MIB} MiB seal (median of 3)`,
      `${sealMbps.toFixed(0)} MB/s`,
      `forge ${forgeSealMbps.toFixed(1)} MB/s (16 MiB)`,
    ],
    [
      `${LARGE_MIB} MiB open (median of 3)`,
      `${openMbps.toFixed(0)} MB/s`,
      `forge ${forgeOpenMbps.toFixed(1)} MB/s (16 MiB)`,
    ],
    ['openssl rsa2048 sign', `${rsaSignPerSecond.toFixed(0)} /s`, 'private-key operations'],
    ['openssl aes-256-cbc', `${aesMbps.toFixed(0)} MB/s`, '16 KiB blocks'],
    ['open/s ÷ RSA sign/s', pct(openPerSecond / rsaSignPerSecond), 'target ≥ 60 %'],
    ['seal MB/s ÷ AES MB/s', pct(sealMbps / aesMbps), 'target ≥ 40 %'],
    ['open MB/s ÷ AES MB/s', pct(openMbps / aesMbps), 'target ≥ 40 %'],
    ['ours ÷ forge, seal/s', `${(sealPerSecond / forgeSealPerSecond).toFixed(1)}×`, ''],
    ['ours ÷ forge, open/s', `${(openPerSecond / forgeOpenPerSecond).toFixed(1)}×`, ''],
    ['ours ÷ forge, seal MB/s', `${(sealMbps / forgeSealMbps).toFixed(1)}×`, ''],
    ['ours ÷ forge, open MB/s', `${(openMbps / forgeOpenMbps).toFixed(1)}×`, ''],
  ];
  const width = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows)
    console.log(
      row
        .map((cell, i) => cell.padEnd(width[i]!))
        .join('  ')
        .trimEnd(),
    );
} finally {
  rmSync(work, { recursive: true, force: true });
}
