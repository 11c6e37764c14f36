import type { IncomingMessage } from 'node:http';
import { EmulatorError } from './emulator-error.js';
import { multipartBoundary, type PartSink, streamMultipart } from './multipart-reader.js';
import type { PayloadStore, PayloadWriter, StoredPayload } from './payload-store.js';

/** Every part but `data` (the metadata JSON) is held in memory, together at most this many bytes. */
const MAX_SMALL_PARTS_BYTES = 1024 * 1024;

/** A send request as read: the `metadata` part's text and the `data` part as a file of the data folder. */
export interface SendRequest {
  metadata: string | undefined;
  payload: StoredPayload | undefined;
}

/**
 * Reads `POST /fiks-io/api/v1/send` (multipart: `metadata` JSON, optional `data`) as it streams
 * in: the `data` part goes straight to a file of the data folder, so memory holds no payload;
 * more than `maxBytes` is refused (413 `PAYLOAD_TOO_LARGE`) as soon as it arrives, a full data
 * folder with 507 `INSUFFICIENT_STORAGE`, and a refused or malformed request leaves no file.
 */
export async function readSendRequest(
  req: IncomingMessage,
  options: { payloads: PayloadStore; maxBytes: number },
): Promise<SendRequest> {
  const boundary = multipartBoundary(req.headers['content-type']);
  if (Number(req.headers['content-length']) > options.maxBytes)
    throw new EmulatorError(413, 'PAYLOAD_TOO_LARGE', `The request is larger than ${options.maxBytes} bytes`);
  let writer: PayloadWriter | undefined;
  let payload: StoredPayload | undefined;
  let metadata: string | undefined;
  let smallBytes = 0;
  const small = (onEnd: (text: string) => void): PartSink => {
    const chunks: Buffer[] = [];
    return {
      write: (chunk) => {
        smallBytes += chunk.length;
        if (smallBytes > MAX_SMALL_PARTS_BYTES)
          throw new EmulatorError(413, 'PAYLOAD_TOO_LARGE', 'The parts besides data are larger than 1 MiB');
        chunks.push(Buffer.from(chunk));
      },
      end: () => onEnd(Buffer.concat(chunks).toString('utf8')),
    };
  };
  try {
    await streamMultipart(req, boundary, {
      maxBytes: options.maxBytes,
      onPart: async (headers) => {
        if (headers.name !== 'data')
          return small((text) => {
            if (headers.name === 'metadata') metadata ??= text;
          });
        if (writer !== undefined || payload !== undefined)
          throw new EmulatorError(400, 'MULTIPART_INVALID', 'The multipart body has two data parts');
        const current = await options.payloads.create();
        writer = current;
        return {
          write: (chunk) => current.write(chunk),
          end: async () => {
            writer = undefined;
            payload = await current.finish();
          },
        };
      },
    });
  } catch (error) {
    await writer?.abort();
    if (payload !== undefined) await options.payloads.remove(payload);
    throw error;
  }
  return { metadata, payload };
}
