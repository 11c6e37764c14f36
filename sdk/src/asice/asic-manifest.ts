/** The ASiC manifest namespace this toolkit writes (ETSI TS 102 918 v1.2.1, as the Java writer). */
export const ASIC_NAMESPACE = 'http://uri.etsi.org/02918/v1.2.1#';
/** Namespaces accepted when reading: the Java writer's, the .NET writer's and the older v1.1.1. */
export const ACCEPTED_ASIC_NAMESPACES: readonly string[] = [
  'http://uri.etsi.org/02918/v1.2.1#',
  'http://uri.etsi.org/2918/v1.2.1#',
  'http://uri.etsi.org/02918/v1.1.1#',
  'http://uri.etsi.org/2918/v1.1.1#',
];
export const XMLDSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
/** The content of the `mimetype` entry, and the zip comment's `mimetype=` value. */
export const ASICE_MIMETYPE = 'application/vnd.etsi.asic-e+zip';
export const SIGNATURE_MIME_TYPE = 'application/x-pkcs7-signature';
/** The entry name this toolkit writes the manifest under. */
export const MANIFEST_ENTRY_NAME = 'META-INF/ASiCManifest.xml';

/** Node hash names for the digest method URIs found in manifests (SHA-256 first: the one written). */
export const DIGEST_METHODS: Readonly<Record<string, 'sha1' | 'sha256' | 'sha384' | 'sha512'>> = {
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2000/09/xmldsig#sha256': 'sha256',
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2000/09/xmldsig#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
  'http://www.w3.org/2000/09/xmldsig#sha512': 'sha512',
};
const WRITTEN_DIGEST_METHOD = 'http://www.w3.org/2001/04/xmlenc#sha256';

/** One payload file as the manifest describes it. */
export interface DataObjectReference {
  uri: string;
  mimeType: string;
  /** Node hash name, e.g. `sha256`. */
  digestAlgorithm: 'sha1' | 'sha256' | 'sha384' | 'sha512';
  digest: Buffer;
  rootfile: boolean;
}

/** The parts of an ASiC manifest that verification uses. */
export interface AsicManifest {
  namespace: string;
  signatureUri: string | undefined;
  references: DataObjectReference[];
}

function escapeXml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/**
 * The manifest XML in the Java writer's shape: default ASiC namespace, xmldsig as `ns2`,
 * `SigReference` first, one SHA-256 `DataObjectReference` per file, the first one the root file.
 */
export function writeAsicManifest(
  files: ReadonlyArray<{ name: string; mimeType: string; sha256: Buffer }>,
  signatureUri: string,
): Buffer {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<ASiCManifest xmlns="${ASIC_NAMESPACE}" xmlns:ns2="${XMLDSIG_NAMESPACE}">`,
    `    <SigReference URI="${escapeXml(signatureUri)}" MimeType="${SIGNATURE_MIME_TYPE}"/>`,
  ];
  files.forEach((file, index) => {
    const rootfile = index === 0 ? ' Rootfile="true"' : '';
    lines.push(
      `    <DataObjectReference URI="${escapeXml(file.name)}" MimeType="${escapeXml(file.mimeType)}"${rootfile}>`,
      `        <ns2:DigestMethod Algorithm="${WRITTEN_DIGEST_METHOD}"/>`,
      `        <ns2:DigestValue>${file.sha256.toString('base64')}</ns2:DigestValue>`,
      '    </DataObjectReference>',
    );
  });
  lines.push('</ASiCManifest>', '');
  return Buffer.from(lines.join('\n'), 'utf8');
}
