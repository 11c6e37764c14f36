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

/** `cause.code` of a `streamingFetch` rejection for a URL that is neither `http:` nor `https:`. */
export const UNSUPPORTED_PROTOCOL = 'ERR_STREAMING_FETCH_UNSUPPORTED_PROTOCOL';
/** `cause.code` of a `streamingFetch` rejection for a body that is not a string, bytes or a `ReadableStream`. */
export const UNSUPPORTED_BODY = 'ERR_STREAMING_FETCH_UNSUPPORTED_BODY';

/** A rejection for a request refused before any connection was opened, like `fetch`'s. */
function refusedBeforeConnecting(code: string, message: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
}

/**
 * `fetch` over `node:http` / `node:https` for uploads: a stream body is written with
 * backpressure, so a large body is never held in memory (Node's built-in `fetch` reads a stream
 * body ahead of the socket). Takes the subset the Fiks IO calls use: method, headers, `signal`,
 * and a body that is absent, a string, bytes or a `ReadableStream`. Fails like `fetch`, with a
 * `TypeError('fetch failed')` whose `cause` is the socket's error (`code` `ECONNREFUSED`, …), or
 * for a request it refuses before connecting, an error with `code` {@link UNSUPPORTED_PROTOCOL}
 * or {@link UNSUPPORTED_BODY}. Aborting `signal` before or during the request, or while the
 * response body is read, rejects (or errors the body) with the signal's reason, destroys the
 * socket and stops reading the upload stream.
 */
export const streamingFetch = ((input: string | URL, init: RequestInit = {}): Promise<Response> => {
  const url = new URL(String(input));
  const method = (init.method ?? 'GET').toUpperCase();
  const request =
    url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : undefined;
  if (request === undefined)
    return Promise.reject(
      refusedBeforeConnecting(UNSUPPORTED_PROTOCOL, `unsupported protocol ${url.protocol}`),
    );
  const body = init.body ?? undefined;
  if (
    body !== undefined &&
    typeof body !== 'string' &&
    !(body instanceof Uint8Array) &&
    !(body instanceof ReadableStream)
  )
    return Promise.reject(refusedBeforeConnecting(UNSUPPORTED_BODY, 'unsupported body type'));
  const signal = init.signal ?? undefined;
  if (signal?.aborted) {
    if (body instanceof ReadableStream) void body.cancel(signal.reason).catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<Response>((resolve, reject) => {
    let answer: IncomingMessage | undefined;
    const upload =
      body instanceof ReadableStream
        ? Readable.fromWeb(body as unknown as NodeReadableStream<Uint8Array>)
        : undefined;
    const abort = () => {
      reject(signal?.reason);
      upload?.destroy();
      outgoing.destroy();
      answer?.destroy(signal?.reason);
    };
    const stopListening = () => signal?.removeEventListener('abort', abort);
    const outgoing = request(url, { method, headers: headerRecord(init.headers) }, (message) => {
      answer = message;
      message.once('close', stopListening);
      resolve(toResponse(message, method));
    });
    signal?.addEventListener('abort', abort, { once: true });
    outgoing.on('error', (cause) => {
      stopListening();
      reject(new TypeError('fetch failed', { cause }));
    });
    if (upload !== undefined)
      pipeline(upload, outgoing).catch((error: unknown) =>
        outgoing.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    else outgoing.end(body);
  });
}) as typeof fetch;
