import { EmulatorError } from './emulator-error.js';

/** One `faktura.v1` record the stand-in received. */
export interface InnsynReceivedRecord {
  /** The sender's `Idempotency-Key`: one per record, the same on every retry of it. */
  idempotencyKey: string;
  /** When it was first received (ISO 8601). */
  mottatt: string;
  fakturanummer: string;
  /** The record as sent. */
  record: Record<string, unknown>;
}

/** An HTTP request the stand-in may answer, already read. */
export interface InnsynStandInRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  idempotencyKey: string | undefined;
  /** The body text (POST). */
  body: string;
}

/** Where invoicing systems send records. */
export const INNSYN_FAKTURA_PATH = '/innsyn/api/v1/faktura';
/** Where tests and the conformance harness list what was received. */
export const INNSYN_LIST_PATH = '/emulator/innsyn';

/**
 * A plain local stand-in for Fiks Innsyn's indexing of invoices, whose API is not public: it
 * takes `faktura.v1` records by `POST /innsyn/api/v1/faktura` (JSON, one record per request,
 * header `Idempotency-Key` required), keeps each key once (a retry of an accepted record is
 * answered 200 and not stored again; a new one 201), and lists them by `GET /emulator/innsyn
 * [?fakturanummer=]`, oldest first. It checks only that a record names its `fakturanummer`; it
 * is not KS's API and promises nothing about it.
 */
export class InnsynStandIn {
  readonly #records: InnsynReceivedRecord[] = [];
  readonly #byKey = new Map<string, InnsynReceivedRecord>();
  readonly #limit: number;

  constructor(options: { limit?: number } = {}) {
    this.#limit = options.limit ?? 100_000;
  }

  /** True when `path` is one of the stand-in's. */
  static serves(path: string): boolean {
    return path === INNSYN_FAKTURA_PATH || path === INNSYN_LIST_PATH;
  }

  /** The records received, oldest first, optionally of one invoice. */
  records(filter: { fakturanummer?: string } = {}): InnsynReceivedRecord[] {
    return this.#records.filter(
      (r) => filter.fakturanummer === undefined || r.fakturanummer === filter.fakturanummer,
    );
  }

  /** Answers one request to a path it {@link InnsynStandIn.serves}: status and JSON body. */
  handle(request: InnsynStandInRequest): { status: number; body: unknown } {
    if (request.path === INNSYN_LIST_PATH) {
      if (request.method !== 'GET')
        throw new EmulatorError(405, 'METHOD_NOT_ALLOWED', `${request.path} takes GET`);
      const fakturanummer = request.query.get('fakturanummer');
      return { status: 200, body: this.records(fakturanummer === null ? {} : { fakturanummer }) };
    }
    if (request.method !== 'POST')
      throw new EmulatorError(405, 'METHOD_NOT_ALLOWED', `${request.path} takes POST`);
    const key = request.idempotencyKey?.trim();
    if (!key) {
      throw new EmulatorError(400, 'IDEMPOTENCY_KEY_MISSING', 'The Idempotency-Key header is missing');
    }
    const seen = this.#byKey.get(key);
    if (seen !== undefined) return { status: 200, body: { ...seen, duplikat: true } };
    let record: unknown;
    try {
      record = JSON.parse(request.body);
    } catch {
      throw new EmulatorError(400, 'INVALID_JSON', 'The body is not valid JSON');
    }
    const fakturanummer = (record as { fakturanummer?: unknown } | null)?.fakturanummer;
    if (
      typeof record !== 'object' ||
      record === null ||
      Array.isArray(record) ||
      typeof fakturanummer !== 'string'
    ) {
      throw new EmulatorError(
        400,
        'INVALID_RECORD',
        'The body must be a faktura.v1 record with a fakturanummer',
      );
    }
    const entry: InnsynReceivedRecord = {
      idempotencyKey: key,
      mottatt: new Date().toISOString(),
      fakturanummer,
      record: record as Record<string, unknown>,
    };
    this.#records.push(entry);
    this.#byKey.set(key, entry);
    if (this.#records.length > this.#limit) {
      for (const dropped of this.#records.splice(0, this.#records.length - this.#limit)) {
        this.#byKey.delete(dropped.idempotencyKey);
      }
    }
    return { status: 201, body: entry };
  }
}
