/** A task run now and then every `everyMs`, never overlapping itself. */
export interface PeriodicTask {
  /** Runs the task as soon as the current run (if any) ends, instead of waiting for the period. */
  wake(): void;
  /** Stops the timer and waits for the run in progress. */
  stop(): Promise<void>;
}

/**
 * Starts `work` at once and then `everyMs` after each run ends. A failing run is reported to
 * `onError` and the schedule goes on.
 */
export function startPeriodicTask(
  everyMs: number,
  work: () => Promise<void>,
  onError: (error: Error) => void,
): PeriodicTask {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = work()
      .catch((error: unknown) => onError(error instanceof Error ? error : new Error(String(error))))
      .finally(() => {
        running = undefined;
        if (stopped) return;
        if (again) {
          again = false;
          run();
        } else timer = setTimeout(run, everyMs);
      });
  };
  run();
  return {
    wake: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
