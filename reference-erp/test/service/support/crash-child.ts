// A reference ERP service in its own process that dies (SIGKILL) the moment it tries to send an
// answer: the decision is committed, the answer never leaves. It consumes the parent's in-memory
// broker over the WebSocket bridge, so the unacknowledged request returns to the queue when it
// dies. Environment: DATA_DIR (PGlite) or DATABASE_URL (+ DATABASE_SCHEMA), BRIDGE_URL, KONTO_ID,
// ERP_KEY, ERP_CERT and PORTAL_CERT (PEM).
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { FiksIoClient, ProtocolCatalog } from '@fiks-faktura/sdk';
import { WebSocketReceiver } from '@fiks-faktura/sdk/testing';
import { openLedgerStore } from '../../../src/cli/ledger-store.js';
import { ReferenceErp } from '../../../src/erp/reference-erp.js';
import { startErpService } from '../../../src/service/erp-service.js';
import { openPostgresDatabase } from '../../../src/store/postgres-database.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const kontoId = env('KONTO_ID');
const privateKey = createPrivateKey(env('ERP_KEY'));
const portalCertificate = new X509Certificate(env('PORTAL_CERT'));
const db =
  process.env.DATABASE_URL === undefined
    ? (await openLedgerStore({ dataDir: env('DATA_DIR') })).db
    : await openPostgresDatabase({
        connectionString: process.env.DATABASE_URL,
        schema: env('DATABASE_SCHEMA'),
      });
const erp = await ReferenceErp.open({ db });
const client = new FiksIoClient({
  connection: {
    kontoId,
    send: async () => {
      process.kill(process.pid, 'SIGKILL');
      throw new Error('unreachable');
    },
    recipientCertificate: async () => portalCertificate,
    downloadDokumentlager: async () => {
      throw new Error('no Dokumentlager here');
    },
    createReceiver: () =>
      new WebSocketReceiver({ kontoId, url: env('BRIDGE_URL'), headers: async () => ({}) }),
  },
  signer: { certificate: new X509Certificate(env('ERP_CERT')), privateKey },
  privateKeys: [privateKey],
});
await startErpService({ erp, client, catalog: ProtocolCatalog.load() });
process.stdout.write('ready\n');
