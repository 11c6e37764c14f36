import type { KeyObject, X509Certificate } from 'node:crypto';
import { EmulatorError } from './emulator-error.js';

/** A Fiks IO account of the emulator, with the integration that may use it. */
export interface EmulatorAccount {
  kontoId: string;
  navn: string;
  organisasjonsnummer: string | undefined;
  fiksOrgId: string;
  fiksOrgNavn: string;
  integrasjonId: string;
  integrasjonPassord: string;
  /** The public certificate in the catalog (replaced by a key upload). */
  certificate: X509Certificate;
  /** PEM of the account's private key, when the emulator knows it (generated or given in the accounts file). */
  privateKeyPem: string | undefined;
  /** The Maskinporten client whose tokens the account's configs use. */
  maskinportenClientId: string;
}

/** A Maskinporten client: its id (`iss` of the grant) and its registered enterprise certificate. */
export interface MaskinportenClient {
  clientId: string;
  certificate: X509Certificate;
  /** Public keys registered for the client, by `kid`: a grant with `kid` and no `x5c` is verified by one. */
  keys?: ReadonlyMap<string, KeyObject>;
}

/** An integration: its password and the accounts it may use. */
export interface Integration {
  integrasjonId: string;
  kontoIds: ReadonlySet<string>;
}

/** The emulator's accounts, integrations and Maskinporten clients, looked up case-insensitively. */
export class AccountRegistry {
  readonly #accounts = new Map<string, EmulatorAccount>();
  readonly #integrations = new Map<string, { passord: string; kontoIds: Set<string> }>();
  readonly #clients = new Map<string, MaskinportenClient>();

  constructor(accounts: readonly EmulatorAccount[], clients: readonly MaskinportenClient[]) {
    for (const client of clients) this.#clients.set(client.clientId, client);
    for (const account of accounts) this.add(account);
  }

  /** Registers an account (and its integration); a second account may share an integration with the same password. */
  add(account: EmulatorAccount): void {
    const kontoId = account.kontoId.toLowerCase();
    if (this.#accounts.has(kontoId))
      throw new EmulatorError(400, 'ACCOUNT_DUPLICATE', `Account ${kontoId} is defined twice`, {
        details: { kontoId },
      });
    const integrasjonId = account.integrasjonId.toLowerCase();
    const integration = this.#integrations.get(integrasjonId);
    if (integration !== undefined && integration.passord !== account.integrasjonPassord)
      throw new EmulatorError(
        400,
        'INTEGRATION_PASSWORD_CONFLICT',
        `Integration ${integrasjonId} is given two different passwords; accounts sharing an integration share its password`,
        { details: { integrasjonId } },
      );
    this.#accounts.set(kontoId, account);
    if (integration === undefined)
      this.#integrations.set(integrasjonId, {
        passord: account.integrasjonPassord,
        kontoIds: new Set([kontoId]),
      });
    else integration.kontoIds.add(kontoId);
  }

  /** Every account, in registration order. */
  accounts(): EmulatorAccount[] {
    return [...this.#accounts.values()];
  }

  account(kontoId: string): EmulatorAccount | undefined {
    return this.#accounts.get(kontoId.toLowerCase());
  }

  /** The account, or `KONTO_NOT_FOUND` (404). */
  requireAccount(kontoId: string): EmulatorAccount {
    const account = this.account(kontoId);
    if (account === undefined)
      throw new EmulatorError(404, 'KONTO_NOT_FOUND', `Fiks IO account ${kontoId} does not exist`, {
        details: { kontoId },
      });
    return account;
  }

  maskinportenClient(clientId: string): MaskinportenClient | undefined {
    return this.#clients.get(clientId);
  }

  /** The integration when id and password match, otherwise undefined. */
  integration(integrasjonId: string, passord: string): Integration | undefined {
    const id = integrasjonId.toLowerCase();
    const integration = this.#integrations.get(id);
    if (integration === undefined || integration.passord !== passord.trim()) return undefined;
    return { integrasjonId: id, kontoIds: integration.kontoIds };
  }
}
