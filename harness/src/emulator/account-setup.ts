import { createPublicKey, type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { readCertificate, readPrivateKey } from '@fiks-faktura/sdk';
import { generateDevCertificate } from '@fiks-faktura/sdk/testing';
import type { EmulatorAccount, MaskinportenClient } from './account-registry.js';
import { EmulatorError } from './emulator-error.js';

/** One account as described in code or in an accounts file; whatever is missing is generated. */
export interface AccountSpec {
  kontoId?: string;
  navn: string;
  organisasjonsnummer?: string;
  integrasjonId?: string;
  integrasjonPassord?: string;
  fiksOrgId?: string;
  /** The Maskinporten client of the account's configs (registered with its certificate unless `maskinportenClients` names it). */
  maskinportenClientId?: string;
  /** PEM certificate (in a file: a path, relative to the file). */
  certificate?: string;
  /** PEM PKCS#8 private key (in a file: a path, relative to the file). */
  privateKey?: string;
}

/** Accounts and extra Maskinporten clients (for example a vendor's own enterprise certificate). */
export interface AccountsSpec {
  accounts: AccountSpec[];
  maskinportenClients?: {
    clientId: string;
    certificate: string;
    /** Public keys (PEM) registered for the client beside its certificate, by `kid`. */
    keys?: { kid: string; publicKey: string }[];
  }[];
}

/** The accounts of an emulator started without an accounts file. */
export const DEFAULT_ACCOUNTS: AccountsSpec = {
  accounts: [
    { navn: 'Min kommune (klient)', organisasjonsnummer: '944117784' },
    { navn: 'Fakturasystem (tjener)', organisasjonsnummer: '910123456' },
  ],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(message: string, field: string): EmulatorError {
  return new EmulatorError(400, 'ACCOUNTS_INVALID', `Invalid accounts: ${field} ${message}`, {
    details: { field },
  });
}

function registeredKeys(
  keys: readonly { kid: string; publicKey: string }[],
  index: number,
): Map<string, KeyObject> {
  const byKid = new Map<string, KeyObject>();
  for (const [k, { kid, publicKey }] of keys.entries()) {
    const field = `maskinportenClients[${index}].keys[${k}]`;
    if (typeof kid !== 'string' || kid === '' || byKid.has(kid))
      throw invalid('needs a kid of its own', `${field}.kid`);
    try {
      byKid.set(kid, createPublicKey(publicKey));
    } catch (cause) {
      throw new EmulatorError(400, 'ACCOUNTS_INVALID', `${field}.publicKey is not a public key`, {
        cause,
        details: { field: `${field}.publicKey` },
      });
    }
  }
  return byKid;
}

/**
 * Builds the accounts of a spec, generating what is missing: ids (fresh UUIDs, so runs do not
 * collide), integration passwords, and an RSA key with a self-signed certificate. Every account
 * gets a Maskinporten client registered with its certificate.
 */
export async function setUpAccounts(
  spec: AccountsSpec,
): Promise<{ accounts: EmulatorAccount[]; clients: MaskinportenClient[] }> {
  const clients: MaskinportenClient[] = (spec.maskinportenClients ?? []).map((c, index) => {
    try {
      return {
        clientId: c.clientId,
        certificate: readCertificate(c.certificate),
        ...(c.keys === undefined ? {} : { keys: registeredKeys(c.keys, index) }),
      };
    } catch (cause) {
      if (cause instanceof EmulatorError) throw cause;
      throw new EmulatorError(
        400,
        'ACCOUNTS_INVALID',
        `maskinportenClients[${index}].certificate is not a certificate`,
        {
          cause,
          details: { field: `maskinportenClients[${index}].certificate` },
        },
      );
    }
  });
  const given = new Set(clients.map((c) => c.clientId));
  const accounts = await Promise.all(
    spec.accounts.map(async (a, index): Promise<EmulatorAccount> => {
      const field = `accounts[${index}]`;
      for (const key of ['kontoId', 'integrasjonId', 'fiksOrgId'] as const) {
        const value = a[key];
        if (value !== undefined && !UUID.test(value)) throw invalid('must be a UUID', `${field}.${key}`);
      }
      if (a.organisasjonsnummer !== undefined && !/^\d{9}$/.test(a.organisasjonsnummer))
        throw invalid('must be nine digits', `${field}.organisasjonsnummer`);
      if (a.privateKey !== undefined && a.certificate === undefined)
        throw invalid('needs the certificate that belongs to privateKey', `${field}.certificate`);
      let certificatePem = a.certificate;
      let privateKeyPem = a.privateKey;
      if (certificatePem === undefined) {
        const generated = await generateDevCertificate({
          commonName: a.navn,
          ...(a.organisasjonsnummer === undefined ? {} : { organizationNumber: a.organisasjonsnummer }),
        });
        certificatePem = generated.certificatePem;
        privateKeyPem = generated.privateKeyPem;
      }
      let certificate: EmulatorAccount['certificate'];
      try {
        certificate = readCertificate(certificatePem);
        if (privateKeyPem !== undefined) readPrivateKey(privateKeyPem);
      } catch (cause) {
        throw new EmulatorError(400, 'ACCOUNTS_INVALID', `${field}: the certificate or key cannot be read`, {
          cause,
          details: { field },
        });
      }
      const maskinportenClientId = a.maskinportenClientId ?? randomUUID();
      if (!given.has(maskinportenClientId)) clients.push({ clientId: maskinportenClientId, certificate });
      return {
        kontoId: (a.kontoId ?? randomUUID()).toLowerCase(),
        navn: a.navn,
        organisasjonsnummer: a.organisasjonsnummer,
        fiksOrgId: (a.fiksOrgId ?? randomUUID()).toLowerCase(),
        fiksOrgNavn: a.navn,
        integrasjonId: (a.integrasjonId ?? randomUUID()).toLowerCase(),
        integrasjonPassord: a.integrasjonPassord ?? randomBytes(18).toString('base64url'),
        certificate,
        privateKeyPem,
        maskinportenClientId,
      };
    }),
  );
  return { accounts, clients };
}
