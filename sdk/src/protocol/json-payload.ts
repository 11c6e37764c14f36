import type { AsiceContents } from '../asice/asice-reader.js';
import type { AsiceFileInput } from '../asice/asice-writer.js';
import type { MessageTypeEntry } from '../generated/registry.js';
import { ProtocolError } from './protocol-error.js';

/** The payload file of a message type: its JSON under the catalogue's `payloadFilnavn`. */
export function jsonPayloadFile(entry: MessageTypeEntry, payload: unknown): AsiceFileInput {
  return {
    name: entry.payloadFileName ?? 'payload.json',
    data: Buffer.from(JSON.stringify(payload), 'utf8'),
    mimeType: 'application/json',
  };
}

/**
 * Reads the JSON payload file of a message type out of an opened container. Throws
 * `PAYLOAD_FILE_MISSING` when the catalogue's file name is absent and `PAYLOAD_NOT_JSON` when it
 * does not parse.
 */
export function readJsonPayload(entry: MessageTypeEntry, contents: AsiceContents): unknown {
  const name = entry.payloadFileName ?? 'payload.json';
  const file = contents.files.find((f) => f.name === name);
  if (file?.data === undefined)
    throw new ProtocolError(
      'PAYLOAD_FILE_MISSING',
      `${entry.type} must carry its payload as ${name}; the container has ${contents.files.map((f) => f.name).join(', ') || 'no files'}`,
      { details: { meldingType: entry.type, expected: name } },
    );
  try {
    return JSON.parse(file.data.toString('utf8')) as unknown;
  } catch (cause) {
    throw new ProtocolError(
      'PAYLOAD_NOT_JSON',
      `${name} of ${entry.type} is not valid JSON: ${(cause as Error).message}`,
      {
        cause,
        details: { meldingType: entry.type, file: name },
      },
    );
  }
}
