import { FiksError } from '@fiks-faktura/sdk';
import { DashboardServer, LiveRun } from '../dashboard/index.js';

/** The dashboard options of `fiks-conformance run`. */
export interface DashboardArgs {
  dashboard?: string;
  'dashboard-keep': boolean;
}

/** `--dashboard [PORT]` as a port: undefined without the flag, 0 (a free port) when given without one. */
export function dashboardPort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value === '') return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535)
    throw new FiksError(
      'USAGE',
      `--dashboard takes a port 0-65535 (0: a free one), not ${JSON.stringify(value)}`,
    );
  return port;
}

/** Resolves on the first Ctrl-C or SIGTERM. */
function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

/**
 * Runs `work` with a live dashboard when `--dashboard` asks for one: the server starts first (its
 * URL on stderr), `work` feeds the `LiveRun`, and the server closes when `work` ends, however it
 * ends; with `--dashboard-keep` it stays, showing the finished run, until Ctrl-C. Without
 * `--dashboard`, `work` runs with no dashboard. The run's exit code is `work`'s.
 */
export async function withDashboard(
  args: DashboardArgs,
  work: (live: LiveRun | undefined) => Promise<void>,
): Promise<void> {
  const port = dashboardPort(args.dashboard);
  if (port === undefined) return work(undefined);
  const live = new LiveRun();
  const server = await DashboardServer.start(live, port);
  process.stderr.write(`Dashboard: ${server.url}\n`);
  try {
    await work(live);
    if (args['dashboard-keep'] && live.ended) {
      process.stderr.write(`Dashboard: the finished run stays at ${server.url} until Ctrl-C\n`);
      await interrupted();
    }
  } finally {
    await server.close();
  }
}
