import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FiksError } from '@fiks-faktura/sdk';
import { type WebSocket, WebSocketServer } from 'ws';
import type { DashboardBatch } from './dashboard-messages.js';
import { DASHBOARD_CSP, dashboardPage } from './dashboard-page.js';
import type { LiveRun } from './live-run.js';

/** How long closing waits for pages to take the last message before it cuts them off. */
const CLOSE_GRACE_MS = 2_000;

/** The names a page on this machine may reach the server by (a guard against DNS rebinding). */
function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/**
 * The live dashboard of a run: an HTTP server on 127.0.0.1 serving the page at `/` and the run's
 * messages over a WebSocket at `/live` (what {@link LiveRun} keeps of the run first, then each
 * message as it comes).
 * Requests naming another host, and WebSockets opened from another origin, are refused.
 */
export class DashboardServer {
  readonly #server: Server;
  readonly #sockets: WebSocketServer;
  readonly #port: number;

  private constructor(server: Server, sockets: WebSocketServer, port: number) {
    this.#server = server;
    this.#sockets = sockets;
    this.#port = port;
  }

  /** The page's address. */
  get url(): string {
    return `http://127.0.0.1:${this.#port}/`;
  }

  /**
   * Starts serving `run` on 127.0.0.1:`port` (0: a free port). Throws `DASHBOARD_UNAVAILABLE`
   * naming the port when it cannot listen there.
   */
  static async start(run: LiveRun, port = 0): Promise<DashboardServer> {
    let hosts = new Set<string>();
    const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 });
    const server = createServer((request, response) => serve(request, response, hosts));
    server.on('upgrade', (request, socket, head) => {
      const host = request.headers.host ?? '';
      const origin = request.headers.origin;
      if (
        request.url !== '/live' ||
        !hosts.has(host) ||
        (origin !== undefined && origin !== `http://${host}`)
      ) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      sockets.handleUpgrade(request, socket, head, (ws) => follow(ws, run));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new FiksError(
            'DASHBOARD_UNAVAILABLE',
            `--dashboard cannot listen on 127.0.0.1:${port}: ${error.code ?? error.message}`,
          ),
        ),
      );
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const actual = (server.address() as AddressInfo).port;
    hosts = allowedHosts(actual);
    return new DashboardServer(server, sockets, actual);
  }

  /** Closes every page's connection (after the messages already queued) and stops listening. */
  async close(): Promise<void> {
    for (const ws of this.#sockets.clients) ws.close(1000, 'the run ended');
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    const cutOff = setTimeout(() => {
      for (const ws of this.#sockets.clients) ws.terminate();
      this.#server.closeAllConnections();
    }, CLOSE_GRACE_MS);
    this.#server.closeIdleConnections();
    await closed;
    clearTimeout(cutOff);
    this.#sockets.close();
  }
}

function serve(request: IncomingMessage, response: ServerResponse, hosts: ReadonlySet<string>): void {
  if (!hosts.has(request.headers.host ?? '')) {
    response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden\n');
    return;
  }
  if (request.method !== 'GET' || (request.url !== '/' && request.url !== '/index.html')) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return;
  }
  response
    .writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': DASHBOARD_CSP,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    })
    .end(dashboardPage());
}

/** Sends a page the run so far, then every new message; the page sends nothing that is read. */
function follow(ws: WebSocket, run: LiveRun): void {
  const send = (batch: DashboardBatch) => ws.send(JSON.stringify(batch));
  send({ replay: true, dropped: run.droppedEvents, messages: run.history });
  const stop = run.subscribe((message) => send({ replay: false, messages: [message] }));
  ws.on('close', stop);
  ws.on('error', stop);
  ws.on('message', () => undefined);
}
