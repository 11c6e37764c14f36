import type { X509Certificate } from 'node:crypto';

/** Settings of a `RecipientCertificateCache`. */
export interface RecipientCertificateCacheOptions {
  /** Fetches a recipient's certificate, e.g. `client.getOffentligNokkel(id).then((n) => n.certificate)`. */
  load: (kontoId: string) => Promise<X509Certificate>;
  /** Default 10 minutes, like the Java client. */
  ttlMs?: number;
  /** Default 100; the least recently used entry goes first. */
  maxEntries?: number;
  /** Milliseconds since the epoch; default `Date.now`. */
  clock?: () => number;
}

/**
 * Recipient certificates by account id, kept for a while so that sending many messages does not
 * look each recipient up every time. Concurrent lookups of one account share one request; failures
 * are not cached.
 */
export class RecipientCertificateCache {
  readonly #load: (kontoId: string) => Promise<X509Certificate>;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #clock: () => number;
  readonly #entries = new Map<string, { certificate: X509Certificate; expiresAt: number }>();
  readonly #pending = new Map<string, Promise<X509Certificate>>();

  constructor(options: RecipientCertificateCacheOptions) {
    this.#load = options.load;
    this.#ttlMs = options.ttlMs ?? 10 * 60_000;
    this.#maxEntries = options.maxEntries ?? 100;
    this.#clock = options.clock ?? Date.now;
  }

  /** The cached certificate, or a freshly loaded one when missing or older than the ttl. */
  get(kontoId: string): Promise<X509Certificate> {
    const key = kontoId.toLowerCase();
    const entry = this.#entries.get(key);
    if (entry !== undefined) {
      this.#entries.delete(key);
      if (entry.expiresAt > this.#clock()) {
        this.#entries.set(key, entry);
        return Promise.resolve(entry.certificate);
      }
    }
    let pending = this.#pending.get(key);
    if (pending === undefined) {
      pending = this.#load(kontoId).then(
        (certificate) => {
          this.#pending.delete(key);
          this.#entries.set(key, { certificate, expiresAt: this.#clock() + this.#ttlMs });
          while (this.#entries.size > this.#maxEntries) {
            const oldest = this.#entries.keys().next().value as string;
            this.#entries.delete(oldest);
          }
          return certificate;
        },
        (error: unknown) => {
          this.#pending.delete(key);
          throw error;
        },
      );
      this.#pending.set(key, pending);
    }
    return pending;
  }

  /** Forgets one account's certificate (e.g. after the recipient rotated keys). */
  delete(kontoId: string): void {
    this.#entries.delete(kontoId.toLowerCase());
  }

  /** Number of cached certificates. */
  get size(): number {
    return this.#entries.size;
  }
}
