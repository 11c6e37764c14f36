import type { IncomingHttpHeaders } from 'node:http';
import type { AccountRegistry, Integration } from './account-registry.js';
import { EmulatorError } from './emulator-error.js';
import type { TokenService } from './token-service.js';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Checks the three credentials of an authenticated Fiks IO call (a bearer token from the
 * emulator's `/token`, `IntegrasjonId`, `IntegrasjonPassord`) and what the integration may do.
 */
export class RequestAuthenticator {
  readonly #registry: AccountRegistry;
  readonly #tokens: TokenService;

  constructor(registry: AccountRegistry, tokens: TokenService) {
    this.#registry = registry;
    this.#tokens = tokens;
  }

  /** The integration of the request; `UNAUTHORIZED` (401) when a credential is missing or wrong. */
  authenticate(headers: IncomingHttpHeaders): Integration {
    const authorization = header(headers, 'authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const clientId = match === null ? undefined : this.#tokens.clientOf(match[1]!);
    if (clientId === undefined)
      throw new EmulatorError(
        401,
        'UNAUTHORIZED',
        'A valid Maskinporten bearer token is required (it may have expired)',
      );
    const integrasjonId = header(headers, 'integrasjonid');
    const passord = header(headers, 'integrasjonpassord');
    const integration =
      integrasjonId === undefined || passord === undefined
        ? undefined
        : this.#registry.integration(integrasjonId, passord);
    if (integration === undefined)
      throw new EmulatorError(
        401,
        'UNAUTHORIZED',
        'IntegrasjonId and IntegrasjonPassord do not match an integration',
      );
    // Fiks IO binds a token to the organisation it was issued to: here, the Maskinporten client of
    // one of the integration's accounts.
    const bound = [...integration.kontoIds].some(
      (kontoId) => this.#registry.account(kontoId)?.maskinportenClientId === clientId,
    );
    if (!bound)
      throw new EmulatorError(
        403,
        'FORBIDDEN',
        `The bearer token was not issued to integration ${integration.integrasjonId}'s Maskinporten client`,
        { details: { integrasjonId: integration.integrasjonId } },
      );
    return integration;
  }

  /** `FORBIDDEN` (403) unless the integration may use the account. */
  requireAccess(integration: Integration, kontoId: string): void {
    if (!integration.kontoIds.has(kontoId.toLowerCase()))
      throw new EmulatorError(
        403,
        'FORBIDDEN',
        `Integration ${integration.integrasjonId} may not use account ${kontoId}`,
        { details: { integrasjonId: integration.integrasjonId, kontoId } },
      );
  }
}
