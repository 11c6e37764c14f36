import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { answerText, authForm, closeServer, listenOn, readSmallBody, requestPath } from './auth-http.js';
import { AUTH_PATHS } from './auth-question.js';

/** How long a registration holds without being renewed. */
export const REGISTRATION_LEASE_MS = 5_000;
/** After taking over, how long an unknown user waits for its emulator to register before `deny`. */
const WARM_UP_MS = 2_500;
const FORWARD_TIMEOUT_MS = 3_000;
const AUTH_PATH_SET: ReadonlySet<string> = new Set(Object.values(AUTH_PATHS));

interface Registration {
  usernames: Set<string>;
  expiresAt: number;
}

/** A registration as members send it to `POST /register`. */
export interface RegistrationBody {
  /** Base URL of the member's own auth endpoints, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** The user names (integration ids) it answers for. */
  usernames: string[];
}

function isRegistration(value: unknown): value is RegistrationBody {
  if (typeof value !== 'object' || value === null) return false;
  const { url, usernames } = value as Record<string, unknown>;
  return (
    typeof url === 'string' &&
    /^http:\/\/(127\.\d+\.\d+\.\d+|\[::1\]|localhost):\d+$/.test(url) &&
    Array.isArray(usernames) &&
    usernames.every((u) => typeof u === 'string')
  );
}

/**
 * The one address the broker's config names (`auth_http.*_path`): forwards each question to the
 * emulators that registered the asking user name (`POST /register {url, usernames}`, renewed within
 * {@link REGISTRATION_LEASE_MS}; `POST /unregister {url}`), and allows when one of them allows.
 * A user no emulator registered is denied. Runs inside whichever emulator holds the address.
 */
export class BrokerAuthRouter {
  readonly #server: Server;
  readonly #registrations = new Map<string, Registration>();
  readonly #startedAt = Date.now();

  private constructor(server: Server) {
    this.#server = server;
  }

  /** Holds the router address; rejects (`EADDRINUSE`) when another process holds it. */
  static async listen(host: string, port: number): Promise<BrokerAuthRouter> {
    const server = createServer();
    const router = new BrokerAuthRouter(server);
    server.on('request', (request, response) => {
      router.#handle(request, response).catch(() => {
        if (!response.headersSent) answerText(response, 500, 'deny');
        else response.destroy();
      });
    });
    await listenOn(server, host, port);
    return router;
  }

  register(registration: RegistrationBody): void {
    this.#registrations.set(registration.url, {
      usernames: new Set(registration.usernames.map((u) => u.toLowerCase())),
      expiresAt: Date.now() + REGISTRATION_LEASE_MS,
    });
  }

  unregister(url: string): void {
    this.#registrations.delete(url);
  }

  close(): Promise<void> {
    return closeServer(this.#server);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = requestPath(request);
    const body = await readSmallBody(request);
    if (body === undefined) return answerText(response, 413, 'deny');
    if (request.method === 'POST' && (path === '/register' || path === '/unregister')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = undefined;
      }
      if (path === '/unregister' && typeof (parsed as { url?: unknown })?.url === 'string') {
        this.unregister((parsed as { url: string }).url);
        return answerText(response, 200, 'ok');
      }
      if (path === '/register' && isRegistration(parsed)) {
        this.register(parsed);
        return answerText(response, 200, 'ok');
      }
      return answerText(response, 400, 'INVALID_REGISTRATION: the body must be {url, usernames}');
    }
    if (!AUTH_PATH_SET.has(path) || (request.method !== 'POST' && request.method !== 'GET'))
      return answerText(response, 404, 'deny');
    const username = authForm(request, body).get('username')?.toLowerCase() ?? '';
    const targets = await this.#targetsOf(username);
    for (const url of targets) {
      const answer = await forward(`${url}${path}`, request.method, body, request.url ?? path);
      if (answer?.startsWith('allow')) return answerText(response, 200, answer);
    }
    answerText(response, 200, 'deny');
  }

  /** The members that answer for `username`; waits briefly after a take-over for them to register again. */
  async #targetsOf(username: string): Promise<string[]> {
    for (;;) {
      const now = Date.now();
      const targets: string[] = [];
      for (const [url, registration] of this.#registrations) {
        if (registration.expiresAt <= now) this.#registrations.delete(url);
        else if (registration.usernames.has(username)) targets.push(url);
      }
      if (targets.length > 0 || now - this.#startedAt >= WARM_UP_MS || username === '') return targets;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function forward(
  url: string,
  method: string,
  body: string,
  target: string,
): Promise<string | undefined> {
  try {
    const query = method === 'GET' ? new URL(target, 'http://broker-auth').search : '';
    const response = await fetch(`${url}${query}`, {
      method,
      ...(method === 'POST'
        ? { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
        : {}),
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
    });
    return response.ok ? (await response.text()).trim() : undefined;
  } catch {
    return undefined;
  }
}
