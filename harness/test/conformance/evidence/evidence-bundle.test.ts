// The evidence bundle of a small embedded run: verify finds it intact and names every changed
// byte by part and hash; rejudge gives the recorded verdicts, and a changed case expectation
// shows as a changed verdict. One run makes the bundle; every test reuses it.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { generateDevCertificate, verifyDetached } from '@fiks-faktura/sdk/testing';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, runToEnd } from '../../../../scripts/test-support/child-processes.js';
import { canonicalBytes } from '../../../src/conformance/evidence/canonical-json.js';
import {
  COMMITMENT_PREFIX,
  type EvidenceBundle,
  type PartKind,
  rejudgeBundle,
  verifyBundle,
} from '../../../src/conformance/evidence/index.js';
import { fixtureFoedselsnumre, readValidReport } from '../support/run-report.js';

const CASES = ['kommentar.send.N01', 'betalingsutsettelse.opprett.N01'];
const dir = await mkdtemp(join(tmpdir(), 'conformance-evidence-'));
const bundlePath = join(dir, 'bundle.json');
const made = await runToEnd(BIN.conformance, [
  'run',
  ...CASES.flatMap((c) => ['--case', c]),
  '--evidence',
  bundlePath,
]);
const text = await readFile(bundlePath, 'utf8').catch(() => '');
const bundle = JSON.parse(text || '{}') as EvidenceBundle;

/** Every kind of part a run with replies writes. */
const EVERY_PART_KIND: readonly PartKind[] = [
  'case-record',
  'request-envelope',
  'reply-envelope',
  'vendor-manifest',
  'vendor-signature',
  'sealed',
];

/** The bundle with one byte of the first part of `kind` flipped (the index left as it was). */
function flipped(kind: PartKind): { text: string; part: string } {
  const copy = structuredClone(bundle);
  const entry = copy.index.parts.find((p) => p.kind === kind);
  if (entry === undefined) throw new Error(`the bundle has no ${kind} part`);
  const bytes = Buffer.from(copy.parts[entry.name]!, 'base64');
  bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
  copy.parts[entry.name] = bytes.toString('base64');
  return { text: JSON.stringify(copy), part: entry.name };
}

test('run --evidence writes a bundle that verifies (CLI exit 0), with every kind of part', async () => {
  assert.is(made.code, 0, made.stderr);
  assert.match(made.stdout, /Evidence bundle: .* \(content SHA-256 [0-9a-f]{64}\)/);
  const verified = await runToEnd(BIN.conformance, ['verify', bundlePath]);
  assert.is(verified.code, 0, verified.stdout + verified.stderr);
  assert.match(verified.stdout, /^VALID /);
  const kinds = new Set(bundle.index.parts.map((p) => p.kind));
  for (const kind of EVERY_PART_KIND) assert.ok(kinds.has(kind), `a ${kind} part`);
  assert.equal(bundle.index.cases.map((c) => c.id).sort(), [...CASES].sort());
  assert.ok(bundle.index.judgedBy.suiteFiles.some((f) => f.path.endsWith('send.N01/case.json')));
  assert.ok(bundle.index.judgedBy.lockfile !== null);
});

test('no fødselsnummer in the readable parts: commitments in their place', () => {
  const readable = [
    JSON.stringify(bundle.index),
    ...bundle.index.parts
      .filter((p) => p.kind === 'case-record')
      .map((p) => Buffer.from(bundle.parts[p.name]!, 'base64').toString('utf8')),
  ].join('\n');
  for (const fnr of fixtureFoedselsnumre()) assert.not.ok(readable.includes(fnr), `${fnr.slice(0, 6)}…`);
  assert.ok(readable.includes(COMMITMENT_PREFIX), 'commitments stand in for personal data');
});

test('a flipped byte in each kind of part is found and named by part and hash', () => {
  for (const kind of EVERY_PART_KIND) {
    const { text: changed, part } = flipped(kind);
    const outcome = verifyBundle(changed);
    assert.not.ok(outcome.valid, kind);
    const finding = outcome.findings.find((f) => f.part === part && f.check === 'part-hash');
    assert.ok(finding, `${kind}: ${JSON.stringify(outcome.findings)}`);
    assert.match(finding.message, new RegExp(`^${kind}: SHA-256 [0-9a-f]{64}`));
  }
});

test('a changed index breaks the content address and the signature; a changed signature is named', () => {
  const copy = structuredClone(bundle);
  copy.index.cases[0]!.verdict = copy.index.cases[0]!.verdict === 'pass' ? 'fail' : 'pass';
  const outcome = verifyBundle(JSON.stringify(copy));
  assert.ok(outcome.findings.some((f) => f.part === 'index' && f.check === 'content-hash'));
  assert.ok(outcome.findings.some((f) => f.part === 'signature' && f.check === 'signature'));
  const resigned = structuredClone(bundle);
  const sig = Buffer.from(resigned.signature, 'base64');
  sig[sig.length - 10]! ^= 0x01;
  resigned.signature = sig.toString('base64');
  assert.equal(
    verifyBundle(JSON.stringify(resigned)).findings.map((f) => `${f.part} ${f.check}`),
    ['signature signature'],
  );
});

test('verify --trust: the signing certificate holds; another fails (exit 1); a missing bundle is 64', async () => {
  const own = verifyDetached(Buffer.from(bundle.signature, 'base64'), canonicalBytes(bundle.index)).signer;
  assert.ok(verifyBundle(text, { trust: own }).valid, 'trusted: the certificate that signed');
  const other = await generateDevCertificate({ commonName: 'Not the harness' });
  const trustPath = join(dir, 'other.pem');
  await writeFile(trustPath, other.certificatePem);
  const untrusted = await runToEnd(BIN.conformance, ['verify', bundlePath, '--trust', trustPath]);
  assert.is(untrusted.code, 1, untrusted.stdout + untrusted.stderr);
  assert.match(untrusted.stdout, /signature: trust: signed by .*not by the trusted certificate/);
  const missing = await runToEnd(BIN.conformance, ['verify', join(dir, 'nothing.json')]);
  assert.is(missing.code, 64, missing.stderr);
  assert.match(missing.stderr, /EVIDENCE_NOT_FOUND/);
});

test('rejudge: unchanged gives the recorded verdicts; a changed expectation shows as a changed verdict', async () => {
  const same = join(dir, 'same');
  const unchanged = await runToEnd(BIN.conformance, ['rejudge', bundlePath, '--report-dir', same]);
  assert.is(unchanged.code, 0, unchanged.stdout + unchanged.stderr);
  assert.match(unchanged.stdout, /Verdicts changed: none/);
  const sameReport = JSON.parse((await readValidReport(same)).text) as {
    changes: unknown[];
    cases: { id: string; verdict: string }[];
  };
  assert.equal(sameReport.changes, []);
  assert.equal(
    sameReport.cases.map((c) => `${c.id} ${c.verdict}`).sort(),
    bundle.index.cases.map((c) => `${c.id} ${c.verdict}`).sort(),
  );

  const suite = join(dir, 'protocols');
  await cp(protocolsRoot, suite, { recursive: true });
  const casePath = join(suite, 'no.ks.fiks.faktura.kommentar/v1/conformance/send.N01/case.json');
  const descriptor = JSON.parse(await readFile(casePath, 'utf8')) as {
    steps: { expect: { assertions: { path: string; op: string; value?: unknown }[] } }[];
  };
  descriptor.steps[0]!.expect.assertions.push({
    path: '$.henvendelseId',
    op: 'absent',
    spec: 'no.ks.fiks.faktura.kommentar/v1/README.md#fields',
    basis: 'protocol',
  } as never);
  await writeFile(casePath, JSON.stringify(descriptor, null, 2));
  const rejudged = rejudgeBundle(text, { suiteRoot: suite });
  assert.equal(
    rejudged.changes.map((c) => `${c.case} ${c.was}→${c.now}`),
    ['kommentar.send.N01 pass→fail'],
  );
  assert.ok(rejudged.changes[0]!.checks.some((c) => c.now === 'fail'));
  const tampered = flipped('reply-envelope').text;
  assert.throws(() => rejudgeBundle(tampered), /does not verify/);
});

test.run();
