import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAjv, readableFieldPath } from '@fiks-faktura/sdk';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { EmulatorAccount, MaskinportenClient } from './account-registry.js';
import type { AccountSpec, AccountsSpec } from './account-setup.js';
import { EmulatorError } from './emulator-error.js';

/** Path of the JSON Schema of accounts files. */
export const accountsSchemaPath: string = fileURLToPath(new URL('./accounts.schema.json', import.meta.url));

let validator: ValidateFunction | undefined;

/** The field an error is about: `/accounts/1` and a missing `kontoId` → `accounts[1].kontoId`. */
function fieldOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' || error.keyword === 'dependentRequired')
    return readableFieldPath(error.instancePath, String(params['missingProperty']));
  if (error.keyword === 'additionalProperties')
    return readableFieldPath(error.instancePath, String(params['additionalProperty']));
  return readableFieldPath(error.instancePath);
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
    case 'dependentRequired':
      return `${fieldOf(error)} is required`;
    case 'additionalProperties':
      return `${fieldOf(error)} is not a known field`;
    case 'pattern':
      return `${fieldOf(error)} ${/organisasjonsnummer$/.test(error.instancePath) ? 'must be nine digits' : 'must be a UUID'}`;
    default:
      return `${fieldOf(error)} ${error.message ?? error.keyword}`;
  }
}

/** The problems of parsed JSON as an accounts file (`accounts.schema.json`), one line each. */
export function accountsFileProblems(json: unknown): string[] {
  validator ??= createAjv().compile(JSON.parse(readFileSync(accountsSchemaPath, 'utf8')) as object);
  return validator(json) ? [] : [...new Set((validator.errors ?? []).map(describe))];
}

/** An accounts file as JSON, paths still paths. */
interface AccountsFileJson {
  accounts: (Omit<AccountSpec, 'certificate' | 'privateKey'> & {
    certificate?: string;
    privateKey?: string;
  })[];
  maskinportenClients?: {
    clientId: string;
    certificate: string;
    keys?: { kid: string; publicKey: string }[];
  }[];
}

/**
 * Reads an accounts file (`accounts.schema.json`; certificate and key paths relative to the file)
 * into a spec with the PEM contents inlined. `ACCOUNTS_FILE_UNREADABLE` when it or a PEM cannot be
 * read, `ACCOUNTS_INVALID` naming every faulty field.
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
  const problems = accountsFileProblems(data);
  if (problems.length > 0)
    throw new EmulatorError(
      400,
      'ACCOUNTS_INVALID',
      `Invalid accounts file ${path}: ${problems.join('; ')}`,
      {
        details: { path, problems },
      },
    );
  const base = dirname(path);
  const pem = async (file: string, field: string) => {
    try {
      return await readFile(resolve(base, file), 'utf8');
    } catch (cause) {
      throw new EmulatorError(400, 'ACCOUNTS_FILE_UNREADABLE', `Cannot read ${field} (${file})`, {
        cause,
        details: { field, path: file },
      });
    }
  };
  const root = data as AccountsFileJson;
  const accounts: AccountSpec[] = [];
  for (const [index, entry] of root.accounts.entries()) {
    const { certificate, privateKey, ...rest } = entry;
    const spec: AccountSpec = { ...rest };
    if (certificate !== undefined)
      spec.certificate = await pem(certificate, `accounts[${index}].certificate`);
    if (privateKey !== undefined) spec.privateKey = await pem(privateKey, `accounts[${index}].privateKey`);
    accounts.push(spec);
  }
  const clients: NonNullable<AccountsSpec['maskinportenClients']> = [];
  for (const [index, client] of (root.maskinportenClients ?? []).entries()) {
    const keys: { kid: string; publicKey: string }[] = [];
    for (const [k, key] of (client.keys ?? []).entries())
      keys.push({
        kid: key.kid,
        publicKey: await pem(key.publicKey, `maskinportenClients[${index}].keys[${k}].publicKey`),
      });
    clients.push({
      clientId: client.clientId,
      certificate: await pem(client.certificate, `maskinportenClients[${index}].certificate`),
      ...(client.keys === undefined ? {} : { keys }),
    });
  }
  return { accounts, maskinportenClients: clients };
}

/** Where a data folder keeps its accounts: `DIR/accounts.json`, an accounts file. */
export function keptAccountsPath(dataDir: string): string {
  return join(dataDir, 'accounts.json');
}

/**
 * Writes the accounts as an accounts file `DIR/accounts.json` with their certificates and keys
 * under `DIR/keys/` (readable by the owner only), so that a later start reads back the same
 * accounts: ids, integrations, passwords, keys and Maskinporten clients.
 */
export async function writeAccountsFile(
  dir: string,
  accounts: readonly EmulatorAccount[],
  clients: readonly MaskinportenClient[],
): Promise<string> {
  const keys = join(dir, 'keys');
  await mkdir(keys, { recursive: true, mode: 0o700 });
  const file: AccountsFileJson = { accounts: [], maskinportenClients: [] };
  for (const account of accounts) {
    const folder = join(keys, account.kontoId);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await writeFile(join(folder, 'cert.pem'), account.certificate.toString(), { mode: 0o600 });
    const entry: AccountsFileJson['accounts'][number] = {
      navn: account.navn,
      kontoId: account.kontoId,
      ...(account.organisasjonsnummer === undefined
        ? {}
        : { organisasjonsnummer: account.organisasjonsnummer }),
      fiksOrgId: account.fiksOrgId,
      integrasjonId: account.integrasjonId,
      integrasjonPassord: account.integrasjonPassord,
      maskinportenClientId: account.maskinportenClientId,
      certificate: `keys/${account.kontoId}/cert.pem`,
    };
    if (account.privateKeyPem !== undefined) {
      await writeFile(join(folder, 'key.pem'), account.privateKeyPem, { mode: 0o600 });
      entry.privateKey = `keys/${account.kontoId}/key.pem`;
    }
    file.accounts.push(entry);
  }
  for (const [index, client] of clients.entries()) {
    const name = `maskinporten-client-${index + 1}.pem`;
    await writeFile(join(keys, name), client.certificate.toString(), { mode: 0o600 });
    const registered: { kid: string; publicKey: string }[] = [];
    for (const [k, [kid, key]] of [...(client.keys ?? new Map())].entries()) {
      const keyName = `maskinporten-client-${index + 1}-key-${k + 1}.pem`;
      await writeFile(join(keys, keyName), key.export({ type: 'spki', format: 'pem' }).toString(), {
        mode: 0o600,
      });
      registered.push({ kid, publicKey: `keys/${keyName}` });
    }
    file.maskinportenClients!.push({
      clientId: client.clientId,
      certificate: `keys/${name}`,
      ...(registered.length === 0 ? {} : { keys: registered }),
    });
  }
  const path = keptAccountsPath(dir);
  // Written whole, then renamed: a stop halfway leaves the previous file.
  await writeFile(`${path}.tmp`, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  await rename(`${path}.tmp`, path);
  return path;
}
