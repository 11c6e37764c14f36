// The emulator's Dokumentlager: the cost of a send and an ack (adopt, holds, releaseMessage)
// beside 100 kept files and beside 10 000, measured in the same run and printed as a ratio. The
// index makes both about the same (a ratio near 1); scanning the kept files would make the
// second a hundred times slower. Asserts nothing; prints the figures.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dokumentlager } from '../src/emulator/dokumentlager.js';
import { PayloadStore } from '../src/emulator/payload-store.js';

const HOUR = 60 * 60 * 1000;
const RECEIVER = 'b0000000-0000-4000-8000-000000000000';
const STEPS = 10_000;

/** Milliseconds per send-and-ack beside `kept` files (payloads without files: the index alone). */
async function perStepMs(kept: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'dokumentlager-bench-'));
  const store = await PayloadStore.open({ dir });
  const lager = new Dokumentlager({ store });
  try {
    const options = (meldingId: string) => ({ kontoIds: [RECEIVER], ttlMs: HOUR, meldingId });
    for (let i = 0; i < kept; i++)
      lager.adopt({ path: join(dir, `kept-${i}`), size: 1 }, options(`kept-${i}`));
    const started = performance.now();
    for (let i = 0; i < STEPS; i++) {
      const payload = { path: join(dir, `new-${i}`), size: 1 };
      lager.adopt(payload, options(`new-${i}`));
      if (!lager.holds(payload)) throw new Error('the file just adopted is not held');
      lager.releaseMessage(`new-${i}`);
    }
    return (performance.now() - started) / STEPS;
  } finally {
    lager.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const few = await perStepMs(100);
const many = await perStepMs(10_000);
console.log(`Dokumentlager send + ack, ${STEPS} steps each`);
console.log(`  beside 100 files      ${(few * 1000).toFixed(1)} µs per step`);
console.log(
  `  beside 10 000 files   ${(many * 1000).toFixed(1)} µs per step   ${(many / few).toFixed(2)}× (the index: about 1×)`,
);
