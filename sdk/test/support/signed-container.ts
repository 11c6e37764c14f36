// A signed ASiC-E container of a JSON message and a PDF attachment, in one of the layouts writers
// produce, for the tests that compare the container readers.
import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { writeAsicManifest } from '../../src/asice/asic-manifest.js';
import { ZipWriter } from '../../src/asice/zip-writer.js';
import { signDetached } from '../../src/crypto/cms-signature.js';

export type ContainerLayout = 'stored' | 'deflated json' | 'data descriptors' | 'deflated manifest';

/** The layouts that differ in how the payload files are written (the manifest stored in each). */
export const PAYLOAD_FILE_LAYOUTS = ['stored', 'deflated json', 'data descriptors'] as const;

export interface ContainerContent {
  json: Buffer;
  pdf: Buffer;
  signer: Parameters<typeof signDetached>[1];
  signatureName: string;
  /** Extra names the manifest lists with the JSON file's digest (not in the container). */
  listed?: string[];
}

const MIMETYPE = Buffer.from('application/vnd.etsi.asic-e+zip');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** `melding.json` and `bilag.pdf` with their manifest and its detached signature, laid out as `layout` says. */
export async function signedContainer(layout: ContainerLayout, content: ContainerContent): Promise<Buffer> {
  const { json, pdf, signer, signatureName, listed = [] } = content;
  const manifest = writeAsicManifest(
    [
      { name: 'melding.json', mimeType: 'application/json', sha256: sha256(json) },
      ...listed.map((name) => ({ name, mimeType: 'application/json', sha256: sha256(json) })),
      { name: 'bilag.pdf', mimeType: 'application/pdf', sha256: sha256(pdf) },
    ],
    signatureName,
  );
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const zip = new ZipWriter(out);
  await zip.addBuffer('mimetype', MIMETYPE, false);
  if (layout === 'data descriptors') {
    await zip.addDeflated('melding.json', Readable.from([json]));
    await zip.addDeflated('bilag.pdf', Readable.from([pdf]));
  } else {
    await zip.addBuffer('melding.json', json, layout === 'deflated json');
    await zip.addBuffer('bilag.pdf', pdf, false);
  }
  await zip.addBuffer('META-INF/ASiCManifest.xml', manifest, layout === 'deflated manifest');
  await zip.addBuffer(signatureName, signDetached(manifest, signer), false);
  await zip.finish();
  return Buffer.concat(chunks);
}
