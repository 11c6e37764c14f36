import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEnvelopeDecryptor } from '../../src/crypto/cms-envelope-reader.js';
import { createEnvelopeEncryptor, encryptEnvelope } from '../../src/crypto/cms-envelope-writer.js';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { toStreamingBer } from './envelope-fixtures.js';

const alice = await generateDevCertificate({ commonName: 'Alice Kommune' });
const MiB = 1024 * 1024;

/** `total` bytes made of a repeated random block, without holding them in memory. */
function source(total: number, block: Buffer): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const n = Math.min(block.length, total - sent);
      sent += n;
      this.push(n === block.length ? block : block.subarray(0, n));
    },
  });
}

test('256 MiB encrypt → decrypt pipeline stays within bounded memory and returns the same bytes', async () => {
  const total = 256 * MiB + 5;
  const block = randomBytes(64 * 1024);
  const expected = createHash('sha256');
  for (let left = total; left > 0; left -= block.length)
    expected.update(block.subarray(0, Math.min(left, block.length)));

  const actual = createHash('sha256');
  let received = 0;
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  await pipeline(
    source(total, block),
    createEnvelopeEncryptor(alice.certificate, total),
    createEnvelopeDecryptor([alice.privateKey]),
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        actual.update(chunk);
        peak = Math.max(peak, process.memoryUsage().rss);
        callback();
      },
    }),
  );
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  ${(total / MiB / seconds).toFixed(0)} MiB/s encrypt+decrypt, peak RSS growth ${((peak - baseline) / MiB).toFixed(1)} MiB`,
  );
  assert.is(received, total);
  assert.is(actual.digest('hex'), expected.digest('hex'));
  assert.ok(peak - baseline < 96 * MiB, `RSS grew by ${((peak - baseline) / MiB).toFixed(1)} MiB`);
});

test('BER input with many small segments decrypts in small steps', async () => {
  const data = randomBytes(3 * MiB);
  const ber = toStreamingBer(encryptEnvelope(data, alice.certificate), [1000, 17, 4096]);
  const out: Buffer[] = [];
  let largest = 0;
  await pipeline(
    Readable.from(
      (function* () {
        for (let i = 0; i < ber.length; i += 8192) yield ber.subarray(i, i + 8192);
      })(),
    ),
    createEnvelopeDecryptor([alice.privateKey]),
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        largest = Math.max(largest, chunk.length);
        out.push(chunk);
        callback();
      },
    }),
  );
  assert.ok(Buffer.concat(out).equals(data));
  assert.ok(largest <= 8192 + 16, `output arrives incrementally (largest piece ${largest})`);
});

test.run();
