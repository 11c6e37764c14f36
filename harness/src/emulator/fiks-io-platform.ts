import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readCertificate, SERVERFEIL, TIDSAVBRUDD } from '@fiks-faktura/sdk';
import type { AccountRegistry, EmulatorAccount, Integration } from './account-registry.js';
import type { BrokerBackend, DeadLetterReason } from './broker-backend.js';
import { DeliveryControl } from './delivery-control.js';
import type { Dokumentlager } from './dokumentlager.js';
import { EmulatorError } from './emulator-error.js';
import type { MeldingSpesifikasjon, SendtMeldingApiModel } from './melding-spesifikasjon.js';
import type { PayloadStore, StoredPayload } from './payload-store.js';
import type { Timeline } from './timeline.js';

/** Fiks IO's ttl when the sender gives none: 7 days. */
export const DEFAULT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Payloads larger than this go to Dokumentlager (5 MiB). */
export const DOKUMENTLAGER_THRESHOLD_BYTES = 5 * 1024 * 1024;
const CUSTOM_HEADER_PREFIX = 'egendefinert-header.';
const KORRELASJON_HEADERS = ['klientKorrelasjonsId', 'klientKorrelasjonId'] as const;

/** Settings of a {@link FiksIoPlatform}. */
export interface FiksIoPlatformOptions {
  registry: AccountRegistry;
  backend: BrokerBackend;
  timeline: Timeline;
  dokumentlager: Dokumentlager;
  /** The data folder's payloads (sent bodies arrive there). */
  payloads: PayloadStore;
  /** Default 5 MiB. */
  dokumentlagerThresholdBytes?: number;
  /** An account changed (its public key was replaced). */
  onAccountsChanged?: () => void;
  clock?: () => number;
}

/** An `OffentligNokkel` as the catalog answers it. */
export interface OffentligNokkelApiModel {
  nokkel: string;
  validFrom: string;
  validTo: string;
  serial: string;
  subjectDN: string;
  issuerDN: string;
  valid: boolean;
  statusMessage: string | null;
}

/**
 * Fiks IO's semantics, shared by the HTTP API and in-process connections: sending (checks,
 * headers exactly as Fiks IO sets them, Dokumentlager for large payloads), the catalog, key
 * upload, and the platform messages for expired (`tidsavbrudd`) and undeliverable (`serverfeil`)
 * messages. Platform messages go to the original sender's queue with `avsender-id` = the account
 * the message could not be delivered to, `svar-til` = its meldingId, and no payload.
 */
export class FiksIoPlatform {
  readonly registry: AccountRegistry;
  readonly timeline: Timeline;
  /** Held delivery and redelivery on demand (the conformance harness's messaging faults). */
  readonly delivery: DeliveryControl;
  /** The data folder's payloads (sent bodies arrive there). */
  readonly payloads: PayloadStore;
  readonly #backend: BrokerBackend;
  readonly #dokumentlager: Dokumentlager;
  readonly #threshold: number;
  /**
   * Messages acknowledged whose Dokumentlager file waits until they cannot be redelivered (as
   * after a lost ack), or until the data folder needs the space.
   */
  readonly #doneButRemembered = new Set<string>();
  readonly #clock: () => number;
  readonly #onAccountsChanged: (() => void) | undefined;

  constructor(options: FiksIoPlatformOptions) {
    this.registry = options.registry;
    this.timeline = options.timeline;
    this.#backend = options.backend;
    this.#dokumentlager = options.dokumentlager;
    this.payloads = options.payloads;
    // Files kept only for a redelivery give way to new payloads.
    this.payloads.reclaim = () => {
      for (const meldingId of this.#doneButRemembered) this.#dokumentlager.releaseMessage(meldingId);
      this.#doneButRemembered.clear();
    };
    this.#threshold = options.dokumentlagerThresholdBytes ?? DOKUMENTLAGER_THRESHOLD_BYTES;
    this.#clock = options.clock ?? Date.now;
    this.#onAccountsChanged = options.onAccountsChanged;
    this.delivery = new DeliveryControl({
      publish: (kontoId, message) => this.#backend.publish(kontoId, message),
      onExpired: (kontoId, message) => {
        const meldingId = message.headers['melding-id'];
        if (meldingId !== undefined) {
          this.timeline.record({ type: 'expired', at: this.#clock(), meldingId, kontoId, detail: 'held' });
          this.#dokumentlager.releaseMessage(meldingId);
        }
        this.#platformMessage(kontoId, message.headers, 'expired');
      },
      onForget: (meldingId) => {
        if (this.#doneButRemembered.delete(meldingId)) this.#dokumentlager.releaseMessage(meldingId);
      },
      clock: this.#clock,
    });
    this.#backend.listen({
      onEvent: (event) => {
        this.timeline.record({ ...event, at: this.#clock() });
        if (event.type === 'acked') this.#messageDone(event.meldingId);
        else if (event.type === 'expired' || event.type === 'dead-lettered')
          this.#dokumentlager.releaseMessage(event.meldingId);
      },
      onDeadLetter: (message) => this.#platformMessage(message.kontoId, message.headers, message.reason),
    });
  }

  /** Declares every account's queue. */
  async start(): Promise<void> {
    for (const account of this.registry.accounts()) await this.#backend.declareAccount(account.kontoId);
  }

  /** Adds an account at run time and declares its queue. */
  async addAccount(account: EmulatorAccount): Promise<void> {
    this.registry.add(account);
    await this.#backend.declareAccount(account.kontoId);
  }

  /**
   * Accepts a message from `integration`: 403 when the sending account is not the integration's,
   * 404 when the receiving account does not exist. Resolves once it is on the receiver's queue.
   * The payload is a file of the data folder that the platform owns from now on: above the
   * threshold it becomes the Dokumentlager file, else it is read into the queued message and deleted.
   */
  async send(
    integration: Integration,
    spec: MeldingSpesifikasjon,
    payload?: StoredPayload,
  ): Promise<SendtMeldingApiModel> {
    try {
      return await this.#send(integration, spec, payload);
    } finally {
      if (payload !== undefined && !this.#dokumentlager.holds(payload)) await this.payloads.remove(payload);
    }
  }

  async #send(
    integration: Integration,
    spec: MeldingSpesifikasjon,
    payload: StoredPayload | undefined,
  ): Promise<SendtMeldingApiModel> {
    if (!integration.kontoIds.has(spec.avsenderKontoId))
      throw new EmulatorError(
        403,
        'FORBIDDEN',
        `Integration ${integration.integrasjonId} may not send as account ${spec.avsenderKontoId}`,
        { details: { avsenderKontoId: spec.avsenderKontoId } },
      );
    this.registry.requireAccount(spec.mottakerKontoId);
    const meldingId = randomUUID();
    const ttl = spec.ttl ?? DEFAULT_TTL_MS;
    const headers: Record<string, string> = {
      'melding-id': meldingId,
      type: spec.meldingType,
      'avsender-id': spec.avsenderKontoId,
    };
    if (spec.svarPaMelding !== null) headers['svar-til'] = spec.svarPaMelding;
    for (const [key, value] of Object.entries(spec.headere)) headers[CUSTOM_HEADER_PREFIX + key] = value;
    let body = Buffer.alloc(0);
    let dokumentlagerId: string | null = null;
    if (payload !== undefined && payload.size > this.#threshold) {
      dokumentlagerId = this.#dokumentlager.adopt(payload, {
        kontoIds: [spec.mottakerKontoId, spec.avsenderKontoId],
        ttlMs: ttl,
        meldingId,
      });
      headers['dokumentlager-id'] = dokumentlagerId;
    } else if (payload !== undefined) body = await readFile(payload.path);
    // Recorded first: the broker may deliver before publish() resolves.
    this.timeline.record({
      type: 'accepted',
      at: this.#clock(),
      meldingId,
      kontoId: spec.mottakerKontoId,
      detail: spec.meldingType,
    });
    await this.delivery.deliver(spec.mottakerKontoId, { headers, body, expirationMs: ttl });
    return {
      meldingId,
      meldingType: spec.meldingType,
      avsenderKontoId: spec.avsenderKontoId,
      mottakerKontoId: spec.mottakerKontoId,
      ttl,
      dokumentlagerId,
      svarPaMelding: spec.svarPaMelding,
      headere: { ...spec.headere },
    };
  }

  /** `KatalogKonto` of an account (404 when unknown). */
  async katalogKonto(kontoId: string): Promise<Record<string, unknown>> {
    const account = this.registry.requireAccount(kontoId);
    return {
      fiksOrgId: account.fiksOrgId,
      fiksOrgNavn: account.fiksOrgNavn,
      kontoId: account.kontoId,
      kontoNavn: account.navn,
      organisasjonsnummer: account.organisasjonsnummer ?? null,
      kommunenummer: null,
      status: await this.kontoStatus(kontoId),
    };
  }

  /** `KontoStatusApiModel` of an account (404 when unknown). */
  async kontoStatus(kontoId: string): Promise<Record<string, unknown>> {
    const account = this.registry.requireAccount(kontoId);
    const stats = await this.#backend.queueStats(account.kontoId);
    return {
      gyldigAvsender: true,
      gyldigMottaker: true,
      melding: null,
      antallKonsumenter: stats.consumers,
      antallUavhentedeMeldinger: stats.messages,
    };
  }

  /** The account's public key (404 when unknown). */
  offentligNokkel(kontoId: string): OffentligNokkelApiModel {
    const certificate = this.registry.requireAccount(kontoId).certificate;
    const now = this.#clock();
    const validFrom = new Date(certificate.validFrom);
    const validTo = new Date(certificate.validTo);
    const valid = validFrom.getTime() <= now && now < validTo.getTime();
    return {
      nokkel: certificate.toString(),
      validFrom: validFrom.toISOString(),
      validTo: validTo.toISOString(),
      serial: certificate.serialNumber,
      subjectDN: certificate.subject.split('\n').reverse().join(', '),
      issuerDN: certificate.issuer.split('\n').reverse().join(', '),
      valid,
      statusMessage: valid ? null : 'The certificate is not valid now',
    };
  }

  /** Replaces the account's public key with a PEM certificate (403 for another integration's account). */
  uploadOffentligNokkel(integration: Integration, kontoId: string, pem: unknown): OffentligNokkelApiModel {
    const account = this.registry.requireAccount(kontoId);
    if (!integration.kontoIds.has(account.kontoId))
      throw new EmulatorError(
        403,
        'FORBIDDEN',
        `Integration ${integration.integrasjonId} may not configure account ${kontoId}`,
        {
          details: { kontoId },
        },
      );
    if (typeof pem !== 'string')
      throw new EmulatorError(
        400,
        'INVALID_PUBLIC_KEY',
        'The body must be {"pem": "<PEM X.509 certificate>"}',
      );
    try {
      account.certificate = readCertificate(pem);
    } catch (cause) {
      throw new EmulatorError(400, 'INVALID_PUBLIC_KEY', 'pem is not an X.509 certificate', { cause });
    }
    this.#onAccountsChanged?.();
    return this.offentligNokkel(kontoId);
  }

  /** A Dokumentlager file, for an integration of its sender or receiver. */
  dokumentlagerFile(integration: Integration, dokumentlagerId: string): StoredPayload {
    return this.#dokumentlager.open(dokumentlagerId, integration.kontoIds);
  }

  /** The message was acknowledged: its Dokumentlager file goes, once it cannot be redelivered. */
  #messageDone(meldingId: string): void {
    if (this.delivery.remembers(meldingId)) this.#doneButRemembered.add(meldingId.toLowerCase());
    else this.#dokumentlager.releaseMessage(meldingId);
  }

  #platformMessage(kontoId: string, original: Record<string, string>, reason: DeadLetterReason): void {
    const originalId = original['melding-id'];
    const originalType = original['type'];
    const sender = original['avsender-id'];
    if (originalId === undefined || originalType === undefined || sender === undefined) return;
    // Platform messages that die produce nothing, or two accounts could bounce them forever.
    if (originalType === TIDSAVBRUDD || originalType === SERVERFEIL) return;
    if (this.registry.account(sender) === undefined) return;
    const type = reason === 'expired' ? TIDSAVBRUDD : SERVERFEIL;
    const meldingId = randomUUID();
    const headers: Record<string, string> = {
      'melding-id': meldingId,
      type,
      'avsender-id': kontoId,
      'svar-til': originalId,
    };
    if (type === TIDSAVBRUDD) headers['svar-til-type'] = originalType;
    for (const key of KORRELASJON_HEADERS) {
      const value = original[CUSTOM_HEADER_PREFIX + key];
      if (value !== undefined) headers[CUSTOM_HEADER_PREFIX + key] = value;
    }
    this.timeline.record({
      type: 'platform-message-sent',
      at: this.#clock(),
      meldingId: originalId,
      kontoId: sender,
      detail: type,
      relatedMeldingId: meldingId,
    });
    this.#backend
      .publish(sender, { headers, body: Buffer.alloc(0), expirationMs: DEFAULT_TTL_MS })
      .catch(() => undefined);
  }
}
