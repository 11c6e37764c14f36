// A send request whose payload is generated as it is written (never held whole by the test), and
// the headers an account's integration sends it with.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createFiksIoClientFromFile } from '@fiks-faktura/sdk';

/** Authorization, IntegrasjonId and IntegrasjonPassord of the account whose SDK config this is. */
export async function sendHeaders(configPath: string): Promise<Record<string, string>> {
  const config = JSON.parse(await readFile(configPath, 'utf8')) as {
    integrasjonId: string;
    integrasjonPassord: string;
  };
  const { client, connection } = await createFiksIoClientFromFile(configPath);
  try {
    return {
      Authorization: `Bearer ${await connection.http.tokenProvider.getAccessToken()}`,
      IntegrasjonId: config.integrasjonId,
      IntegrasjonPassord: config.integrasjonPassord,
    };
  } finally {
    await client.close();
  }
}

/** The answer to a streamed send, and how many payload bytes were written before it came. */
export type StreamedSendAnswer =
  | { status: number; body: string; payloadBytesWritten: number }
  | { status: 'closed'; payloadBytesWritten: number };

const CHUNK = randomBytes(64 * 1024);

/**
 * POSTs `/fiks-io/api/v1/send` with the `metadata` part and a `data` part of `size` generated
 * bytes, written chunk by chunk as the socket takes them; stops writing as soon as an answer
 * arrives (a refusal while streaming). `chunked`: without Content-Length, so the size shows only
 * as the body streams.
 */
export function streamedSend(
  url: string,
  headers: Record<string, string>,
  metadata: Record<string, unknown>,
  size: number,
  options: { chunked?: boolean } = {},
): Promise<StreamedSendAnswer> {
  const boundary = `streamed-${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(metadata)}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="data"; filename="payload"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve) => {
    let written = 0;
    let answered = false;
    let settled = false;
    const settle = (answer: StreamedSendAnswer) => {
      if (settled) return;
      settled = true;
      resolve(answer);
    };
    const req = request(`${url}/fiks-io/api/v1/send`, {
      method: 'POST',
      headers: {
        ...headers,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        ...(options.chunked === true ? {} : { 'Content-Length': head.length + size + tail.length }),
      },
    });
    req.on('response', (res) => {
      answered = true;
      const payloadBytesWritten = written;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        settle({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          payloadBytesWritten,
        });
        req.destroy();
      });
      res.on('error', () => settle({ status: 'closed', payloadBytesWritten }));
    });
    req.on('error', () => settle({ status: 'closed', payloadBytesWritten: written }));
    req.on('close', () => {
      if (!answered) settle({ status: 'closed', payloadBytesWritten: written });
    });
    const pump = () => {
      while (!answered && written < size) {
        const piece = CHUNK.subarray(0, Math.min(CHUNK.length, size - written));
        written += piece.length;
        if (!req.write(piece)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end(tail);
    };
    req.write(head);
    pump();
  });
}
