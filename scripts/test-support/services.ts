// Integration tests use the machine's real services. When one is missing they skip with a clear
// message, except when REQUIRE_SERVICES=1 (CI), where a missing service is a failure.
import { createConnection } from 'node:net';

export interface ServiceSpec {
  name: string;
  host: string;
  port: number;
}

export const RABBITMQ: ServiceSpec = { name: 'RabbitMQ', host: '127.0.0.1', port: 5672 };
export const POSTGRESQL: ServiceSpec = { name: 'PostgreSQL', host: '127.0.0.1', port: 5432 };

export const RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

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
 * Resolves true when the service answers. Otherwise prints a `SKIP` line naming it and resolves
 * false, or throws when REQUIRE_SERVICES=1.
 */
export async function serviceAvailable(spec: ServiceSpec, suite: string): Promise<boolean> {
  if (await reachable(spec)) return true;
  return missing(`${spec.name} is not reachable at ${spec.host}:${spec.port}`, suite, 'start it');
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
