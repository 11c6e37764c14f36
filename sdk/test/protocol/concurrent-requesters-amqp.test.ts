// Four requester processes on one account on RabbitMQ, all consuming its queue at once: each
// process's request gets its own answer within the deadline, whichever process the broker hands
// a reply to first (a reply that is not a process's own goes back to the queue at once).
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { protocolsRoot } from '@fiks-faktura/protocols';
import amqp from 'amqplib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RABBITMQ, RABBITMQ_URL, serviceAvailable } from '../../../scripts/test-support/services.js';
import { FiksIoClient } from '../../src/client/fiks-io-client.js';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { ProtocolCatalog } from '../../src/protocol/protocol-catalog.js';
import { ProtocolResponder } from '../../src/protocol/protocol-responder.js';
import { kontoQueueName } from '../../src/transport/queue-name.js';
import { amqpTestConnection } from './amqp-test-platform.js';

const PROCESSES = 4;
const DEADLINE_MS = 10_000;
const OPPRETT = 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett';
const RESULTAT = 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett.resultat';
const examples = join(protocolsRoot, 'no.ks.fiks.faktura.betalingsutsettelse/v1/examples');
const example = async (type: string, name: string) =>
  JSON.parse(await readFile(join(examples, type, name), 'utf8')) as Record<string, unknown>;

const available = await serviceAvailable(RABBITMQ, 'concurrent requesters on RabbitMQ');

interface ChildResult {
  sent: string;
  answered?: string;
  elapsedMs?: number;
  error?: string;
  /** On failure: what the process's requester reported (unmatched messages, errors). */
  events?: string[];
}

function startRequester(
  setupFile: string,
): Promise<{ child: ChildProcessWithoutNullStreams; result: Promise<ChildResult> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'concurrent-requester-child.ts'), setupFile],
    { stdio: 'pipe' },
  );
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const lines = createInterface({ input: child.stdout });
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  child.once('exit', () => clearTimeout(timer));
  return new Promise((resolve, reject) => {
    let ready = false;
    let last: ChildResult | undefined;
    const result = new Promise<ChildResult>((resolveResult, rejectResult) => {
      child.once('close', (code) =>
        last === undefined
          ? rejectResult(new Error(`requester exited with ${code}: ${stderr}`))
          : resolveResult(last),
      );
    });
    lines.on('line', (line) => {
      const parsed = JSON.parse(line) as { ready?: boolean } & ChildResult;
      if (parsed.ready === true && !ready) {
        ready = true;
        resolve({ child, result });
      } else last = parsed;
    });
    child.once('exit', (code) => {
      if (!ready) reject(new Error(`requester exited with ${code} before it was ready: ${stderr}`));
    });
  });
}

if (available) {
  test(`${PROCESSES} requester processes on one account each get their own answer within the deadline`, async () => {
    const [portal, erp] = await Promise.all([
      generateDevCertificate({ commonName: 'Min kommune (test)' }),
      generateDevCertificate({ commonName: 'Fakturasystem (test)' }),
    ]);
    const portalKontoId = randomUUID();
    const erpKontoId = randomUUID();
    const queues = [kontoQueueName(portalKontoId), kontoQueueName(erpKontoId)];
    const admin = await amqp.connect(RABBITMQ_URL);
    admin.on('error', () => undefined);
    const channel = await admin.createChannel();
    for (const queue of queues) await channel.assertQueue(queue, { durable: false });
    const dir = await mkdtemp(join(tmpdir(), 'concurrent-requesters-'));
    const certificates = new Map([
      [portalKontoId, portal.certificate],
      [erpKontoId, erp.certificate],
    ]);
    const erpClient = new FiksIoClient({
      connection: await amqpTestConnection(RABBITMQ_URL, erpKontoId, certificates),
      signer: erp,
      privateKeys: [erp.privateKey],
    });
    const answer = await example(RESULTAT, 'innvilget-efaktura.json');
    const responder = new ProtocolResponder(erpClient, ProtocolCatalog.load());
    responder.handle(OPPRETT, async ({ payload }) => ({
      meldingType: RESULTAT,
      payload: { ...answer, foresporselId: payload.foresporselId } as never,
    }));
    const children: ChildProcessWithoutNullStreams[] = [];
    try {
      await responder.start();
      const setupFile = join(dir, 'setup.json');
      await writeFile(
        setupFile,
        JSON.stringify({
          url: RABBITMQ_URL,
          portalKontoId,
          erpKontoId,
          portalKeyPem: portal.privateKeyPem,
          portalCertificatePem: portal.certificatePem,
          erpCertificatePem: erp.certificatePem,
          request: await example(OPPRETT, 'person-efaktura.json'),
          deadlineMs: DEADLINE_MS,
        }),
      );
      const started = await Promise.all(Array.from({ length: PROCESSES }, () => startRequester(setupFile)));
      children.push(...started.map((s) => s.child));
      // Every process consumes the account's queue before any request is sent.
      assert.is((await channel.checkQueue(queues[0]!)).consumerCount, PROCESSES);
      for (const { child } of started) child.stdin.end('go\n');
      const results = await Promise.all(started.map((s) => s.result));
      for (const result of results) {
        assert.is(result.error, undefined, JSON.stringify(result));
        assert.is(result.answered, result.sent);
        assert.ok(result.elapsedMs! < DEADLINE_MS, `answered after ${result.elapsedMs} ms`);
      }
      console.log(`answers after ${results.map((r) => r.elapsedMs).join(', ')} ms`);
    } finally {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      await erpClient.close({ graceMs: 500 });
      for (const queue of queues) await channel.deleteQueue(queue).catch(() => undefined);
      await admin.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  });
} else {
  test.skip('concurrent requesters on RabbitMQ (RabbitMQ not reachable)', () => {});
}

test.run();
