import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startFiksIoEmulator } from '../../src/emulator/fiks-io-emulator.js';
import { emulatorScenarios, type ScenarioContext, TEST_ACCOUNTS } from './emulator-scenarios.js';

const test = suite<ScenarioContext>('Fiks IO emulator, in-memory back end');

emulatorScenarios(test, (dir) => startFiksIoEmulator({ accounts: TEST_ACCOUNTS, writeConfigs: dir }));

test('the WebSocket bridge refuses a consumer without a valid token', async ({ emulator }) => {
  const a = emulator.account('Kommune A');
  const url = `${emulator.url.replace('http', 'ws')}/fiks-io/bridge?kontoId=${a.kontoId}`;
  const { default: WebSocket } = await import('ws');
  const status = await new Promise<number>((resolve) => {
    const ws = new WebSocket(url, {
      headers: {
        Authorization: 'Bearer nope',
        IntegrasjonId: a.integrasjonId,
        IntegrasjonPassord: a.integrasjonPassord,
      },
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => resolve(101));
    ws.on('error', () => undefined);
  });
  assert.is(status, 401);
});

test.run();
