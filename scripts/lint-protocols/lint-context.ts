import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  findProtocolVersionDirs,
  PayloadValidator,
  type ProtocolVersionSpec,
  readProtocolVersion,
  type SpecFile,
} from '../../sdk/src/protocol-spec/index.js';
import { readSpecFile } from '../../sdk/src/protocol-spec/read-spec-file.js';

/** One lint finding: `<file>: <code> <message>`. */
export interface LintFinding {
  /** Path relative to the protocols root. */
  readonly file: string;
  /** Stable rule code in SCREAMING_SNAKE_CASE. */
  readonly code: string;
  readonly message: string;
}

/** What every rule sees: the protocol versions (read leniently), the fixture files, validators. */
export interface LintContext {
  readonly root: string;
  readonly versions: readonly ProtocolVersionSpec[];
  /** The JSON files of `<root>/fixtures/`. */
  readonly fixtures: readonly SpecFile[];
  /** One tolerant validator per protocol version, sharing compiled schemas between rules. */
  validatorFor(version: ProtocolVersionSpec): PayloadValidator;
}

/** A lint rule: a small named function over the whole context. */
export type LintRule = (context: LintContext) => LintFinding[];

/** Reads everything under a protocols root for linting; never throws on content errors. */
export function createLintContext(root: string): LintContext {
  const versions = findProtocolVersionDirs(root).map((dir) => readProtocolVersion(root, dir));
  const fixtureDir = join(root, 'fixtures');
  const fixtures = existsSync(fixtureDir)
    ? readdirSync(fixtureDir)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => readSpecFile(root, join(fixtureDir, name)))
    : [];
  const validators = new Map<ProtocolVersionSpec, PayloadValidator>();
  return {
    root,
    versions,
    fixtures,
    validatorFor(version) {
      let validator = validators.get(version);
      if (validator === undefined) {
        validator = new PayloadValidator([version]);
        validators.set(version, validator);
      }
      return validator;
    },
  };
}
