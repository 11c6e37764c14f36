/** The end of central directory record, zip64 included, and the zip64 extra field of central records. */
import { malformed, type Reads, readUInt64 } from './zip-reads.js';

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_BYTES = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_BYTES = 20;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const MAX_COMMENT_BYTES = 0xffff;

/** What the end of central directory record says. */
export interface EndRecord {
  entryCount: number;
  directoryOffset: number;
  comment: Buffer;
}

/** Finds and reads the end record (and its zip64 form) in the last bytes before `size`. */
export function* readEndRecord(size: number, start = 0): Reads<EndRecord> {
  const tailLength = Math.min(ZIP64_LOCATOR_BYTES + EOCD_BYTES + MAX_COMMENT_BYTES, size - start);
  const tail = yield { position: size - tailLength, length: tailLength };
  for (let i = tailLength - EOCD_BYTES; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== EOCD_SIGNATURE) continue;
    const commentLength = tail.readUInt16LE(i + 20);
    if (commentLength !== tailLength - i - EOCD_BYTES)
      throw malformed('the archive comment length is wrong (extra bytes at the end?)');
    let diskNumber = tail.readUInt16LE(i + 4);
    let entryCount = tail.readUInt16LE(i + 10);
    let directoryOffset = tail.readUInt32LE(i + 16);
    const comment = Buffer.from(tail.subarray(i + EOCD_BYTES));
    const locatorAt = i - ZIP64_LOCATOR_BYTES;
    if (locatorAt >= 0 && tail.readUInt32LE(locatorAt) === ZIP64_LOCATOR_SIGNATURE) {
      const zip64End = yield { position: readUInt64(tail, locatorAt + 8), length: 56 };
      if (zip64End.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE)
        throw malformed('invalid zip64 end of central directory record signature');
      diskNumber = zip64End.readUInt32LE(16);
      entryCount = readUInt64(zip64End, 32);
      directoryOffset = readUInt64(zip64End, 48);
    }
    if (diskNumber !== 0) throw malformed(`multi-disk zip files are not supported (disk ${diskNumber})`);
    return { entryCount, directoryOffset, comment };
  }
  throw malformed('no end of central directory record (not a zip file, or truncated)');
}

export /** Applies the zip64 extended information extra field to the sizes and offset that need it. */
function applyZip64(
  extra: Buffer,
  values: { size: number; compressedSize: number; localHeaderOffset: number },
): void {
  for (let i = 0; i < extra.length - 3; ) {
    const id = extra.readUInt16LE(i);
    const dataStart = i + 4;
    const dataEnd = dataStart + extra.readUInt16LE(i + 2);
    if (dataEnd > extra.length) throw malformed('an extra field overruns its record');
    if (id === 0x0001) {
      let at = dataStart;
      for (const key of ['size', 'compressedSize', 'localHeaderOffset'] as const) {
        if (values[key] !== 0xffffffff) continue;
        if (at + 8 > dataEnd) throw malformed(`the zip64 extra field lacks the ${key}`);
        values[key] = readUInt64(extra, at);
        at += 8;
      }
      return;
    }
    i = dataEnd;
  }
}
