// `reference-erp serve` with `innsyn.targetUrl` set to the local emulator's Innsyn stand-in, all
// as separate processes, as a municipality would run them: a granted plan reaches the stand-in.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BIN,
  runToEnd,
  startUntilReady,
  withoutDatabaseUrl,
} from '../../../scripts/test-support/child-processes.js';

const env = withoutDatabaseUrl();

interface Received {
  fakturanummer: string;
  record: { kanBetales: boolean; forelder?: string };
}

test('serve publishes a granted plan to the Innsyn target: the original not payable, each instalment with forelder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'erp-serve-innsyn-'));
  const emulator = await startUntilReady<{
    url: string;
    accounts: { kontoId: string; name: string; config: string }[];
  }>(BIN.emulator, ['start', '--write-configs', join(dir, 'configs')]);
  let erp: { stop(): Promise<void> } | undefined;
  try {
    const vendor = emulator.ready.accounts.find((a) => a.name.includes('tjener'))!;
    const portal = emulator.ready.accounts.find((a) => a.name.includes('klient'))!;
    const erpConfig = join(dir, 'erp-config.json');
    writeFileSync(
      erpConfig,
      JSON.stringify({
        innsyn: { targetUrl: `${emulator.ready.url}/innsyn/api/v1/faktura`, pollIntervalMs: 200 },
      }),
    );
    const data = join(dir, 'data');
    const seeded = await runToEnd(BIN.erp, ['seed', '--today', '2026-03-04', '--data', data], { env });
    assert.is(seeded.code, 0, seeded.stderr);
    erp = await startUntilReady(
      BIN.erp,
      [
        'serve',
        ...['--today', '2026-03-04', '--data', data, '--config', vendor.config, '--erp-config', erpConfig],
      ],
      { env },
    );
    const payload = join(dir, 'payload.json');
    writeFileSync(
      payload,
      JSON.stringify({
        foresporselId: '0b7c7d3e-3b0e-4d4c-9d0e-6f7a8b9c0d1e',
        innbygger: { foedselsnummer: '24917211988' },
        faktura: { fakturanummer: '2026-0023' },
        antallAvdrag: 2,
        intervall: 'MAANEDLIG',
        sendtTidspunkt: '2026-03-04T10:00:00+01:00',
      }),
    );
    const answered = await runToEnd(BIN.fiksIo, [
      'request',
      ...[
        '--config',
        portal.config,
        '--to',
        vendor.kontoId,
        '--type',
        'no.ks.fiks.faktura.avdrag.v1.opprett',
      ],
      ...['--payload', payload, '--deadline', '30000'],
    ]);
    assert.is(answered.code, 0, answered.stderr);
    assert.is(JSON.parse(answered.stdout).payload.utfall, 'INNVILGET');

    let received: Received[] = [];
    for (let i = 0; i < 100 && received.length < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const all = (await (await fetch(`${emulator.ready.url}/emulator/innsyn`)).json()) as Received[];
      received = all.filter((r) => r.fakturanummer.startsWith('2026-0023'));
    }
    assert.equal(
      received.map((r) => [r.fakturanummer, r.record.kanBetales, r.record.forelder ?? null]),
      [
        ['2026-0023', false, null],
        ['2026-0023-01', true, '2026-0023'],
        ['2026-0023-02', true, '2026-0023'],
      ],
    );
  } finally {
    await erp?.stop();
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
