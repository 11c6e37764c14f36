import { readFile } from 'node:fs/promises';
import { EVIDENCE_FORMAT, type EvidenceBundle } from './bundle-format.js';
import { EvidenceError } from './evidence-error.js';

/** Reads a bundle file's text; `EVIDENCE_NOT_FOUND` names the file when it cannot be read. */
export async function readBundleText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new EvidenceError('EVIDENCE_NOT_FOUND', `cannot read the evidence bundle ${path}: ${why}`, {
      cause: error,
    });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The bundle in `text`, or what keeps it from being one (not JSON, another format, a missing field). */
export function parseBundle(text: string): { bundle: EvidenceBundle } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problem: `not JSON: ${(error as Error).message}` };
  }
  if (!isRecord(json)) return { problem: 'not a JSON object' };
  if (json['format'] !== EVIDENCE_FORMAT)
    return { problem: `format is ${JSON.stringify(json['format'])}, not ${EVIDENCE_FORMAT}` };
  for (const field of ['contentSha256', 'signature'] as const)
    if (typeof json[field] !== 'string') return { problem: `${field} is not a string` };
  if (!isRecord(json['parts'])) return { problem: 'parts is not an object' };
  const index = json['index'];
  if (!isRecord(index) || !Array.isArray(index['parts']) || !Array.isArray(index['cases']))
    return { problem: 'index lacks its parts or cases' };
  return { bundle: json as unknown as EvidenceBundle };
}
