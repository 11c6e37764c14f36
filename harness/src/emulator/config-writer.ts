import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ReceiveEndpoint } from '@fiks-faktura/sdk';
import type { EmulatorAccount } from './account-registry.js';

/** A file-system-safe name for an account: `Min kommune (klient)` → `min-kommune-klient`. */
export function accountSlug(navn: string): string {
  const slug = navn
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'konto' : slug;
}

/**
 * Writes a ready SDK config file per account whose private key the emulator knows:
 * `DIR/<slug>.json` with `DIR/<slug>/{key.pem,cert.pem}` (relative paths), for the emulator at
 * `apiUrl` and either a broker that takes the Fiks IO login (`amqp`: written as `endpoints.amqp`,
 * the shape of a production config) or another receive endpoint (`receive`). Returns the absolute
 * config path per kontoId.
 */
export async function writeAccountConfigs(
  dir: string,
  accounts: readonly EmulatorAccount[],
  endpoints: { apiUrl: string; receive?: ReceiveEndpoint; amqp?: string },
): Promise<Map<string, string>> {
  const written = new Map<string, string>();
  const used = new Set<string>();
  const apiUrl = endpoints.apiUrl.replace(/\/+$/, '');
  await mkdir(dir, { recursive: true });
  for (const account of accounts) {
    if (account.privateKeyPem === undefined) continue;
    let slug = accountSlug(account.navn);
    for (let n = 2; used.has(slug); n++) slug = `${accountSlug(account.navn)}-${n}`;
    used.add(slug);
    await mkdir(join(dir, slug), { recursive: true });
    await writeFile(join(dir, slug, 'key.pem'), account.privateKeyPem, { mode: 0o600 });
    await writeFile(join(dir, slug, 'cert.pem'), account.certificate.toString());
    const config = {
      environment: 'custom',
      endpoints: {
        api: apiUrl,
        maskinportenToken: `${apiUrl}/token`,
        maskinportenAudience: `${apiUrl}/`,
        ...(endpoints.amqp === undefined ? {} : { amqp: endpoints.amqp }),
      },
      kontoId: account.kontoId,
      integrasjonId: account.integrasjonId,
      integrasjonPassord: account.integrasjonPassord,
      maskinporten: {
        clientId: account.maskinportenClientId,
        certificate: `${slug}/cert.pem`,
        privateKey: `${slug}/key.pem`,
      },
      privateKeys: [`${slug}/key.pem`],
      ...(endpoints.receive === undefined ? {} : { receive: endpoints.receive }),
    };
    const path = resolve(dir, `${slug}.json`);
    await writeFile(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    written.set(account.kontoId, path);
  }
  return written;
}
