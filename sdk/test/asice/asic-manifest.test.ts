import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ASIC_NAMESPACE, writeAsicManifest } from '../../src/asice/asic-manifest.js';
import { parseAsicManifest } from '../../src/asice/asic-manifest-parser.js';
import { isFiksError } from '../../src/errors/fiks-error.js';

const sha = (s: string) => createHash('sha256').update(s).digest();

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (!isFiksError(error)) throw error;
    return error.code;
  }
}

test('the written manifest reads back, with the first file as root file', () => {
  const bytes = writeAsicManifest(
    [
      { name: 'faktura & "vedlegg".json', mimeType: 'application/json', sha256: sha('a') },
      { name: 'b.pdf', mimeType: 'application/pdf', sha256: sha('b') },
    ],
    'META-INF/signature-1.p7s',
  );
  const text = bytes.toString('utf8');
  assert.ok(text.includes(`xmlns="${ASIC_NAMESPACE}"`));
  assert.ok(text.includes('Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"'));
  assert.ok(text.includes('MimeType="application/x-pkcs7-signature"'));
  const manifest = parseAsicManifest(bytes, 10);
  assert.is(manifest.signatureUri, 'META-INF/signature-1.p7s');
  assert.equal(
    manifest.references.map((r) => [r.uri, r.mimeType, r.rootfile, r.digestAlgorithm]),
    [
      ['faktura & "vedlegg".json', 'application/json', true, 'sha256'],
      ['b.pdf', 'application/pdf', false, 'sha256'],
    ],
  );
  assert.ok(manifest.references[1]!.digest.equals(sha('b')));
});

test('the .NET shape (prefixes, 2918 namespace, xmldsig digest URI) reads', () => {
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<cades:ASiCManifest xmlns:cades="http://uri.etsi.org/2918/v1.2.1#" xmlns:sig="http://www.w3.org/2000/09/xmldsig#">
  <cades:SigReference URI="META-INF/signature-x.p7s" MimeType="application/x-pkcs7-signature" />
  <cades:DataObjectReference URI="a.xml" MimeType="application/xml">
    <sig:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha256" />
    <sig:DigestValue>${sha('a').toString('base64')}</sig:DigestValue>
  </cades:DataObjectReference>
  <!-- a comment -->
</cades:ASiCManifest>`;
  const manifest = parseAsicManifest(Buffer.from(xml), 10);
  assert.is(manifest.namespace, 'http://uri.etsi.org/2918/v1.2.1#');
  assert.is(manifest.references[0]!.uri, 'a.xml');
  assert.is(manifest.references[0]!.rootfile, false);
});

test('DTDs, unknown entities, bad digests and wrong roots are MANIFEST_MALFORMED', () => {
  const good = writeAsicManifest(
    [{ name: 'a.txt', mimeType: 'text/plain', sha256: sha('a') }],
    'META-INF/s.p7s',
  );
  const text = good.toString('utf8');
  const variants = [
    text.replace('<ASiCManifest', '<!DOCTYPE x [<!ENTITY e "boom">]><ASiCManifest'),
    text.replace('URI="a.txt"', 'URI="&e;"'),
    text.replace(/<ns2:DigestValue>[^<]*</, '<ns2:DigestValue>!!!<'),
    text.replace(/<ns2:DigestValue>[^<]*</, '<ns2:DigestValue>AAAA<'),
    text.replace('xmlenc#sha256', 'xmlenc#md5'),
    text.replaceAll('ASiCManifest', 'Manifest'),
    text.replace('</ASiCManifest>', ''),
    text.replace('<ns2:DigestValue>', '<foo:DigestValue>'),
    `${text}<second/>`,
    '\u0000',
    '',
  ];
  for (const variant of variants)
    assert.is(
      code(() => parseAsicManifest(Buffer.from(variant), 10)),
      'MANIFEST_MALFORMED',
      variant,
    );
  assert.is(
    code(() => parseAsicManifest(Buffer.from([0xc3, 0x28]), 10)),
    'MANIFEST_MALFORMED',
  );
});

test('property: any mutation of a manifest parses or fails with MANIFEST_MALFORMED', () => {
  const good = writeAsicManifest(
    [
      { name: 'a.txt', mimeType: 'text/plain', sha256: sha('a') },
      { name: 'b.txt', mimeType: 'text/plain', sha256: sha('b') },
    ],
    'META-INF/s.p7s',
  );
  fc.assert(
    fc.property(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(40), (at, byte, cut) => {
      const mutated = Buffer.from(good);
      mutated[at] = byte;
      for (const candidate of [mutated, mutated.subarray(0, mutated.length - cut)]) {
        const result = code(() => parseAsicManifest(candidate, 10));
        assert.ok(result === undefined || result === 'MANIFEST_MALFORMED');
      }
    }),
    { seed: 42, numRuns: 3000 },
  );
});

test.run();
