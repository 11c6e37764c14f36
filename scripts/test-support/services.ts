// Integration tests use the machine's real services, at the URLs they actually use
// (RABBITMQ_URL, TEST_DATABASE_URL, or the local defaults). When one does not answer there they
// skip with a clear message, except when REQUIRE_SERVICES=1 (CI), where it is a failure.
import { createConnection } from 'node:net';

export interface ServiceSpec {
  name: string;
  host: string;
  port: number;
  /** The environment variable the address came from, when one was set. */
  from?: string;
}

export const RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The host and port a service URL points at (the scheme's default port when it names none); the
 * URL's user and password are not kept.
 */
export function serviceAt(
  name: string,
  url: string,
  defaultPorts: Record<string, number>,
  from?: string,
): ServiceSpec {
  const parsed = new URL(url);
  const port = parsed.port === '' ? defaultPorts[parsed.protocol] : Number(parsed.port);
  if (port === undefined) throw new Error(`${from ?? name}: unsupported scheme ${parsed.protocol}`);
  const host = parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  return { name, host, port, ...(from === undefined ? {} : { from }) };
}

export const RABBITMQ: ServiceSpec = serviceAt(
  'RabbitMQ',
  RABBITMQ_URL,
  { 'amqp:': 5672, 'amqps:': 5671 },
  process.env.RABBITMQ_URL === undefined ? undefined : 'RABBITMQ_URL',
);
export const POSTGRESQL: ServiceSpec = serviceAt(
  'PostgreSQL',
  POSTGRES_URL,
  { 'postgres:': 5432, 'postgresql:': 5432 },
  process.env.TEST_DATABASE_URL === undefined ? undefined : 'TEST_DATABASE_URL',
);

function reachable(spec: ServiceSpec, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: spec.host, port: spec.port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Resolves true when the service answers at the address the tests use. Otherwise prints a `SKIP`
 * line naming it and resolves false, or throws when REQUIRE_SERVICES=1.
 */
export async function serviceAvailable(spec: ServiceSpec, suite: string): Promise<boolean> {
  if (await reachable(spec)) return true;
  const where = `${spec.host}:${spec.port}${spec.from === undefined ? '' : ` (${spec.from})`}`;
  return missing(`${spec.name} is not reachable at ${where}`, suite, 'start it');
}

/**
 * For a test suite whose prerequisite (a service, a tool) is missing: prints a `SKIP` line with
 * `message` and the `fix`, and returns false; throws instead when REQUIRE_SERVICES=1.
 */
export function missing(message: string, suite: string, fix: string): false {
  if (process.env.REQUIRE_SERVICES === '1')
    throw new Error(`${message}, and REQUIRE_SERVICES=1 makes it required`);
  console.log(`SKIP ${suite}: ${message}; ${fix} to run these tests`);
  return false;
}
