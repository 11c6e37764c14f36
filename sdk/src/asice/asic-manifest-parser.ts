import {
  ACCEPTED_ASIC_NAMESPACES,
  type AsicManifest,
  type DataObjectReference,
  DIGEST_METHODS,
  XMLDSIG_NAMESPACE,
} from './asic-manifest.js';
import { AsiceError } from './asice-error.js';
import { parseManifestXml, type XmlElement } from './manifest-xml.js';

const DIGEST_LENGTHS = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 } as const;

function malformed(message: string, details?: Record<string, unknown>): AsiceError {
  return new AsiceError('MANIFEST_MALFORMED', `The ASiC manifest is malformed: ${message}.`, {
    ...(details === undefined ? {} : { details }),
  });
}

function child(parent: XmlElement, localName: string, namespaces: readonly string[]): XmlElement {
  const found = parent.children.filter((c) => c.localName === localName && namespaces.includes(c.namespace));
  if (found.length !== 1)
    throw malformed(`<${parent.localName}> must have exactly one <${localName}>, found ${found.length}`);
  return found[0]!;
}

function readReference(element: XmlElement, namespace: string): DataObjectReference {
  const uri = element.attributes.get('URI');
  if (uri === undefined || uri === '') throw malformed('a <DataObjectReference> has no URI');
  const digestNamespaces = [XMLDSIG_NAMESPACE, namespace];
  const algorithmUri = child(element, 'DigestMethod', digestNamespaces).attributes.get('Algorithm') ?? '';
  const digestAlgorithm = DIGEST_METHODS[algorithmUri];
  if (digestAlgorithm === undefined)
    throw malformed(
      `the digest method ${JSON.stringify(algorithmUri)} of ${JSON.stringify(uri)} is not supported`,
      {
        uri,
        algorithm: algorithmUri,
      },
    );
  const encoded = child(element, 'DigestValue', digestNamespaces).text.replace(/[ \t\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0)
    throw malformed(`the digest value of ${JSON.stringify(uri)} is not base64`, { uri });
  const digest = Buffer.from(encoded, 'base64');
  if (digest.length !== DIGEST_LENGTHS[digestAlgorithm])
    throw malformed(`the ${digestAlgorithm} digest of ${JSON.stringify(uri)} has ${digest.length} bytes`, {
      uri,
    });
  return {
    uri,
    mimeType: element.attributes.get('MimeType') ?? 'application/octet-stream',
    digestAlgorithm,
    digest,
    rootfile: element.attributes.get('Rootfile') === 'true',
  };
}

/**
 * Reads a CAdES ASiC manifest (`ASiCManifest` in any accepted ETSI namespace, digests in
 * xmldsig), as written by this toolkit and by KS's Java and .NET clients. Throws
 * `MANIFEST_MALFORMED` for anything else.
 */
export function parseAsicManifest(bytes: Uint8Array, maxReferences: number): AsicManifest {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw malformed('it is not valid UTF-8');
  }
  const root = parseManifestXml(text, maxReferences * 4 + 16);
  if (root.localName !== 'ASiCManifest' || !ACCEPTED_ASIC_NAMESPACES.includes(root.namespace))
    throw malformed(`the root element is {${root.namespace}}${root.localName}, not an ASiCManifest`);
  const namespace = root.namespace;
  const sigReferences = root.children.filter(
    (c) => c.localName === 'SigReference' && c.namespace === namespace,
  );
  if (sigReferences.length > 1) throw malformed('there is more than one <SigReference>');
  const signatureUri = sigReferences[0]?.attributes.get('URI');
  if (sigReferences.length === 1 && (signatureUri === undefined || signatureUri === ''))
    throw malformed('the <SigReference> has no URI');
  const references = root.children
    .filter((c) => c.localName === 'DataObjectReference' && c.namespace === namespace)
    .map((element) => readReference(element, namespace));
  if (references.length === 0) throw malformed('it lists no <DataObjectReference>');
  const seen = new Set<string>();
  for (const reference of references) {
    if (seen.has(reference.uri)) throw malformed(`${JSON.stringify(reference.uri)} is listed twice`);
    seen.add(reference.uri);
  }
  return { namespace, signatureUri, references };
}
