import { createHash, randomUUID } from 'node:crypto';
import {
  type AsiceContents,
  type AsiceFileInput,
  type Delivery,
  FiksIoClient,
  type MessageHandler,
  type MessageReceiver,
  type ProtocolCatalog,
  ReceivedMessage,
  type SendtMelding,
  sealPayloadToBuffer,
} from '@fiks-faktura/sdk';
import { sealTamperedPayload } from '../conformance/faults/tampered-container.js';
import type { VendorClientOptions } from '../embedded/embedded-target.js';
import type { JsonPayload, MutantAnswer, MutantBehaviour, MutantRequest, ReplyOverrides } from './mutant.js';

/** The legacy correlation header the SDK's replies also carry. */
const LEGACY_KORRELASJON_HEADER = 'klientKorrelasjonId';

function parseJson(data: AsiceFileInput['data'] | undefined): JsonPayload | undefined {
  if (!(data instanceof Uint8Array)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(data).toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonPayload)
      : undefined;
  } catch {
    return undefined;
  }
}

function jsonFile(name: string, payload: JsonPayload): AsiceFileInput {
  return { name, data: Buffer.from(JSON.stringify(payload), 'utf8'), mimeType: 'application/json' };
}

/** Overrides that the SDK's own reply cannot carry, so the wrapper seals and sends itself. */
function needsRawSend(overrides: ReplyOverrides): boolean {
  return (
    overrides.svarPaMelding !== undefined ||
    overrides.signer !== undefined ||
    overrides.container !== undefined
  );
}

/**
 * The vendor's Fiks IO client with a mutant in between: the reference ERP subscribes through it
 * and gets messages whose opened payload the mutant may have changed (`read`), and whose replies
 * pass through the mutant (`answer`) before they leave. Everything else is the wrapped client's.
 * Without `read` and `answer`, it changes nothing.
 */
export class MutantFiksIoClient extends FiksIoClient {
  readonly #inner: FiksIoClient;
  readonly #vendor: VendorClientOptions;
  readonly #catalog: ProtocolCatalog;
  readonly #behaviour: MutantBehaviour;

  constructor(options: {
    inner: FiksIoClient;
    vendor: VendorClientOptions;
    catalog: ProtocolCatalog;
    behaviour: MutantBehaviour;
  }) {
    super(options.vendor);
    this.#inner = options.inner;
    this.#vendor = options.vendor;
    this.#catalog = options.catalog;
    this.#behaviour = options.behaviour;
  }

  override send(...args: Parameters<FiksIoClient['send']>): ReturnType<FiksIoClient['send']> {
    return this.#inner.send(...args);
  }

  override subscribe(
    handler: MessageHandler,
    options: { onError?: (error: Error) => void } = {},
  ): Promise<MessageReceiver> {
    return this.#inner.subscribe((message) => handler(this.#mutated(message)), options);
  }

  override health(): ReturnType<FiksIoClient['health']> {
    return this.#inner.health();
  }

  override close(options: { graceMs?: number } = {}): Promise<void> {
    return this.#inner.close(options);
  }

  /** The message as the ERP sees it: the same metadata and settlement, payload and replies through the mutant. */
  #mutated(message: ReceivedMessage): ReceivedMessage {
    const request: { meldingId: string; meldingType: string; payload?: JsonPayload } = {
      meldingId: message.meldingId,
      meldingType: message.meldingType,
    };
    const view: Delivery = {
      meldingId: message.meldingId,
      meldingType: message.meldingType,
      avsenderKontoId: message.avsenderKontoId,
      mottakerKontoId: message.mottakerKontoId,
      headere: { ...message.headere },
      resendt: message.resendt,
      harPayload: message.harPayload,
      body: Buffer.alloc(0),
      ...(message.svarPaMelding === undefined ? {} : { svarPaMelding: message.svarPaMelding }),
      ...(message.svarTilType === undefined ? {} : { svarTilType: message.svarTilType }),
      ...(message.klientMeldingId === undefined ? {} : { klientMeldingId: message.klientMeldingId }),
      ...(message.klientKorrelasjonsId === undefined
        ? {}
        : { klientKorrelasjonsId: message.klientKorrelasjonsId }),
      ...(message.ttlMs === undefined ? {} : { ttlMs: message.ttlMs }),
      ack: () => message.ack(),
      nack: () => message.nack(),
      nackWithRequeue: () => message.nackWithRequeue(),
    };
    return new ReceivedMessage(
      view,
      {
        openPayload: async (_source, options) => this.#read(await message.openPayload(options), request),
        downloadDokumentlager: (id) => this.#vendor.connection.downloadDokumentlager(id),
        reply: (_original, meldingType, files, options) =>
          this.#answer(message, { ...request, payload: request.payload }, meldingType, files ?? [], options),
      },
      message.receivedAt,
    );
  }

  #read(contents: AsiceContents, request: { meldingType: string; payload?: JsonPayload }): AsiceContents {
    const name = this.#catalog.entry(request.meldingType)?.payloadFileName ?? 'payload.json';
    const file = contents.files.find((f) => f.name === name);
    const payload = parseJson(file?.data);
    if (file === undefined || payload === undefined) return contents;
    request.payload = payload;
    const changed = this.#behaviour.read?.({
      ...request,
      payload: structuredClone(payload),
    } as MutantRequest);
    if (changed === undefined) return contents;
    const data = Buffer.from(JSON.stringify(changed), 'utf8');
    const replaced = {
      ...file,
      data,
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
    };
    return { ...contents, files: contents.files.map((f) => (f === file ? replaced : f)) };
  }

  #answer(
    message: ReceivedMessage,
    request: MutantRequest,
    meldingType: string,
    files: readonly AsiceFileInput[],
    options: Parameters<ReceivedMessage['reply']>[2],
  ): Promise<SendtMelding> {
    const [first, ...attachments] = files;
    const payload = parseJson(first?.data);
    if (this.#behaviour.answer === undefined || first === undefined || payload === undefined)
      return message.reply(meldingType, files, options);
    const answer: MutantAnswer = {
      request: { meldingId: request.meldingId, meldingType: request.meldingType, payload: request.payload },
      meldingType,
      payload: structuredClone(payload),
      fileName: first.name,
      send: (overrides = {}) => {
        const type = overrides.meldingType ?? meldingType;
        const sent = [
          jsonFile(overrides.fileName ?? first.name, overrides.payload ?? payload),
          ...attachments,
        ];
        if (!needsRawSend(overrides)) return message.reply(type, sent, options);
        return this.#sendRaw(message, type, sent, overrides, options?.headere ?? {});
      },
      withhold: () => ({
        meldingId: randomUUID(),
        meldingType,
        avsenderKontoId: message.mottakerKontoId,
        mottakerKontoId: message.avsenderKontoId,
        ttl: 0,
        dokumentlagerId: null,
        svarPaMelding: message.meldingId,
        headere: {},
        klientMeldingId: undefined,
        klientKorrelasjonsId: message.klientKorrelasjonsId,
      }),
    };
    return this.#behaviour.answer(answer);
  }

  /** A reply sealed and sent by the wrapper itself, the way the SDK's reply would, with the overrides. */
  async #sendRaw(
    message: ReceivedMessage,
    meldingType: string,
    files: readonly AsiceFileInput[],
    overrides: ReplyOverrides,
    headere: Record<string, string>,
  ): Promise<SendtMelding> {
    const { connection } = this.#vendor;
    const signer = overrides.signer ?? this.#vendor.signer;
    const recipient = await connection.recipientCertificate(message.avsenderKontoId);
    const payload =
      overrides.container === undefined
        ? await sealPayloadToBuffer({ files, signer, recipient })
        : await sealTamperedPayload({ files, signer, recipient, fault: overrides.container });
    const korrelasjon = message.klientKorrelasjonsId;
    return connection.send({
      avsenderKontoId: message.mottakerKontoId,
      mottakerKontoId: message.avsenderKontoId,
      meldingType,
      svarPaMelding: overrides.svarPaMelding ?? message.meldingId,
      ...(korrelasjon === undefined ? {} : { klientKorrelasjonsId: korrelasjon }),
      headere:
        korrelasjon === undefined ? { ...headere } : { [LEGACY_KORRELASJON_HEADER]: korrelasjon, ...headere },
      payload,
      payloadLength: payload.length,
    });
  }
}
