import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { generateDevCertificate, readCertificate, readPrivateKey } from '@fiks-faktura/sdk';
import type { EmulatorAccount, MaskinportenClient } from './account-registry.js';
import { EmulatorError } from './emulator-error.js';

/** One account as described in code or in an accounts file; whatever is missing is generated. */
export interface AccountSpec {
  kontoId?: string;
  navn: string;
  organisasjonsnummer?: string;
  integrasjonId?: string;
  integrasjonPassord?: string;
  /** PEM certificate (in a file: a path, relative to the file). */
  certificate?: string;
  /** PEM PKCS#8 private key (in a file: a path, relative to the file). */
  privateKey?: string;
}

/** Accounts and extra Maskinporten clients (for example a vendor's own enterprise certificate). */
export interface AccountsSpec {
  accounts: AccountSpec[];
  maskinportenClients?: { clientId: string; certificate: string }[];
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

function optionalString(o: Record<string, unknown>, key: string, field: string): string | undefined {
  const value = o[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '')
    throw invalid('must be a non-empty string', `${field}.${key}`);
  return value;
}

/**
 * Reads an accounts file (JSON: `{accounts: [{navn, kontoId?, organisasjonsnummer?, integrasjonId?,
 * integrasjonPassord?, certificate?, privateKey?}], maskinportenClients?: [{clientId, certificate}]}`,
 * certificate and key paths relative to the file) into a spec with the PEM contents inlined.
 */
export async function readAccountsFile(path: string): Promise<AccountsSpec> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new EmulatorError(
      400,
      'ACCOUNTS_FILE_UNREADABLE',
      `Cannot read the accounts file ${path} as JSON`,
      {
        cause,
        details: { path },
      },
    );
  }
  const base = dirname(path);
  const pem = async (file: string | undefined, field: string) => {
    if (file === undefined) return undefined;
    try {
      return await readFile(resolve(base, file), 'utf8');
    } catch (cause) {
      throw new EmulatorError(400, 'ACCOUNTS_FILE_UNREADABLE', `Cannot read ${field} (${file})`, {
        cause,
        details: { field, path: file },
      });
    }
  };
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { accounts?: unknown }).accounts))
    throw invalid('must be an array', 'accounts');
  const root = data as { accounts: unknown[]; maskinportenClients?: unknown };
  const accounts: AccountSpec[] = [];
  for (const [index, entry] of root.accounts.entries()) {
    const field = `accounts[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw invalid('must be an object', field);
    const o = entry as Record<string, unknown>;
    const navn = optionalString(o, 'navn', field);
    if (navn === undefined) throw invalid('is required', `${field}.navn`);
    const spec: AccountSpec = { navn };
    for (const key of ['kontoId', 'organisasjonsnummer', 'integrasjonId', 'integrasjonPassord'] as const) {
      const value = optionalString(o, key, field);
      if (value !== undefined) spec[key] = value;
    }
    const certificate = await pem(optionalString(o, 'certificate', field), `${field}.certificate`);
    const privateKey = await pem(optionalString(o, 'privateKey', field), `${field}.privateKey`);
    if (certificate !== undefined) spec.certificate = certificate;
    if (privateKey !== undefined) spec.privateKey = privateKey;
    accounts.push(spec);
  }
  const clients: { clientId: string; certificate: string }[] = [];
  const rawClients = root.maskinportenClients ?? [];
  if (!Array.isArray(rawClients)) throw invalid('must be an array', 'maskinportenClients');
  for (const [index, entry] of rawClients.entries()) {
    const field = `maskinportenClients[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw invalid('must be an object', field);
    const o = entry as Record<string, unknown>;
    const clientId = optionalString(o, 'clientId', field);
    const certificatePath = optionalString(o, 'certificate', field);
    if (clientId === undefined || certificatePath === undefined)
      throw invalid('needs clientId and certificate', field);
    clients.push({ clientId, certificate: (await pem(certificatePath, `${field}.certificate`))! });
  }
  return { accounts, maskinportenClients: clients };
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
      return { clientId: c.clientId, certificate: readCertificate(c.certificate) };
    } catch (cause) {
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
  const accounts = await Promise.all(
    spec.accounts.map(async (a, index): Promise<EmulatorAccount> => {
      const field = `accounts[${index}]`;
      for (const key of ['kontoId', 'integrasjonId'] as const) {
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
      const maskinportenClientId = randomUUID();
      clients.push({ clientId: maskinportenClientId, certificate });
      return {
        kontoId: (a.kontoId ?? randomUUID()).toLowerCase(),
        navn: a.navn,
        organisasjonsnummer: a.organisasjonsnummer,
        fiksOrgId: randomUUID(),
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
