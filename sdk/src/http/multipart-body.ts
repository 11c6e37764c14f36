import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

/** One part of a `multipart/form-data` body. */
export interface MultipartPart {
  name: string;
  contentType: string;
  /** Present for file parts; absent leaves `filename` out of the Content-Disposition. */
  filename?: string;
  content: string | Uint8Array | Readable;
  /** Byte length of a stream part when known; the stream fails if the actual length differs. */
  length?: number;
}

/** A streamed multipart body: pass `stream` as a fetch body with `duplex: 'half'`. */
export interface MultipartBody {
  contentType: string;
  /** Total byte length when every part's length is known (then sent as Content-Length). */
  contentLength: number | undefined;
  stream: ReadableStream<Uint8Array>;
}

const CRLF = '\r\n';

function quoted(value: string): string {
  return value.replace(/[\r\n"\\]/g, (c) => encodeURIComponent(c));
}

function partHeader(boundary: string, part: MultipartPart): Buffer {
  const disposition = `form-data; name="${quoted(part.name)}"${
    part.filename === undefined ? '' : `; filename="${quoted(part.filename)}"`
  }`;
  return Buffer.from(
    `--${boundary}${CRLF}Content-Disposition: ${disposition}${CRLF}Content-Type: ${part.contentType}${CRLF}${CRLF}`,
  );
}

function contentLength(part: MultipartPart): number | undefined {
  if (typeof part.content === 'string') return Buffer.byteLength(part.content);
  if (part.content instanceof Uint8Array) return part.content.byteLength;
  return part.length;
}

async function* chunks(boundary: string, parts: MultipartPart[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    yield partHeader(boundary, part);
    if (typeof part.content === 'string') yield Buffer.from(part.content);
    else if (part.content instanceof Uint8Array) yield part.content;
    else {
      let seen = 0;
      for await (const chunk of part.content) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
        seen += bytes.byteLength;
        if (part.length !== undefined && seen > part.length)
          throw new Error(`multipart part ${part.name} is longer than its declared ${part.length} bytes`);
        yield bytes;
      }
      if (part.length !== undefined && seen !== part.length)
        throw new Error(`multipart part ${part.name} has ${seen} bytes, not the declared ${part.length}`);
    }
    yield Buffer.from(CRLF);
  }
  yield Buffer.from(`--${boundary}--${CRLF}`);
}

/**
 * Builds a `multipart/form-data` body as a stream, so a large payload part is never held in
 * memory: stream parts are read only as the request consumes the body.
 */
export function createMultipartBody(
  parts: MultipartPart[],
  boundary = `----FiksIo${randomBytes(16).toString('hex')}`,
): MultipartBody {
  let total: number | undefined = Buffer.byteLength(`--${boundary}--${CRLF}`);
  for (const part of parts) {
    const length = contentLength(part);
    total =
      total === undefined || length === undefined
        ? undefined
        : total + partHeader(boundary, part).byteLength + length + CRLF.length;
  }
  const iterator = chunks(boundary, parts);
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
  return { contentType: `multipart/form-data; boundary=${boundary}`, contentLength: total, stream };
}
