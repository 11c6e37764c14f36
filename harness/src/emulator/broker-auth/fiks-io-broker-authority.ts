import { kontoQueueName } from '@fiks-faktura/sdk/testing';
import type { AccountRegistry } from '../account-registry.js';
import type { RequestAuthenticator } from '../request-authenticator.js';
import type { AuthQuestion, BrokerAuthority } from './auth-question.js';

/** The only virtual host Fiks IO's clients use (neither KS client sets one). */
const DEFAULT_VHOST = '/';

/**
 * What Fiks IO's broker lets an integration do, decided by the emulator that issued its tokens:
 * log in with user = integrasjonId and password = `"<integrasjonPassord> <token>"` (a token from
 * this emulator's `/token`, unexpired, issued to the Maskinporten client of one of the
 * integration's accounts: the API's own check), open the default virtual host, and read (consume,
 * acknowledge) the queues `fiksio.konto.<kontoId>` of the integration's accounts. Nothing else: no
 * configure (declare, delete), no write (publish), no other queue, exchange or topic.
 */
export class FiksIoBrokerAuthority implements BrokerAuthority {
  readonly #registry: AccountRegistry;
  readonly #authenticator: RequestAuthenticator;

  constructor(registry: AccountRegistry, authenticator: RequestAuthenticator) {
    this.#registry = registry;
    this.#authenticator = authenticator;
  }

  usernames(): string[] {
    return [...new Set(this.#registry.accounts().map((a) => a.integrasjonId.toLowerCase()))];
  }

  decide(question: AuthQuestion): boolean {
    switch (question.kind) {
      case 'user':
        return this.#login(question.username, question.password);
      case 'vhost':
        return question.vhost === DEFAULT_VHOST && this.#queues(question.username).size > 0;
      case 'resource':
        return (
          question.vhost === DEFAULT_VHOST &&
          question.resource === 'queue' &&
          question.permission === 'read' &&
          this.#queues(question.username).has(question.name)
        );
      case 'topic':
        return false;
    }
  }

  #login(username: string, password: string): boolean {
    // The token holds no space; the password is everything before the last one.
    const split = password.lastIndexOf(' ');
    if (split < 0) return false;
    try {
      this.#authenticator.authenticate({
        authorization: `Bearer ${password.slice(split + 1)}`,
        integrasjonid: username,
        integrasjonpassord: password.slice(0, split),
      });
      return true;
    } catch {
      return false;
    }
  }

  /** The queues of the integration's accounts. */
  #queues(username: string): Set<string> {
    const integrasjonId = username.toLowerCase();
    return new Set(
      this.#registry
        .accounts()
        .filter((a) => a.integrasjonId.toLowerCase() === integrasjonId)
        .map((a) => kontoQueueName(a.kontoId)),
    );
  }
}
