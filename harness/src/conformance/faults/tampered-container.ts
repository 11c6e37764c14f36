import type { X509Certificate } from 'node:crypto';
import { crc32, inflateRawSync } from 'node:zlib';
import { type AsiceFileInput, FiksError, type Signer, sealPayloadToBuffer } from '@fiks-faktura/sdk';
import { decryptEnvelope, encryptEnvelope } from '@fiks-faktura/sdk/testing';

/** One entry of a container, its content uncompressed. */
interface ZipEntry {
  name: string;
  data: Buffer;
}

const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const DEFLATED = 8;
const UTF8_NAMES = 1 << 11;

/** Where the end-of-central-directory record starts (it may be followed by a comment). */
function endOfCentralDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--)
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  throw new FiksError('CONTAINER_LAYOUT_UNEXPECTED', 'The sealed container has no end of central directory');
}

/** The entries of a container the SDK wrote (no ZIP64), in their order. */
function readEntries(zip: Buffer): ZipEntry[] {
  const end = endOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER)
      throw new FiksError(
        'CONTAINER_LAYOUT_UNEXPECTED',
        'The sealed container has an unexpected central directory',
      );
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressedSize);
    entries.push({ name, data: method === DEFLATED ? inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + skip;
  }
  return entries;
}

/** A container of stored entries, in the given order. */
function writeEntries(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(UTF8_NAMES, 6);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(header, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += header.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const SIGNATURE_ENTRY = /^META-INF\/signature[^/]*\.p7s$/i;
const MANIFEST_ENTRY = /^META-INF\/ASiCManifest[^/]*\.xml$/i;
const SIG_REFERENCE = /<([\w-]+:)?SigReference\b[^>]*?(\/>|>[\s\S]*?<\/([\w-]+:)?SigReference>)/;

/** The fault a tampered container carries. */
export type ContainerFault = 'unsigned' | 'digest-mismatch' | 'signature-over-other-content';

function withPayloadChanged(entries: readonly ZipEntry[], payloadName: string): ZipEntry[] {
  return entries.map((e) =>
    e.name === payloadName ? { name: e.name, data: Buffer.concat([e.data, Buffer.from(' ')]) } : e,
  );
}

function tamper(
  entries: ZipEntry[],
  fault: ContainerFault,
  payloadName: string,
  other: ZipEntry[],
): ZipEntry[] {
  if (fault === 'unsigned')
    return entries
      .filter((e) => !SIGNATURE_ENTRY.test(e.name))
      .map((e) =>
        MANIFEST_ENTRY.test(e.name)
          ? { name: e.name, data: Buffer.from(e.data.toString('utf8').replace(SIG_REFERENCE, ''), 'utf8') }
          : e,
      );
  if (fault === 'signature-over-other-content') {
    // Files and manifest stay; the signature is a valid one by the same signer, over the manifest
    // of another container (the same files with the payload one byte longer).
    const otherSignature = other.find((e) => SIGNATURE_ENTRY.test(e.name));
    if (otherSignature === undefined)
      throw new FiksError('CONTAINER_LAYOUT_UNEXPECTED', 'The container to take a signature from has none');
    return entries.map((e) =>
      SIGNATURE_ENTRY.test(e.name) ? { name: e.name, data: otherSignature.data } : e,
    );
  }
  // The signed manifest stays; the payload file changes after signing (one trailing space).
  return withPayloadChanged(entries, payloadName);
}

/**
 * Seals `files` as the SDK would (signed by `signer`), then breaks the container in one way, and
 * encrypts it to `recipient`: `unsigned` drops the signature and the manifest's reference to it;
 * `digest-mismatch` changes the payload file after the manifest listing its digest was signed;
 * `signature-over-other-content` keeps files and manifest and puts in the signer's valid signature
 * over another container's manifest. The signer's own certificate and key carry the container
 * between the two steps. Used for faulty requests (the conformance suite) and faulty replies (the
 * self-test's mutants) alike.
 */
export async function sealTamperedPayload(options: {
  files: readonly AsiceFileInput[];
  signer: Signer;
  recipient: X509Certificate;
  fault: ContainerFault;
}): Promise<Buffer> {
  const { files, signer, recipient, fault } = options;
  const sealed = await sealPayloadToBuffer({
    files,
    signer,
    recipient: signer.certificate,
    compression: 'store',
  });
  const zip = decryptEnvelope(sealed, [signer.privateKey]);
  const payloadName = files[0]?.name ?? 'payload.json';
  const other =
    fault === 'signature-over-other-content'
      ? readEntries(
          decryptEnvelope(
            await sealPayloadToBuffer({
              files: files.map((f) =>
                f.name === payloadName && f.data instanceof Uint8Array
                  ? { ...f, data: Buffer.concat([f.data, Buffer.from(' ')]) }
                  : f,
              ),
              signer,
              recipient: signer.certificate,
              compression: 'store',
            }),
            [signer.privateKey],
          ),
        )
      : [];
  const tampered = writeEntries(tamper(readEntries(zip), fault, payloadName, other));
  return encryptEnvelope(tampered, recipient);
}
