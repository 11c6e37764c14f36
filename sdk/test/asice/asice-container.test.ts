import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeAsicManifest } from '../../src/asice/asic-manifest.js';
import { readAsice } from '../../src/asice/asice-reader.js';
import { writeAsice } from '../../src/asice/asice-writer.js';
import { ZipArchive } from '../../src/asice/zip-archive.js';
import { ZipWriter } from '../../src/asice/zip-writer.js';
import { type Signer, signDetached } from '../../src/crypto/cms-signature.js';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { isFiksError } from '../../src/errors/fiks-error.js';

const alice: Signer & { certificatePem: string; privateKeyPem: string } = await generateDevCertificate({
  commonName: 'Alice Kommune',
});
const mallory = await generateDevCertificate({ commonName: 'Mallory AS' });
const work = mkdtempSync(join(tmpdir(), 'asice-container-test-'));
const MIMETYPE = Buffer.from('application/vnd.etsi.asic-e+zip');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest();
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

type Entry = [name: string, data: Buffer, compress?: boolean];

async function zipOf(entries: Entry[], trailing = Buffer.alloc(0)): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const zip = new ZipWriter(out);
  for (const [name, data, compress] of entries) await zip.addBuffer(name, data, compress ?? false);
  await zip.finish('mimetype=application/vnd.etsi.asic-e+zip');
  return Buffer.concat([...chunks, trailing]);
}

const files: Entry[] = [
  ['faktura.json', Buffer.from('{"belop": 100}')],
  ['vedlegg.pdf', Buffer.alloc(3000, 1)],
];

/** A correctly signed container, with hooks to break one thing at a time. */
async function container(
  tweak: {
    manifestFiles?: Array<{ name: string; mimeType: string; sha256: Buffer }>;
    entries?: (base: Entry[]) => Entry[];
    signer?: Signer;
    unsigned?: boolean;
  } = {},
): Promise<Buffer> {
  const sigName = 'META-INF/signature-1.p7s';
  const manifestFiles =
    tweak.manifestFiles ?? files.map(([name, data]) => ({ name, mimeType: 'x/y', sha256: sha256(data) }));
  let manifest = writeAsicManifest(manifestFiles, sigName);
  if (tweak.unsigned) manifest = Buffer.from(manifest.toString().replace(/ *<SigReference[^>]*>\n/, ''));
  const base: Entry[] = [
    ['mimetype', MIMETYPE],
    ...files,
    ['META-INF/ASiCManifest.xml', manifest, true],
    ...(tweak.unsigned ? [] : ([[sigName, signDetached(manifest, tweak.signer ?? alice)]] as Entry[])),
  ];
  return zipOf(tweak.entries ? tweak.entries(base) : base);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (!isFiksError(error)) throw error;
    return error.code;
  }
}

test('a written container reads back verified, in order, and into an output directory', async () => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const sourcePath = join(work, 'source.bin');
  writeFileSync(sourcePath, Buffer.alloc(200_000, 3));
  const written = await writeAsice(
    {
      files: [
        { name: 'faktura.json', data: Buffer.from('{"a":1}') },
        { name: 'stor.bin', data: sourcePath },
        { name: 'strøm.txt', data: Readable.from([Buffer.from('hei '), Buffer.from('verden')]) },
      ],
      signer: alice,
    },
    out,
  );
  const zip = Buffer.concat(chunks);
  assert.equal(
    written.files.map((f) => [f.name, f.size, f.mimeType]),
    [
      ['faktura.json', 7, 'application/json'],
      ['stor.bin', 200_000, 'application/octet-stream'],
      ['strøm.txt', 10, 'text/plain'],
    ],
  );
  const read = await readAsice(zip, { trusted: [alice.certificate] });
  assert.equal(
    read.files.map((f) => [f.name, f.size, f.sha256, f.data?.length]),
    written.files.map((f) => [f.name, f.size, f.sha256, f.size]),
  );
  assert.is(read.files[2]!.data!.toString(), 'hei verden');
  assert.is(read.signature.status, 'verified');
  assert.is(read.checks.signerTrusted, true);
  assert.is(read.checks.digestsVerified, 3);

  const outDir = join(work, 'out');
  const extracted = await readAsice(zip, { outDir });
  assert.equal(readdirSync(outDir).sort(), ['faktura.json', 'stor.bin', 'strøm.txt']);
  assert.ok(readFileSync(join(outDir, 'stor.bin')).equals(Buffer.alloc(200_000, 3)));
  assert.is(extracted.files[1]!.path, join(outDir, 'stor.bin'));

  if (hasOpenssl) {
    // Interop: the signature verifies with openssl over the exact manifest bytes; unzip accepts the zip.
    writeFileSync(join(work, 'manifest.xml'), written.manifest);
    const archive = await ZipArchive.open(zip);
    const sigEntry = (await archive.entries()).find((e) => e.name === written.signatureEntryName)!;
    const sig: Buffer[] = [];
    await archive.pump(
      sigEntry,
      { maxBytes: 1e6, maxRatio: 1e3, ratioGraceBytes: 1e6, total: { remaining: 1e6, limit: 1e6 } },
      (c) => {
        sig.push(c);
      },
    );
    archive.close();
    writeFileSync(join(work, 'sig.p7s'), Buffer.concat(sig));
    const verify = spawnSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        join(work, 'sig.p7s'),
        '-content',
        join(work, 'manifest.xml'),
        '-noverify',
        '-out',
        '/dev/null',
      ],
      { encoding: 'utf8' },
    );
    assert.is(verify.status, 0, verify.stderr);
  }
  writeFileSync(join(work, 'written.asice'), zip);
  const unzip = spawnSync('unzip', ['-t', join(work, 'written.asice')], { encoding: 'utf8' });
  if (unzip.error === undefined) assert.is(unzip.status, 0, unzip.stdout);
});

test('hostile containers fail with the matching code', async () => {
  const cases: Array<[string, () => Promise<unknown>]> = [
    [
      'UNSAFE_ENTRY_NAME',
      async () => readAsice(await container({ entries: (b) => [...b, ['../x', Buffer.from('x')]] })),
    ],
    [
      'UNSAFE_ENTRY_NAME',
      async () => readAsice(await container({ entries: (b) => [...b, ['/abs', Buffer.from('x')]] })),
    ],
    [
      'UNSAFE_ENTRY_NAME',
      async () => readAsice(await container({ entries: (b) => [...b, ['a\\b', Buffer.from('x')]] })),
    ],
    ['DUPLICATE_ENTRY', async () => readAsice(await container({ entries: (b) => [...b, files[0]!] }))],
    [
      'UNEXPECTED_META_INF_ENTRY',
      async () =>
        readAsice(await container({ entries: (b) => [...b, ['META-INF/evil.sh', Buffer.from('x')]] })),
    ],
    [
      'DIGEST_MISMATCH',
      async () =>
        readAsice(
          await container({
            manifestFiles: files.map(([name], i) => ({
              name,
              mimeType: 'x/y',
              sha256: sha256(Buffer.from(String(i))),
            })),
          }),
        ),
    ],
    [
      'MANIFEST_ENTRY_MISSING',
      async () =>
        readAsice(
          await container({
            manifestFiles: [...files, ['borte.txt', Buffer.from('x')] as Entry].map(([name, data]) => ({
              name,
              mimeType: 'x/y',
              sha256: sha256(data),
            })),
          }),
        ),
    ],
    [
      'ENTRY_NOT_IN_MANIFEST',
      async () => readAsice(await container({ entries: (b) => [...b, ['ekstra.txt', Buffer.from('x')]] })),
    ],
    [
      'SIGNER_NOT_TRUSTED',
      async () => readAsice(await container({ signer: mallory }), { trusted: [alice.certificate] }),
    ],
    ['SIGNATURE_MISSING', async () => readAsice(await container({ unsigned: true }))],
    [
      'SIGNATURE_MISSING',
      async () => readAsice(await container({ entries: (b) => b.filter(([n]) => !n.endsWith('.p7s')) })),
    ],
    [
      'MANIFEST_MISSING',
      async () => readAsice(await container({ entries: (b) => b.filter(([n]) => !n.endsWith('.xml')) })),
    ],
    [
      'MIMETYPE_INVALID',
      async () =>
        readAsice(
          await container({ entries: (b) => [['mimetype', Buffer.from('text/plain')], ...b.slice(1)] }),
        ),
    ],
    ['MIMETYPE_INVALID', async () => readAsice(await container({ entries: (b) => [...b.slice(1), b[0]!] }))],
    [
      'ZIP_MALFORMED',
      async () => readAsice(await zipOf([['mimetype', MIMETYPE]], Buffer.from('trailing bytes'))),
    ],
    ['ZIP_MALFORMED', async () => readAsice(Buffer.from('this is not a zip file at all, just text'))],
    ['LIMIT_EXCEEDED', async () => readAsice(await container(), { limits: { maxEntries: 3 } })],
    ['LIMIT_EXCEEDED', async () => readAsice(await container(), { limits: { maxInMemoryBytes: 100 } })],
  ];
  for (const [expected, run] of cases) assert.is(await codeOf(run()), expected, expected);
});

test('a tampered manifest breaks the signature; allowUnsigned accepts no signature but not a bad one', async () => {
  const good = await container();
  const tampered = await container({
    entries: (b) =>
      b.map(
        ([n, d, c]) =>
          [n, n.endsWith('.xml') ? Buffer.from(d.toString().replace('x/y', 'x/z')) : d, c] as Entry,
      ),
  });
  // The crypto layer reports the signed messageDigest attribute no longer matching the manifest.
  const signatureFailures = ['SIGNATURE_INVALID', 'MESSAGE_DIGEST_MISMATCH'];
  for (const options of [{}, { allowUnsigned: true }]) {
    const error = await readAsice(tampered, options).catch((e: unknown) => e);
    assert.ok(
      isFiksError(error) && error.name === 'CryptoError' && signatureFailures.includes(error.code),
      String(error),
    );
  }
  const unsigned = await readAsice(await container({ unsigned: true }), { allowUnsigned: true });
  assert.is(unsigned.signature.status, 'absent');
  assert.is(unsigned.checks.signerTrusted, null);
  assert.is((await readAsice(good)).signature.status, 'verified');
});

test('zip bombs are stopped by ratio and size limits, whatever the headers claim', async () => {
  const zeros = Buffer.alloc(64 * 1024 * 1024);
  const manifest = Buffer.from(
    writeAsicManifest([{ name: 'bomb.bin', mimeType: 'x/y', sha256: sha256(zeros) }], 'x')
      .toString()
      .replace(/ *<SigReference[^>]*>\n/, ''),
  );
  const bomb = await zipOf([
    ['mimetype', MIMETYPE],
    ['bomb.bin', zeros, true],
    ['META-INF/ASiCManifest.xml', manifest],
  ]);
  assert.ok(bomb.length < 200_000);
  assert.is(await codeOf(readAsice(bomb)), 'LIMIT_EXCEEDED');
  // Lie in the central directory: claim 1 MiB inflated. The real bytes still count.
  const lying = Buffer.from(bomb);
  const central = lying.lastIndexOf(Buffer.from('PK\x01\x02bomb', 'latin1').subarray(0, 4));
  lying.writeUInt32LE(1024 * 1024, central + 24);
  const code = await codeOf(readAsice(lying, { allowUnsigned: true, limits: { maxCompressionRatio: 100 } }));
  assert.ok(code === 'LIMIT_EXCEEDED' || code === 'ZIP_MALFORMED', code);
  const sizeLimited = { maxCompressionRatio: 10_000, maxEntryBytes: 1024 * 1024 };
  assert.is(await codeOf(readAsice(bomb, { allowUnsigned: true, limits: sizeLimited })), 'LIMIT_EXCEEDED');
  // With generous limits the same container is simply a (verified, unsigned) large file.
  const opened = await readAsice(bomb, {
    allowUnsigned: true,
    limits: { maxCompressionRatio: 10_000, maxInMemoryBytes: 1e9 },
  });
  assert.is(opened.files[0]!.size, zeros.length);
});

test('zip-encrypted entries are refused', async () => {
  const zip = await container();
  const patched = Buffer.from(zip);
  // Flag the deflated manifest as encrypted, in its local and its central header.
  const name = Buffer.from('META-INF/ASiCManifest.xml');
  for (const [signature, nameAt, flagAt] of [
    [0x04034b50, 30, 6],
    [0x02014b50, 46, 8],
  ] as const) {
    for (let at = patched.indexOf(name); at >= 0; at = patched.indexOf(name, at + 1)) {
      const start = at - nameAt;
      if (start >= 0 && patched.readUInt32LE(start) === signature)
        patched.writeUInt16LE(patched.readUInt16LE(start + flagAt) | 1, start + flagAt);
    }
  }
  assert.is(await codeOf(readAsice(patched)), 'ENTRY_ENCRYPTED');
});

test('the .NET shape opens: deflated mimetype, asicmanifest.xml, 2918 namespace, xmldsig URI, two SignerInfos', async () => {
  if (!hasOpenssl) {
    console.log('SKIP .NET shape: openssl is not installed');
    return;
  }
  const manifest = Buffer.from(`<?xml version="1.0" encoding="utf-8"?>
<cades:ASiCManifest xmlns:cades="http://uri.etsi.org/2918/v1.2.1#" xmlns:sig="http://www.w3.org/2000/09/xmldsig#">
  <cades:SigReference URI="META-INF/signature-abc.p7s" MimeType="application/x-pkcs7-signature" />
  <cades:DataObjectReference URI="faktura.json" MimeType="application/json">
    <sig:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha256" />
    <sig:DigestValue>${sha256(files[0]![1]).toString('base64')}</sig:DigestValue>
  </cades:DataObjectReference>
</cades:ASiCManifest>`);
  const signature = opensslSign(manifest, ['-md', 'sha256'], 2);
  const zip = await zipOf([
    ['mimetype', MIMETYPE, true],
    files[0]!,
    ['META-INF/asicmanifest.xml', manifest, true],
    ['META-INF/signature-abc.p7s', signature],
  ]);
  const read = await readAsice(zip, { trusted: [alice.certificate] });
  assert.is(read.signature.status === 'verified' && read.signature.signerInfoCount, 2);
  assert.is(read.checks.manifest, 'META-INF/asicmanifest.xml');
  assert.is(read.files[0]!.data!.toString(), files[0]![1].toString());
});

test('the Java shape opens: SHA-1 signature, xmlenc digests, root file, OASIS manifest and directories tolerated', async () => {
  if (!hasOpenssl) {
    console.log('SKIP Java shape: openssl is not installed');
    return;
  }
  const manifest = writeAsicManifest(
    files.map(([name, data]) => ({ name, mimeType: 'application/octet-stream', sha256: sha256(data) })),
    'META-INF/signature-j.p7s',
  );
  const zip = await zipOf([
    ['mimetype', MIMETYPE],
    ...files.map(([n, d]) => [n, d, true] as Entry),
    ['META-INF/', Buffer.alloc(0)],
    ['META-INF/manifest.xml', Buffer.from('<manifest:manifest/>')],
    ['META-INF/ASiCManifest.xml', manifest],
    ['META-INF/signature-j.p7s', opensslSign(manifest, ['-md', 'sha1'], 1)],
  ]);
  const read = await readAsice(zip);
  assert.is(read.signature.status === 'verified' && read.signature.digestAlgorithm, 'sha1');
  assert.equal(read.checks.ignoredEntries, ['META-INF/', 'META-INF/manifest.xml']);
  assert.is(read.files.length, 2);
});

function opensslSign(content: Buffer, extra: string[], signers: 1 | 2): Buffer {
  const path = (name: string) => join(work, name);
  writeFileSync(path('sign-in.xml'), content);
  writeFileSync(path('cert.pem'), alice.certificatePem);
  writeFileSync(path('key.pem'), alice.privateKeyPem);
  const common = [
    '-binary',
    '-outform',
    'DER',
    '-signer',
    path('cert.pem'),
    '-inkey',
    path('key.pem'),
    ...extra,
  ];
  const run = (args: string[]) => {
    const result = spawnSync('openssl', ['cms', ...args], { encoding: 'utf8' });
    assert.is(result.status, 0, result.stderr);
  };
  run(['-sign', '-in', path('sign-in.xml'), ...common, '-out', path('sig.der')]);
  // A second SignerInfo for the same certificate, as the .NET writer produces.
  if (signers === 2)
    run([
      '-resign',
      '-inform',
      'DER',
      '-in',
      path('sig.der'),
      '-content',
      path('sign-in.xml'),
      ...common,
      '-nocerts',
      '-out',
      path('sig2.der'),
    ]);
  return readFileSync(path(signers === 2 ? 'sig2.der' : 'sig.der'));
}

test.after(() => rmSync(work, { recursive: true, force: true }));
test.run();
