import { ConfigError } from '../config/config-error.js';

/**
 * Default of the `timeoutMs` of Fiks IO requests: 100 s, the default `HttpClient.Timeout` of KS's
 * .NET clients. It counts from the last progress, so a large upload that keeps moving is not cut.
 */
export const DEFAULT_TIMEOUT_MS = 100_000;

/** The `timeoutMs` option as given, or the default; anything but a positive number is `CONFIG_INVALID`. */
export function resolveTimeoutMs(timeoutMs: number | undefined): number {
  if (timeoutMs === undefined) return DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new ConfigError(
      'CONFIG_INVALID',
      `timeoutMs must be a positive number of milliseconds, not ${timeoutMs}.`,
      {
        details: { field: 'timeoutMs' },
      },
    );
  return timeoutMs;
}

/**
 * The timeout of one request attempt: aborts `signal` with a `TimeoutError` when the request makes
 * no progress for `ms`. The countdown starts with the attempt and restarts whenever the transport
 * takes a chunk of a body passed through {@link ProgressTimeout.watch}, so it fires `ms` after the
 * last byte of the body was taken when no answer comes (a server that accepts the connection and
 * never answers), and never while a large upload keeps moving. {@link ProgressTimeout.stop} ends
 * it once the answer's headers arrive.
 */
export class ProgressTimeout {
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout;
  #stopped = false;

  constructor(ms: number) {
    this.#timer = setTimeout(
      () =>
        this.#controller.abort(
          new DOMException(`no answer and no upload progress for ${ms} ms (timeoutMs)`, 'TimeoutError'),
        ),
      ms,
    );
  }

  /** Aborted with a `TimeoutError` `DOMException` when the time is up. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Stops the countdown for good (the answer arrived, or the attempt failed). */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /**
   * The body to send in its place: a `ReadableStream` is wrapped so that every chunk the
   * transport takes from it restarts the countdown (without reading ahead of the transport);
   * any other body is returned as it is.
   */
  watch<Body>(body: Body): Body {
    if (!(body instanceof ReadableStream)) return body;
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    const watched = new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          const { done, value } = await reader.read();
          if (!this.#stopped && !this.#controller.signal.aborted) this.#timer.refresh();
          if (done) controller.close();
          else controller.enqueue(value);
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
    return watched as Body;
  }
}

/**
 * The chunks of an answer's body, each awaited at most `ms`: a server that stops sending in the
 * middle of a body (a stalled download) fails with a `TimeoutError` `DOMException` and the body is
 * cancelled. Time the consumer takes between chunks does not count. A consumer that stops early
 * cancels the body too.
 */
export async function* chunksWithin(
  body: ReadableStream<Uint8Array>,
  ms: number,
): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new DOMException(`no data of the answer for ${ms} ms (timeoutMs)`, 'TimeoutError')),
          ms,
        );
      });
      const next = await Promise.race([reader.read(), stalled]).finally(() => clearTimeout(timer));
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}
