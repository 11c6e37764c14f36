// The RabbitMQ node that asks the emulators (scripts/setup-rabbitmq.sh), for the tests of the
// Fiks IO broker login. FIKS_IO_BROKER_URL names one already running (e.g. the compose file's).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { missing } from '../../../../scripts/test-support/services.js';

const SCRIPT = fileURLToPath(new URL('../../../../scripts/setup-rabbitmq.sh', import.meta.url));

/** The broker URL the setup script prints, or undefined after a SKIP line (a failure with REQUIRE_SERVICES=1). */
export async function emulatorBroker(suite: string): Promise<string | undefined> {
  const given = process.env['FIKS_IO_BROKER_URL'];
  if (given !== undefined && given !== '') return given;
  const result = await new Promise<{ ok: boolean; stdout: string; stderr: string }>((resolve) => {
    execFile(SCRIPT, [], { timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ ok: error === null, stdout, stderr }),
    );
  });
  const lines = result.stdout.trim().split('\n');
  const url = lines[lines.length - 1] ?? '';
  if (result.ok && /^amqps?:\/\//.test(url)) return url;
  const reason = result.stderr.trim().split('\n').pop() ?? 'no broker URL printed';
  missing(
    `the emulator's RabbitMQ node could not be set up (${reason})`,
    suite,
    'run scripts/setup-rabbitmq.sh as root on a machine with rabbitmq-server',
  );
  return undefined;
}

/** The node's AMQPS listener and its development CA (as the setup script makes them). */
export const EMULATOR_BROKER_AMQPS = process.env['FIKS_IO_BROKER_AMQPS'] ?? 'amqps://localhost:5674';
export const EMULATOR_BROKER_CA =
  process.env['FIKS_IO_BROKER_CA'] ?? '/var/lib/rabbitmq/fiks-io-emulator/tls/ca.pem';
