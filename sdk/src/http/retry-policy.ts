import { setTimeout as delay } from 'node:timers/promises';

/** How often and how patiently a request that is safe to repeat is retried. */
export interface RetryOptions {
  /** Retries after the first attempt; default 3. */
  maxRetries?: number;
  /** Delay before the first retry; doubles each time. Default 250 ms. */
  baseDelayMs?: number;
  /** Upper bound of one delay; default 5000 ms. */
  maxDelayMs?: number;
  /** Injected for tests; default a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests; default `Math.random`. */
  random?: () => number;
}

/** `RetryOptions` with every default filled in. */
export interface RetryPolicy {
  maxRetries: number;
  /** The delay before retry number `retry` (1-based): exponential, capped, with jitter (50–100 %). */
  delayMs(retry: number): number;
  sleep(ms: number): Promise<void>;
}

/** Fills the defaults of `RetryOptions`. */
export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  const maxRetries = options.maxRetries ?? 3;
  const base = options.baseDelayMs ?? 250;
  const max = options.maxDelayMs ?? 5000;
  const random = options.random ?? Math.random;
  return {
    maxRetries,
    delayMs: (retry) => Math.round(Math.min(max, base * 2 ** (retry - 1)) * (0.5 + random() / 2)),
    sleep: options.sleep ?? ((ms) => delay(ms)),
  };
}
