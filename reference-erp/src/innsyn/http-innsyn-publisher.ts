import { ReferenceErpError } from '../errors/reference-erp-error.js';
import type { InnsynFakturaRecord } from '../ledger/innsyn-outbox.js';
import type { InnsynPublisher } from './innsyn-publisher.js';

/** How to reach the HTTP target. */
export interface HttpInnsynPublisherOptions {
  /** The endpoint taking one record per POST, e.g. the emulator's `/innsyn/api/v1/faktura`. */
  url: string;
  /** An attempt without an answer after this long fails (default 10 000 ms). */
  timeoutMs?: number;
  /** Injectable for tests; default the global `fetch`. */
  fetch?: typeof fetch;
}

/** The URL without credentials or query, for messages. */
function safeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/**
 * Publishes records by HTTP: `POST <url>` with the record as JSON and the header
 * `Idempotency-Key`. Any 2xx is accepted; anything else, a timeout or a refused connection
 * rejects with `INNSYN_PUBLISH_FAILED`.
 */
export class HttpInnsynPublisher implements InnsynPublisher {
  readonly #url: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: HttpInnsynPublisherOptions) {
    this.#url = options.url;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#fetch = options.fetch ?? fetch;
  }

  async publish(record: InnsynFakturaRecord, idempotencyKey: string): Promise<void> {
    let response: Response;
    try {
      response = await this.#fetch(this.#url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify(record),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (cause) {
      const reason = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as Error).name;
      throw new ReferenceErpError(
        'INNSYN_PUBLISH_FAILED',
        `Innsyn at ${safeUrl(this.#url)} could not be reached (${reason}); the update is retried.`,
        { cause, details: { fakturanummer: record.fakturanummer } },
      );
    }
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) {
      throw new ReferenceErpError(
        'INNSYN_PUBLISH_FAILED',
        `Innsyn at ${safeUrl(this.#url)} answered HTTP ${response.status}; the update is retried.`,
        { details: { fakturanummer: record.fakturanummer, status: response.status } },
      );
    }
  }
}
