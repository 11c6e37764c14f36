import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FiksIoConnection } from '@fiks-faktura/sdk';
import { AccountRegistry, type EmulatorAccount } from './account-registry.js';
import { type AccountsSpec, DEFAULT_ACCOUNTS, setUpAccounts } from './account-setup.js';
import { writeAccountsFile } from './accounts-file.js';
import { AmqpBackend } from './amqp-backend.js';
import { listenOn } from './broker-auth/auth-http.js';
import { type BrokerLogin, type BrokerLoginSetup, setUpBrokerLogin } from './broker-auth/broker-login.js';
import { writeBrokerTrust } from './broker-auth/broker-trust.js';
import { FiksIoBrokerAuthority } from './broker-auth/fiks-io-broker-authority.js';
import type { BrokerBackend } from './broker-backend.js';
import { writeAccountConfigs } from './config-writer.js';
import { Dokumentlager } from './dokumentlager.js';
import { FiksIoPlatform } from './fiks-io-platform.js';
import { createHttpApi } from './http-api.js';
import { inProcessConnection } from './in-process-connection.js';
import { readKeptAccounts } from './kept-accounts.js';
import { BRIDGE_PATH, MemoryBackend } from './memory-backend.js';
import { PayloadStore } from './payload-store.js';
import { RequestAuthenticator } from './request-authenticator.js';
import { Timeline } from './timeline.js';
import { TokenService } from './token-service.js';

/** Settings of {@link startFiksIoEmulator}. */
export interface FiksIoEmulatorOptions {
  /** TCP port of the HTTP API (default 0: a free port). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** `memory` (default) or a RabbitMQ URL `amqp://user:pass@host:5672`. */
  broker?: string;
  /**
   * Accounts to create; default two generated ones (see `DEFAULT_ACCOUNTS`). With `dataDir`, only
   * for a data folder that keeps no accounts yet: kept ones come back instead (the command line
   * refuses a file differing from them, see `checkKeptAccountsMatch`).
   */
  accounts?: AccountsSpec;
  /**
   * The data folder: payloads and Dokumentlager files under `payloads/` (emptied at start), and
   * the accounts in `accounts.json` with their keys under `keys/`, kept across restarts. Default:
   * a temporary folder, removed on close (and the accounts are new each start).
   */
  dataDir?: string;
  /** Total bytes of payloads the data folder holds at most (default 2 GiB); beyond, sends get 507. */
  dataQuotaBytes?: number;
  /** Largest accepted send request (default 1 GiB); beyond, 413 as soon as it is crossed. */
  maxRequestBytes?: number;
  /** Writes an SDK config file per account into this folder once listening. */
  writeConfigs?: string;
  /** Lifetime of issued access tokens (default 120 s). */
  tokenLifetimeSeconds?: number;
  /** Payloads above this many bytes go to Dokumentlager (default 5 MiB). */
  dokumentlagerThresholdBytes?: number;
  /** On close, delete the account queues and the run's topology on RabbitMQ (default true). */
  deleteQueuesOnClose?: boolean;
  /**
   * Token the emulator's own `/emulator/*` endpoints require (`Authorization: Bearer`). Default:
   * none on a loopback host, a generated one on any other host (see `controlToken` of the result).
   */
  controlToken?: string;
  /**
   * RabbitMQ: the address of the broker's HTTP auth router (default `127.0.0.1:15690`, the one
   * `harness/rabbitmq/rabbitmq.conf` names). The emulator registers its integrations there.
   */
  brokerAuth?: string;
  /** RabbitMQ with the Fiks IO login: the broker's AMQPS URL for the written configs, e.g. `amqps://localhost:5674`. */
  brokerAmqps?: string;
  /** With `brokerAmqps`: the development CA of that listener, copied beside the configs (`broker-ca.pem`). */
  brokerCa?: string;
}

/** A running emulator. */
export interface FiksIoEmulator {
  /** Base URL of the HTTP API, e.g. `http://127.0.0.1:43123`. */
  readonly url: string;
  /** `memory`, or the RabbitMQ URL without credentials. */
  readonly broker: string;
  readonly accounts: readonly EmulatorAccount[];
  /** Every message's events, for in-process observers. */
  readonly timeline: Timeline;
  /** Config file path per kontoId, when configs were written. */
  readonly configs: ReadonlyMap<string, string>;
  /** The bearer token `/emulator/*` requires; undefined when they are open (loopback). */
  readonly controlToken: string | undefined;
  /**
   * RabbitMQ: `fiks-io` when the broker asks the emulator (clients log in as at Fiks IO, and the
   * configs carry no broker password), `broker-user` when clients use the broker's own user;
   * undefined in memory.
   */
  readonly brokerLogin: BrokerLogin | undefined;
  /** The data folder's payloads (bytes used, files kept). */
  readonly payloads: PayloadStore;
  /** A connection for a client in this process, acting as the account's integration. */
  connection(kontoId: string): FiksIoConnection;
  /** The account with this name or kontoId. */
  account(nameOrKontoId: string): EmulatorAccount;
  /** Writes an SDK config file per account (see `writeAccountConfigs`). */
  writeConfigs(dir: string): Promise<Map<string, string>>;
  /** Consumers attached to the account's queue now (a vendor's system that is connected). */
  consumerCount(kontoId: string): Promise<number>;
  /**
   * Holds delivery to the account (of every message, or only of those with this `klientMeldingId`):
   * they wait, and expire with `tidsavbrudd` when their ttl runs out first.
   */
  holdDelivery(kontoId: string, klientMeldingId?: string): void;
  /** Ends that hold: the messages it held that have not expired go to the queue. Resolves to how many. */
  releaseDelivery(kontoId: string, klientMeldingId?: string): Promise<number>;
  /** Puts a delivered message on its queue again, flagged redelivered (as after a lost ack). */
  redeliver(meldingId: string): Promise<void>;
  /** Stops the emulator: its HTTP server and broker back end. */
  close(): Promise<void>;
}

async function createBackend(broker: string): Promise<BrokerBackend> {
  if (broker === 'memory') return new MemoryBackend();
  return AmqpBackend.connect(broker);
}

/**
 * Answers an upgrade request that the WebSocket bridge does not take (another path, or no bridge on
 * this back end), which would otherwise hang: 400 for a target that is no path, else 404.
 */
function refuseForeignUpgrade(bridged: boolean): (request: IncomingMessage, socket: Duplex) => void {
  return (request, socket) => {
    const target = request.url ?? '/';
    const valid = URL.canParse(target, 'http://emulator');
    if (bridged && valid && new URL(target, 'http://emulator').pathname === BRIDGE_PATH) return;
    socket.on('error', () => socket.destroy());
    const status = valid ? '404 Not Found' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
}

/** True for a host that only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Starts a local Fiks IO: accounts (generated or from a spec), the broker back end (in memory or
 * RabbitMQ), the HTTP API with `/token`, and, in memory, the WebSocket bridge on the same port.
 */
export async function startFiksIoEmulator(options: FiksIoEmulatorOptions = {}): Promise<FiksIoEmulator> {
  const dataDir = options.dataDir;
  const saved = dataDir === undefined ? undefined : await readKeptAccounts(dataDir);
  const { accounts, clients } = await setUpAccounts(saved ?? options.accounts ?? DEFAULT_ACCOUNTS);
  const registry = new AccountRegistry(accounts, clients);
  const saveAccounts = async () => {
    if (dataDir !== undefined) await writeAccountsFile(dataDir, registry.accounts(), clients);
  };
  const payloads = await PayloadStore.open({
    ...(dataDir === undefined ? {} : { dir: dataDir }),
    ...(options.dataQuotaBytes === undefined ? {} : { quotaBytes: options.dataQuotaBytes }),
  });
  await saveAccounts();
  let backend: BrokerBackend;
  try {
    backend = await createBackend(options.broker ?? 'memory');
  } catch (error) {
    await payloads.close();
    throw error;
  }
  const timeline = new Timeline();
  let url = '';
  const dokumentlager = new Dokumentlager({ store: payloads });
  const platform = new FiksIoPlatform({
    registry,
    backend,
    timeline,
    dokumentlager,
    payloads,
    onAccountsChanged: () => void saveAccounts().catch(() => undefined),
    ...(options.dokumentlagerThresholdBytes === undefined
      ? {}
      : { dokumentlagerThresholdBytes: options.dokumentlagerThresholdBytes }),
  });
  const server = createServer();
  const listenHost = options.host ?? '127.0.0.1';
  const controlToken =
    options.controlToken ?? (isLoopbackHost(listenHost) ? undefined : randomBytes(24).toString('base64url'));
  let brokerLogin: BrokerLoginSetup | undefined;
  try {
    await platform.start();
    const tokens = new TokenService({
      registry,
      audience: () => `${url}/`,
      ...(options.tokenLifetimeSeconds === undefined
        ? {}
        : { tokenLifetimeSeconds: options.tokenLifetimeSeconds }),
    });
    const authenticator = new RequestAuthenticator(registry, tokens);
    if (options.broker !== undefined && options.broker !== 'memory')
      brokerLogin = await setUpBrokerLogin(
        options.broker,
        new FiksIoBrokerAuthority(registry, authenticator),
        options.brokerAuth,
      );
    server.on(
      'request',
      createHttpApi({
        platform,
        tokens,
        authenticator,
        ...(options.maxRequestBytes === undefined ? {} : { maxRequestBytes: options.maxRequestBytes }),
        ...(controlToken === undefined ? {} : { controlToken }),
      }),
    );
    server.on('upgrade', refuseForeignUpgrade(backend.attachHttpServer !== undefined));
    await backend.attachHttpServer?.(server, async (request: IncomingMessage) => {
      const kontoId = new URL(request.url ?? '/', 'http://emulator').searchParams.get('kontoId');
      const integration = authenticator.authenticate(request.headers);
      if (kontoId === null) {
        // Without a kontoId, the integration's only account.
        const only = [...integration.kontoIds];
        return only.length === 1 ? { kontoId: only[0]! } : null;
      }
      authenticator.requireAccess(integration, kontoId);
      return { kontoId: kontoId.toLowerCase() };
    });
    await listenOn(server, listenHost, options.port ?? 0);
  } catch (error) {
    server.close();
    await brokerLogin?.close().catch(() => undefined);
    await backend.close({ deleteQueues: options.deleteQueuesOnClose ?? true }).catch(() => undefined);
    dokumentlager.close();
    await payloads.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${host}:${address.port}`;
  const configs = new Map<string, string>();
  const writeConfigs = async (dir: string) => {
    const fiksIoLogin = brokerLogin?.login === 'fiks-io';
    const written = await writeAccountConfigs(
      dir,
      registry.accounts(),
      fiksIoLogin
        ? { apiUrl: url, amqp: options.brokerAmqps ?? backend.description }
        : { apiUrl: url, receive: backend.receiveEndpoint(url) },
    );
    if (fiksIoLogin && options.brokerAmqps !== undefined && options.brokerCa !== undefined)
      await writeBrokerTrust(dir, options.brokerCa, options.brokerAmqps);
    for (const [kontoId, path] of written) configs.set(kontoId, path);
    return written;
  };
  if (options.writeConfigs !== undefined) await writeConfigs(options.writeConfigs);
  let closing: Promise<void> | undefined;
  return {
    url,
    broker: backend.description,
    accounts: registry.accounts(),
    timeline,
    configs,
    controlToken,
    brokerLogin: brokerLogin?.login,
    payloads,
    connection: (kontoId) => inProcessConnection(platform, backend, kontoId),
    account(nameOrKontoId) {
      const found =
        registry.account(nameOrKontoId) ?? registry.accounts().find((a) => a.navn === nameOrKontoId);
      return found ?? registry.requireAccount(nameOrKontoId);
    },
    writeConfigs,
    consumerCount: async (kontoId) => (await backend.queueStats(kontoId.toLowerCase())).consumers,
    holdDelivery: (kontoId, klientMeldingId) =>
      platform.delivery.hold(registry.requireAccount(kontoId).kontoId, klientMeldingId),
    releaseDelivery: (kontoId, klientMeldingId) =>
      platform.delivery.release(registry.requireAccount(kontoId).kontoId, klientMeldingId),
    redeliver: async (meldingId) => {
      await platform.delivery.redeliver(meldingId);
    },
    close() {
      closing ??= (async () => {
        platform.delivery.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await backend.close({ deleteQueues: options.deleteQueuesOnClose ?? true });
        await brokerLogin?.close();
        server.closeAllConnections();
        await closed;
        dokumentlager.close();
        await payloads.close();
      })();
      return closing;
    },
  };
}
