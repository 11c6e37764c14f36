// The bundle's commitments, built in memory from a sample run: whoever holds the harness's key
// opens the salt and can confirm a fødselsnummer or a name; the readable parts hold neither. A
// reply that answers another request is named by verify even when every hash holds.
import { createHash } from 'node:crypto';
import { decryptEnvelope, generateDevCertificate, signDetached } from '@fiks-faktura/sdk/testing';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  commitmentTo,
  type EvidenceBundle,
  type EvidenceInput,
  SEALED_PART,
  verifyBundle,
} from '../../../src/conformance/evidence/index.js';
import type { CaseResult } from '../../../src/conformance/model/case-result.js';
import { caseResult, FNR } from '../report/sample-results.js';
import { sampleBundle } from './sample-bundle.js';

const harness = await generateDevCertificate({ commonName: 'Harness' });
const NAME = 'Ola Nordmann';

const bundleOf = (cases: CaseResult[], vendorCertificate?: EvidenceInput['vendorCertificate']) =>
  sampleBundle(harness, cases, vendorCertificate);

function readableText(bundle: EvidenceBundle): string {
  return [
    JSON.stringify(bundle.index),
    ...bundle.index.parts
      .filter((p) => p.kind === 'case-record')
      .map((p) => Buffer.from(bundle.parts[p.name]!, 'base64').toString('utf8')),
  ].join('\n');
}

test('the salt opens with the harness key only; with it a fødselsnummer and a name are confirmed', () => {
  const bundle = bundleOf([caseResult()]);
  const text = readableText(bundle);
  assert.not.ok(text.includes(FNR), 'no fødselsnummer in the readable parts');
  assert.not.ok(text.includes(NAME), 'no name in the readable parts');
  const salt = decryptEnvelope(Buffer.from(bundle.parts[SEALED_PART]!, 'base64'), [harness.privateKey]);
  assert.is(salt.length, 32);
  assert.ok(text.includes(commitmentTo(salt, FNR)), 'the fødselsnummer commitment');
  assert.ok(text.includes(commitmentTo(salt, NAME)), 'the name commitment');
  assert.not.ok(text.includes(commitmentTo(salt, '15838541281')), 'another value does not match');
  assert.is(verifyBundle(JSON.stringify(bundle)).findings.length, 0);
  const again = bundleOf([caseResult()]);
  assert.not.ok(readableText(again).includes(commitmentTo(salt, FNR)), 'a new bundle has a new salt');
});

test('a reply that answers another request is named, though every hash and the signature hold', () => {
  const result = caseResult();
  const exchange = result.exchanges[0]!;
  const reply = { ...exchange.replies[0]!, svarPaMelding: '00000000-0000-4000-8000-000000000000' };
  const bundle = bundleOf([{ ...result, exchanges: [{ ...exchange, replies: [reply] }] }]);
  const findings = verifyBundle(JSON.stringify(bundle)).findings;
  assert.equal(
    findings.map((f) => `${f.part} ${f.check}`),
    [`cases/${result.id}/attempt-1/step-1/replies/0 correlation`],
  );
  assert.match(
    findings[0]!.message,
    /svarPaMelding 00000000-0000-4000-8000-000000000000 is not the request's meldingId/,
  );
});

const vendor = await generateDevCertificate({ commonName: 'Vendor' });

/** The sample case with its reply signed by `signer` over a manifest holding `payload.json`'s digest, as read or as `listed`. */
function signedReplyCase(signer: typeof vendor, listed?: string): CaseResult {
  const data = Buffer.from('{"utfall":"INNVILGET"}');
  const sha256 = createHash('sha256').update(data).digest();
  const manifest = Buffer.from(
    `<ASiCManifest><DataObjectReference URI="payload.json"><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>${listed ?? sha256.toString('base64')}</DigestValue></DataObjectReference></ASiCManifest>`,
  );
  const signature = signDetached(manifest, {
    certificate: signer.certificate,
    privateKey: signer.privateKey,
  });
  const result = caseResult();
  const exchange = result.exchanges[0]!;
  const reply = exchange.replies[0]!;
  const opened = {
    ok: true as const,
    files: [
      {
        name: 'payload.json',
        size: data.length,
        sha256: sha256.toString('hex'),
        mimeType: 'application/json',
      },
    ],
    signature: {
      status: 'verified' as const,
      signerCertificatePem: signer.certificatePem,
      signerSubject: signer.certificate.subject,
      signerSerial: signer.certificate.serialNumber,
      signed: { manifestName: 'META-INF/ASiCManifest.xml', manifest, signature },
    },
  };
  return { ...result, exchanges: [{ ...exchange, replies: [{ ...reply, opened }] }] };
}

test("the vendor's signature: verified over its manifest, by the vendor, listing the files read", () => {
  const given = { pem: vendor.certificatePem, source: 'given' as const };
  assert.equal(verifyBundle(JSON.stringify(bundleOf([signedReplyCase(vendor)], given))).findings, []);
  const where = 'cases/avdrag.opprett.N01/attempt-1/step-1/replies/0/opened/signature/signed';
  const other = verifyBundle(JSON.stringify(bundleOf([signedReplyCase(harness)], given))).findings;
  assert.equal(
    other.map((f) => `${f.part} ${f.check}`),
    [`${where}/signature vendor-signer`],
  );
  const listed = Buffer.alloc(32, 7).toString('base64');
  const unlisted = verifyBundle(JSON.stringify(bundleOf([signedReplyCase(vendor, listed)], given))).findings;
  assert.equal(
    unlisted.map((f) => `${f.part} ${f.check}`),
    [`${where}/manifest manifest-digest`],
  );
});

test.run();
