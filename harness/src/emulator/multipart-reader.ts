import { EmulatorError } from './emulator-error.js';

const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

function malformed(message: string): EmulatorError {
  return new EmulatorError(400, 'MULTIPART_INVALID', `The multipart body is malformed: ${message}`);
}

/** The boundary of a `multipart/form-data` content type; `MULTIPART_INVALID` (400) when it has none. */
export function multipartBoundary(contentType: string | undefined): string {
  if (contentType === undefined || !/^multipart\/form-data\b/i.test(contentType))
    throw new EmulatorError(400, 'MULTIPART_REQUIRED', 'The request must be multipart/form-data');
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (boundary === undefined || boundary.length > 200) throw malformed('no boundary in the content type');
  return boundary;
}

function parseHeaders(block: string): PartHeaders {
  let disposition: string | undefined;
  let contentType: string | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-disposition') disposition = value;
    else if (key === 'content-type') contentType = value;
  }
  if (disposition === undefined || !/^form-data\b/i.test(disposition))
    throw malformed('a part lacks Content-Disposition: form-data');
  const param = (key: string) => {
    const m =
      new RegExp(`;\\s*${key}="([^"]*)"`, 'i').exec(disposition) ??
      new RegExp(`;\\s*${key}=([^;\\s]+)`, 'i').exec(disposition);
    return m?.[1];
  };
  const name = param('name');
  if (name === undefined) throw malformed('a part has no name');
  return { name, filename: param('filename'), contentType };
}

/** The headers of one part. */
export interface PartHeaders {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
}

/** Where a part's content goes, chunk by chunk, in order; `end` once the part is complete. */
export interface PartSink {
  write(chunk: Buffer): Promise<void> | void;
  end(): Promise<void> | void;
}

/**
 * Streams a `multipart/form-data` body: each part's content is handed to the sink `onPart` gives
 * for it, chunk by chunk as it arrives (the parser holds only a delimiter's length of look-ahead
 * and awaits the sink before reading on), so a payload can go to disk without being held.
 * `MULTIPART_INVALID` (400) for a malformed body, `PAYLOAD_TOO_LARGE` (413) as soon as more than
 * `maxBytes` arrived; a sink's own error ends the reading with that error.
 */
export async function streamMultipart(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
  options: { maxBytes: number; onPart(headers: PartHeaders): PartSink | Promise<PartSink> },
): Promise<void> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  type State = 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done';
  let state = 'preamble' as State;
  // The leading CRLF lets the first delimiter match like every other one.
  let pending = Buffer.from('\r\n');
  let total = 0;
  let headers: PartHeaders | undefined;
  let sink: PartSink | undefined;
  // What the synchronous parser asks of the sinks, run in order after each step.
  const work: (() => Promise<void> | void)[] = [];

  const step = (): boolean => {
    if (state === 'preamble') {
      const at = pending.indexOf(delimiter);
      if (at < 0) {
        pending = pending.subarray(Math.max(0, pending.length - delimiter.length + 1));
        return false;
      }
      pending = pending.subarray(at + delimiter.length);
      state = 'after-delimiter';
      return true;
    }
    if (state === 'after-delimiter') {
      if (pending.length < 2) return false;
      const marker = pending.subarray(0, 2).toString('latin1');
      if (marker === '--') {
        state = 'done';
        return false;
      }
      const lineEnd = pending.indexOf('\r\n');
      if (lineEnd < 0) {
        if (pending.length > 256) throw malformed('garbage after a boundary');
        return false;
      }
      if (pending.subarray(0, lineEnd).toString('latin1').trim() !== '')
        throw malformed('garbage after a boundary');
      pending = pending.subarray(lineEnd + 2);
      state = 'headers';
      return true;
    }
    if (state === 'headers') {
      const end = pending.indexOf(HEADER_END);
      if (end < 0) {
        if (pending.length > MAX_HEADER_BYTES) throw malformed('part headers are too long');
        return false;
      }
      const parsed = parseHeaders(pending.subarray(0, end).toString('utf8'));
      headers = parsed;
      work.push(async () => {
        sink = await options.onPart(parsed);
      });
      pending = pending.subarray(end + HEADER_END.length);
      state = 'body';
      return true;
    }
    if (state === 'body') {
      const at = pending.indexOf(delimiter);
      if (at < 0) {
        const keep = delimiter.length - 1;
        if (pending.length > keep) {
          const piece = pending.subarray(0, pending.length - keep);
          work.push(() => sink!.write(piece));
          pending = pending.subarray(pending.length - keep);
        }
        return false;
      }
      const piece = pending.subarray(0, at);
      if (piece.length > 0) work.push(() => sink!.write(piece));
      work.push(() => sink!.end());
      headers = undefined;
      pending = pending.subarray(at + delimiter.length);
      state = 'after-delimiter';
      return true;
    }
    return false;
  };

  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > options.maxBytes)
      throw new EmulatorError(
        413,
        'PAYLOAD_TOO_LARGE',
        `The request is larger than ${options.maxBytes} bytes`,
      );
    if (state === 'done') continue;
    pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk]);
    while (step()) {
      // keep stepping while progress is made
    }
    for (const next of work.splice(0)) await next();
  }
  if (state !== 'done')
    throw malformed(
      `the body ends before the closing boundary${headers ? ` (in part ${headers.name})` : ''}`,
    );
}
