import { existsSync } from 'node:fs';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { ProtocolSpecError } from './protocol-spec-error.js';
import type { ProtocolVersionSpec } from './protocol-spec-model.js';
import { findProtocolVersionDirs, readProtocolVersion } from './read-protocol-version.js';

/**
 * Loads every protocol version under `root` (default: the `protocols` workspace). Throws a
 * {@link ProtocolSpecError} `PROTOCOL_SPEC_NOT_FOUND` when the root does not exist and
 * `PROTOCOL_SPEC_INVALID` (listing the problems in `details.problems`) when any file is not valid
 * JSON or lacks the expected shape. `npm run lint:protocols` checks far more.
 */
export function loadProtocolSpecs(root: string = protocolsRoot): ProtocolVersionSpec[] {
  if (!existsSync(root))
    throw new ProtocolSpecError('PROTOCOL_SPEC_NOT_FOUND', `No protocols folder at ${root}`, {
      details: { root },
    });
  const versions = findProtocolVersionDirs(root).map((dir) => readProtocolVersion(root, dir));
  const problems = versions.flatMap((v) => v.problems);
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new ProtocolSpecError(
      'PROTOCOL_SPEC_INVALID',
      `${problems.length} problem(s) in the protocol specifications, first: ${first.file}: ${first.code} ${first.message}. Run \`npm run lint:protocols\` for all findings.`,
      { details: { problems } },
    );
  }
  return versions;
}
