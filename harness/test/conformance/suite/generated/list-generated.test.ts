import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, runToEnd } from '../../../../../scripts/test-support/child-processes.js';

const GENERATED_ID = /^[a-z]+\.[a-z]+\.G\d{3}\b/;
const COUNTS =
  /^avdrag v1: \d+ N, \d+ F, (\d+) generated; betalingsutsettelse v1: \d+ N, \d+ F, (\d+) generated; kommentar v1: \d+ N, \d+ F, (\d+) generated; \d+ in all$/;

test('fiks-conformance list: hand-written cases one a line, and the counts per protocol on stderr', async () => {
  const { code, stdout, stderr } = await runToEnd(BIN.conformance, ['list']);
  assert.is(code, 0, stderr);
  const lines = stdout.trim().split('\n');
  assert.match(stderr.trim(), COUNTS);
  assert.ok(
    lines.every((l) => /^\S+\.[NF]\d{2}\s+[NF]\s/.test(l)),
    'stdout is one case a line',
  );
  assert.not.ok(
    lines.some((l) => GENERATED_ID.test(l)),
    'no generated case without --generated',
  );
});

test('list --generated shows them, as many as the closing line counts; --dropped says what was dropped and why', async () => {
  const { code, stdout, stderr } = await runToEnd(BIN.conformance, ['list', '--generated', '--dropped']);
  assert.is(code, 0, stderr);
  const lines = stdout.trim().split('\n');
  const counted = (stderr.trim().match(COUNTS) ?? []).slice(1).reduce((n, x) => n + Number(x), 0);
  const listed = lines.filter((l) => GENERATED_ID.test(l));
  assert.ok(counted > 0);
  assert.is(listed.length, counted);
  assert.ok(
    listed.every((l) => /^\S+\s+F\s+Ugyldig: /.test(l)),
    listed.find((l) => !/\sF\s/.test(l)),
  );
  assert.match(
    stdout,
    /^avdrag\.opprett\.G\d{3}\s+F\s+Ugyldig: innbygger\.foedselsnummer feil kontrollsiffer/m,
  );
  assert.match(stdout, /^dropped: no\.ks\.fiks\.faktura\.\S+ \S+ \/\S*: .+$/m);
});

test('list --json marks the generated cases and prints nothing else', async () => {
  const { code, stdout, stderr } = await runToEnd(BIN.conformance, ['list', '--generated', '--json']);
  assert.is(code, 0, stderr);
  const rows = JSON.parse(stdout) as { id: string; generated?: boolean }[];
  assert.ok(rows.some((r) => r.generated === true && r.id.includes('.G001')));
  assert.ok(rows.every((r) => (r.generated === true) === /\.G\d{3}$/.test(r.id)));
});

test.run();
