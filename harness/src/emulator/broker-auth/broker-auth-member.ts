import { createServer } from 'node:http';
import { EmulatorError } from '../emulator-error.js';
import { answerText, authForm, closeServer, listenOn, readSmallBody, requestPath } from './auth-http.js';
import { type BrokerAuthority, readAuthQuestion } from './auth-question.js';
import { BrokerAuthRouter } from './broker-auth-router.js';

/** The router address the shipped broker config names (`harness/rabbitmq/rabbitmq.conf`). */
export const DEFAULT_BROKER_AUTH_ADDRESS = '127.0.0.1:15690';
const RENEW_EVERY_MS = 1_000;
const JOIN_TIMEOUT_MS = 3_000;

/** An emulator's place in the broker's authentication: its own endpoints, registered at the router. */
export interface BrokerAuthMembership {
  /** Base URL of this emulator's own auth endpoints. */
  readonly url: string;
  close(): Promise<void>;
}

function parseAddress(address: string): { host: string; port: number } {
  const match = /^(.+):(\d{1,5})$/.exec(address);
  const port = match === null ? Number.NaN : Number(match[2]);
  if (match === null || !(port > 0 && port < 65536))
    throw new EmulatorError(
      400,
      'INVALID_BROKER_AUTH_ADDRESS',
      `--broker-auth must be host:port, not ${address}`,
    );
  return { host: match[1]!.replace(/^\[(.*)\]$/, '$1'), port };
}

/**
 * Serves `authority` on a free loopback port and keeps it registered at the router address,
 * renewing every second. When the router does not answer (its emulator ended), this emulator takes
 * the address over and becomes the router; the others register with it on their next renewal.
 * Resolves once registered; `BROKER_AUTH_UNAVAILABLE` (503) when the address is held by something
 * that does not answer as a router.
 */
export async function joinBrokerAuth(
  authority: BrokerAuthority,
  routerAddress = DEFAULT_BROKER_AUTH_ADDRESS,
): Promise<BrokerAuthMembership> {
  const address = parseAddress(routerAddress);
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readSmallBody(request);
      const question =
        body === undefined ? undefined : readAuthQuestion(requestPath(request), authForm(request, body));
      answerText(response, 200, question !== undefined && authority.decide(question) ? 'allow' : 'deny');
    })().catch(() => response.destroy());
  });
  const own = await listenOn(server, '127.0.0.1', 0);
  const url = `http://127.0.0.1:${own.port}`;
  const routerUrl = `http://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
  let router: BrokerAuthRouter | undefined;
  let closed = false;

  const renew = async (): Promise<boolean> => {
    const registration = { url, usernames: authority.usernames() };
    if (router !== undefined) {
      router.register(registration);
      return true;
    }
    try {
      const response = await fetch(`${routerUrl}/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(registration),
        signal: AbortSignal.timeout(RENEW_EVERY_MS),
      });
      return response.ok;
    } catch {
      // Nobody answers: take the address over.
      try {
        router = await BrokerAuthRouter.listen(address.host, address.port);
        if (closed) {
          await router.close();
          return false;
        }
        router.register(registration);
        return true;
      } catch {
        return false;
      }
    }
  };

  const until = Date.now() + JOIN_TIMEOUT_MS;
  while (!(await renew())) {
    if (Date.now() > until) {
      await closeServer(server);
      throw new EmulatorError(
        503,
        'BROKER_AUTH_UNAVAILABLE',
        `The broker auth address ${routerAddress} is held by a program that is not an emulator's router`,
        { details: { address: routerAddress } },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  let renewing = false;
  const timer = setInterval(() => {
    if (renewing) return;
    renewing = true;
    void renew().finally(() => {
      renewing = false;
    });
  }, RENEW_EVERY_MS);
  timer.unref();

  return {
    url,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      if (router !== undefined) await router.close();
      else
        await fetch(`${routerUrl}/unregister`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ url }),
          signal: AbortSignal.timeout(RENEW_EVERY_MS),
        }).catch(() => undefined);
      await closeServer(server);
    },
  };
}
