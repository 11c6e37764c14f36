import { access } from 'node:fs/promises';
import { FiksError } from '@fiks-faktura/sdk';
import type { AccountSpec, AccountsSpec } from './account-setup.js';
import { keptAccountsPath, readAccountsFile } from './accounts-file.js';

/** The fields of an account that name it; a key upload may change its certificate, never these. */
const IDENTITY_FIELDS = [
  'navn',
  'kontoId',
  'organisasjonsnummer',
  'fiksOrgId',
  'integrasjonId',
  'integrasjonPassord',
  'maskinportenClientId',
] as const satisfies readonly (keyof AccountSpec)[];

/**
 * The accounts a data folder keeps from an earlier start, or undefined when it keeps none (no
 * `DIR/accounts.json`). A kept file that cannot be read is `ACCOUNTS_FILE_UNREADABLE` or
 * `ACCOUNTS_INVALID`, as any accounts file.
 */
export async function readKeptAccounts(dataDir: string): Promise<AccountsSpec | undefined> {
  const path = keptAccountsPath(dataDir);
  try {
    await access(path);
  } catch {
    return undefined;
  }
  return readAccountsFile(path);
}

/**
 * How the accounts kept in a data folder differ from an accounts file, or undefined when the
 * file describes them: as many accounts, in the same order, each with the file's values of the
 * fields the file gives (generated ones it leaves out may be anything), and every Maskinporten
 * client of the file. Certificates and keys are not compared (a key upload replaces them).
 */
export function keptAccountsDifference(file: AccountsSpec, kept: AccountsSpec): string | undefined {
  if (file.accounts.length !== kept.accounts.length)
    return `the file has ${file.accounts.length} account(s), the data folder ${kept.accounts.length}`;
  for (const [index, account] of file.accounts.entries()) {
    const keptAccount = kept.accounts[index]!;
    for (const field of IDENTITY_FIELDS) {
      const wanted = account[field];
      if (wanted === undefined || wanted === keptAccount[field]) continue;
      const shown =
        field === 'integrasjonPassord'
          ? ''
          : ` (file ${JSON.stringify(wanted)}, kept ${JSON.stringify(keptAccount[field] ?? null)})`;
      return `accounts[${index}].${field} differs${shown}`;
    }
  }
  const keptClients = new Set((kept.maskinportenClients ?? []).map((c) => c.clientId));
  const missing = (file.maskinportenClients ?? []).find((c) => !keptClients.has(c.clientId));
  return missing === undefined
    ? undefined
    : `the Maskinporten client ${JSON.stringify(missing.clientId)} is not among the kept ones`;
}

/**
 * Checks that `--accounts FILE` and `--data DIR` agree: a data folder that keeps accounts from an
 * earlier start brings those back, so a file describing other accounts would be ignored. That is
 * `ACCOUNTS_CONFLICT`, naming both and the first difference, rather than a silent choice. A data
 * folder without accounts, or one keeping the file's accounts, passes.
 */
export async function checkKeptAccountsMatch(
  accountsPath: string,
  file: AccountsSpec,
  dataDir: string,
): Promise<void> {
  const kept = await readKeptAccounts(dataDir);
  if (kept === undefined) return;
  const difference = keptAccountsDifference(file, kept);
  if (difference === undefined) return;
  throw new FiksError(
    'ACCOUNTS_CONFLICT',
    `--accounts ${accountsPath} differs from the accounts --data ${dataDir} keeps from an earlier start (${difference}); leave out --accounts to use the kept ones, or remove ${keptAccountsPath(dataDir)} to start from the file.`,
    { details: { accounts: accountsPath, data: dataDir, difference } },
  );
}
