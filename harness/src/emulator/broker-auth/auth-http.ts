import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Bodies of the auth back end and of registrations are small; anything larger is refused. */
const BODY_LIMIT_BYTES = 64 * 1024;

/** The request body as text, or undefined when it exceeds the limit. */
export async function readSmallBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Sends a short plain-text answer (`allow`, `deny`, or an error line). */
export function answerText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}

/** The form fields of an auth back-end request: the body for POST, the query for GET. */
export function authForm(request: IncomingMessage, body: string): URLSearchParams {
  if (request.method === 'GET') return new URL(request.url ?? '/', 'http://broker-auth').searchParams;
  return new URLSearchParams(body);
}

/** The path of a request target (without query). */
export function requestPath(request: IncomingMessage): string {
  return URL.canParse(request.url ?? '', 'http://broker-auth')
    ? new URL(request.url ?? '/', 'http://broker-auth').pathname
    : '';
}

/** Listens on host:port; rejects with the listen error (e.g. `EADDRINUSE`). */
export function listenOn(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Closes a server and its open connections. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
