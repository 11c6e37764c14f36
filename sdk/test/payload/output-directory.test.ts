// Payload files written to an output directory: all or none, and never outside it, whichever
// reader takes the container (random access from bytes or a file, or taken apart as it streams).
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeAsicManifest } from '../../src/asice/asic-manifest.js';
import { readAsice } from '../../src/asice/asice-reader.js';
import { ZipWriter } from '../../src/asice/zip-writer.js';
import { encryptEnvelope } from '../../src/crypto/cms-envelope-writer.js';
import { signDetached } from '../../src/crypto/cms-signature.js';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { openPayload } from '../../src/payload/open.js';
import { errorCodeOf } from '../support/error-code-of.js';

const work = mkdtempSync(join(tmpdir(), 'output-directory-test-'));
process.env.TMPDIR = work;
const sender = await generateDevCertificate({ commonName: 'Avsender' });
const receiver = await generateDevCertificate({ commonName: 'Mottaker' });
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** A signed container of `files`; `digestOf` lets a test list a wrong digest for one of them. */
async function containerOf(files: Record<string, string>, wrongDigestFor?: string): Promise<Buffer> {
  const signatureName = 'META-INF/signature.p7s';
  const manifest = writeAsicManifest(
    Object.entries(files).map(([name, text]) => ({
      name,
      mimeType: 'text/plain',
      sha256: sha256(Buffer.from(name === wrongDigestFor ? `${text}!` : text)),
    })),
    signatureName,
  );
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const zip = new ZipWriter(out);
  await zip.addBuffer('mimetype', Buffer.from('application/vnd.etsi.asic-e+zip'), false);
  for (const [name, text] of Object.entries(files)) await zip.addBuffer(name, Buffer.from(text), false);
  await zip.addBuffer('META-INF/ASiCManifest.xml', manifest, false);
  await zip.addBuffer(signatureName, signDetached(manifest, sender), false);
  await zip.finish();
  return Buffer.concat(chunks);
}

type Reader = (container: Buffer, outDir: string) => Promise<unknown>;

/** Every way a container reaches an output directory. */
const readers: Record<string, Reader> = {
  'bytes, random access': (container, outDir) => readAsice(container, { outDir }),
  'file, random access': (container, outDir) => {
    const path = join(work, 'container.asice');
    writeFileSync(path, container);
    return readAsice(path, { outDir });
  },
  'envelope in memory': (container, outDir) =>
    openPayload(encryptEnvelope(container, receiver.certificate), {
      privateKeys: [receiver.privateKey],
      outDir,
    }),
  'envelope streamed': (container, outDir) =>
    openPayload(Readable.from([encryptEnvelope(container, receiver.certificate)]), {
      privateKeys: [receiver.privateKey],
      outDir,
    }),
};

const codeOf = errorCodeOf;

/** A fresh folder for one case, with `out` and `elsewhere` paths in it. */
function scene(label: string): { out: string; elsewhere: string; root: string } {
  const root = join(work, label.replace(/[^a-z]+/gi, '-'));
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root);
  return { root, out: join(root, 'out'), elsewhere: join(root, 'elsewhere') };
}

/** The files under `dir`, as relative paths with their content (links as `-> target`). */
function listing(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    const key = path.slice(dir.length + 1);
    if (entry.isSymbolicLink()) found[key] = `-> ${readlinkSync(path)}`;
    else if (entry.isFile()) found[key] = readFileSync(path, 'utf8');
  }
  return found;
}

test('a symbolic link inside the output directory is not followed: UNSAFE_ENTRY_NAME, nothing written', async () => {
  const container = await containerOf({ 'a.txt': 'first', 'sub/dir/file.txt': 'escaped?' });
  for (const [label, read] of Object.entries(readers)) {
    const { root, out, elsewhere } = scene(`link ${label}`);
    mkdirSync(elsewhere);
    mkdirSync(out);
    symlinkSync(elsewhere, join(out, 'sub'));
    assert.is(await codeOf(() => read(container, out)), 'UNSAFE_ENTRY_NAME', label);
    assert.equal(listing(elsewhere), {}, label);
    assert.equal(listing(out), { sub: `-> ${elsewhere}` }, label);
    assert.equal(readdirSync(root).sort(), ['elsewhere', 'out'], `${label}: no stage left`);
  }
});

test('a payload file named like a link in the output directory replaces the link, not its target', async () => {
  const container = await containerOf({ 'a.txt': 'new' });
  for (const [label, read] of Object.entries(readers)) {
    const { out, elsewhere } = scene(`file link ${label}`);
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'target.txt'), 'untouched');
    mkdirSync(out);
    symlinkSync(join(elsewhere, 'target.txt'), join(out, 'a.txt'));
    assert.is(await codeOf(() => read(container, out)), 'OK', label);
    assert.equal(listing(out), { 'a.txt': 'new' }, label);
    assert.equal(listing(elsewhere), { 'target.txt': 'untouched' }, label);
  }
});

test('a digest failure on the second file leaves no output directory and no stage', async () => {
  const container = await containerOf({ 'a.txt': 'first', 'b.txt': 'second' }, 'b.txt');
  for (const [label, read] of Object.entries(readers)) {
    const { root, out } = scene(`digest ${label}`);
    assert.is(await codeOf(() => read(container, out)), 'DIGEST_MISMATCH', label);
    assert.equal(readdirSync(root), [], label);
  }
});

test('a file that cannot be moved into place (a directory in the way) leaves the output directory as it was', async () => {
  const container = await containerOf({ 'a.txt': 'new a', 'b.txt': 'new b' });
  for (const [label, read] of Object.entries(readers)) {
    const { root, out } = scene(`blocked ${label}`);
    mkdirSync(join(out, 'b.txt'), { recursive: true });
    writeFileSync(join(out, 'a.txt'), 'old a');
    writeFileSync(join(out, 'b.txt', 'inside'), 'kept');
    assert.is(await codeOf(() => read(container, out)), 'OUTPUT_FAILED', label);
    assert.equal(listing(out), { 'a.txt': 'old a', 'b.txt/inside': 'kept' }, label);
    assert.equal(readdirSync(root), ['out'], label);
  }
});

test('a file and a folder of the same name ("a", "a/b") are refused before anything is written', async () => {
  const container = await containerOf({ a: 'file', 'a/b': 'nested' });
  for (const [label, read] of Object.entries(readers)) {
    const { root, out } = scene(`clash ${label}`);
    assert.is(await codeOf(() => read(container, out)), 'OUTPUT_FAILED', label);
    assert.equal(readdirSync(root), [], label);
  }
});

test('into a new directory and into an existing one: nested files land, others stay, same names are replaced', async () => {
  const container = await containerOf({ 'a.txt': 'new a', 'dir/deeper/c.txt': 'c' });
  for (const [label, read] of Object.entries(readers)) {
    const { root, out } = scene(`success ${label}`);
    assert.is(await codeOf(() => read(container, join(out, 'fresh'))), 'OK', label);
    assert.equal(listing(join(out, 'fresh')), { 'a.txt': 'new a', 'dir/deeper/c.txt': 'c' }, label);
    writeFileSync(join(out, 'a.txt'), 'old a');
    writeFileSync(join(out, 'other.txt'), 'other');
    assert.is(await codeOf(() => read(container, out)), 'OK', label);
    assert.equal(
      Object.fromEntries(Object.entries(listing(out)).filter(([k]) => !k.startsWith('fresh/'))),
      { 'a.txt': 'new a', 'dir/deeper/c.txt': 'c', 'other.txt': 'other' },
      label,
    );
    assert.equal(readdirSync(root), ['out'], label);
  }
});

test.after(() => rmSync(work, { recursive: true, force: true }));
test.run();
