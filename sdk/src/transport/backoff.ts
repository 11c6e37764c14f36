/** Exponential reconnect backoff with jitter and a cap. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms (default 500). */
  initialDelayMs?: number;
  /** Upper bound of any delay, in ms (default 30 000). */
  maxDelayMs?: number;
  /** Growth per attempt (default 2). */
  factor?: number;
  /** Random spread as a fraction of the delay, 0–1 (default 0.2). */
  jitter?: number;
}

/** The delay before retry number `attempt` (1-based); `random` returns values in [0, 1). */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random = Math.random): number {
  const initial = options.initialDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const factor = options.factor ?? 2;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.2));
  const base = Math.min(max, initial * factor ** Math.max(0, attempt - 1));
  const spread = base * jitter * (2 * random() - 1);
  return Math.round(Math.min(max, Math.max(0, base + spread)));
}

/**
 * Calls `attempt` until it succeeds, sleeping {@link backoffDelay} between tries. Resolves true
 * on success, false when `signal` aborts first. Each failure is passed to `onFailure`.
 */
export async function retryWithBackoff(
  attempt: () => Promise<void>,
  options: { backoff?: BackoffOptions; signal: AbortSignal; onFailure: (error: unknown) => void },
): Promise<boolean> {
  for (let n = 1; !options.signal.aborted; n++) {
    await sleep(backoffDelay(n, options.backoff), options.signal);
    if (options.signal.aborted) return false;
    try {
      await attempt();
      return true;
    } catch (error) {
      options.onFailure(error);
    }
  }
  return false;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
