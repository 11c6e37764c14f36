import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import type { AuthQuestion, BrokerAuthority } from './auth-question.js';
import { type BrokerAuthMembership, joinBrokerAuth } from './broker-auth-member.js';

/**
 * How clients log in to the emulator's RabbitMQ: `fiks-io` as at Fiks IO (the broker asks the
 * emulator), or `broker-user` with the broker's own user and password (a broker without the HTTP
 * auth back end).
 */
export type BrokerLogin = 'fiks-io' | 'broker-user';

/** The login clients use, and the membership to end on close. */
export interface BrokerLoginSetup {
  readonly login: BrokerLogin;
  close(): Promise<void>;
}

/** The authority with one extra user, allowed to log in and open `/` while a probe runs. */
class ProbingAuthority implements BrokerAuthority {
  readonly username = `fiks-io-emulator-probe-${randomBytes(8).toString('hex')}`;
  readonly password = randomBytes(24).toString('base64url');
  probing = true;
  readonly #inner: BrokerAuthority;

  constructor(inner: BrokerAuthority) {
    this.#inner = inner;
  }

  usernames(): string[] {
    const names = this.#inner.usernames();
    return this.probing ? [...names, this.username] : names;
  }

  decide(question: AuthQuestion): boolean {
    if (question.username === this.username) {
      if (!this.probing) return false;
      if (question.kind === 'user') return question.password === this.password;
      return question.kind === 'vhost' && question.vhost === '/';
    }
    return this.#inner.decide(question);
  }
}

/**
 * Joins the broker's authentication (see `joinBrokerAuth`) and checks that the broker really asks:
 * a one-time probe user logs in. When it cannot (a broker without `rabbitmq_auth_backend_http`, or
 * one configured for another address), the emulator leaves again and clients use the broker's own
 * user (`broker-user`).
 */
export async function setUpBrokerLogin(
  brokerUrl: string,
  authority: BrokerAuthority,
  routerAddress?: string,
): Promise<BrokerLoginSetup> {
  const probing = new ProbingAuthority(authority);
  let membership: BrokerAuthMembership;
  try {
    membership = await joinBrokerAuth(probing, routerAddress);
  } catch {
    return { login: 'broker-user', close: async () => undefined };
  }
  const url = new URL(brokerUrl);
  url.username = '';
  url.password = '';
  const asked = await amqp
    .connect(url.toString(), {
      credentials: amqp.credentials.plain(probing.username, probing.password),
      clientProperties: { connection_name: 'Fiks IO emulator (login probe)' },
    })
    .then(
      async (connection) => {
        connection.on('error', () => undefined);
        await connection.close().catch(() => undefined);
        return true;
      },
      () => false,
    );
  probing.probing = false;
  if (!asked) {
    await membership.close();
    return { login: 'broker-user', close: async () => undefined };
  }
  return { login: 'fiks-io', close: () => membership.close() };
}
