import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  new Headers(headers).forEach((value, key) => {
    record[key] = value;
  });
  return record;
}

function toResponse(message: IncomingMessage, method: string): Response {
  const headers = new Headers();
  for (const [key, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(key, one);
  }
  const status = message.statusCode ?? 0;
  const withoutBody = method === 'HEAD' || status === 204 || status === 304;
  if (withoutBody) message.resume();
  return new Response(
    withoutBody ? null : (Readable.toWeb(message) as unknown as ReadableStream<Uint8Array>),
    { status, statusText: message.statusMessage ?? '', headers },
  );
}

/**
 * `fetch` over `node:http` / `node:https` for uploads: a stream body is written with
 * backpressure, so a large body is never held in memory (Node's built-in `fetch` reads a stream
 * body ahead of the socket). Takes the subset the Fiks IO calls use: method, headers, and a body
 * that is absent, a string, bytes or a `ReadableStream`. Fails like `fetch`, with a
 * `TypeError('fetch failed')` whose `cause` is the socket's error (`code` `ECONNREFUSED`, …).
 */
export const streamingFetch = ((input: string | URL, init: RequestInit = {}): Promise<Response> => {
  const url = new URL(String(input));
  const method = (init.method ?? 'GET').toUpperCase();
  const request =
    url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : undefined;
  if (request === undefined)
    return Promise.reject(
      new TypeError('fetch failed', { cause: new Error(`unsupported protocol ${url.protocol}`) }),
    );
  return new Promise<Response>((resolve, reject) => {
    const outgoing = request(url, { method, headers: headerRecord(init.headers) }, (message) =>
      resolve(toResponse(message, method)),
    );
    outgoing.on('error', (cause) => reject(new TypeError('fetch failed', { cause })));
    const body = init.body;
    if (body === undefined || body === null) outgoing.end();
    else if (typeof body === 'string' || body instanceof Uint8Array) outgoing.end(body);
    else if (body instanceof ReadableStream)
      pipeline(Readable.fromWeb(body as unknown as NodeReadableStream<Uint8Array>), outgoing).catch(
        (error: unknown) => outgoing.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    else {
      outgoing.destroy();
      reject(new TypeError('fetch failed', { cause: new Error('unsupported body type') }));
    }
  });
}) as typeof fetch;
