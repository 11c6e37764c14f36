import type { Secret } from '../config/secret.js';
import type { AccessTokenProvider } from '../maskinporten/access-token-provider.js';

/**
 * The three credentials of an authenticated Fiks IO call: a Maskinporten bearer token, the
 * integration id and the integration password. Also yields the AMQP password
 * (`"<integrasjonPassord> <token>"`) for the broker, fresh on every call.
 */
export class FiksIoCredentials {
  readonly integrasjonId: string;
  readonly #passord: Secret;
  readonly #tokens: AccessTokenProvider;

  constructor(options: {
    integrasjonId: string;
    integrasjonPassord: Secret;
    tokenProvider: AccessTokenProvider;
  }) {
    this.integrasjonId = options.integrasjonId;
    this.#passord = options.integrasjonPassord;
    this.#tokens = options.tokenProvider;
  }

  /** `Authorization`, `IntegrasjonId` and `IntegrasjonPassord` headers (the password trimmed, like .NET). */
  async headers(): Promise<Record<string, string>> {
    const token = await this.#tokens.getAccessToken();
    return {
      Authorization: `Bearer ${token}`,
      IntegrasjonId: this.integrasjonId,
      IntegrasjonPassord: this.#passord.reveal().trim(),
    };
  }

  /** The broker password: integration password, one space, a current access token. */
  async amqpPassword(): Promise<string> {
    return `${this.#passord.reveal().trim()} ${await this.#tokens.getAccessToken()}`;
  }

  /** Drops the cached token after the server rejected it. */
  invalidateToken(): void {
    this.#tokens.invalidate?.();
  }
}
