import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { protocolsRoot } from '@fiks-faktura/protocols';
import type { CaseDescriptor, SuiteCase } from './case-descriptor.js';
import { shortProtocolName } from './case-descriptor.js';
import { generateNegativeCases } from './generated/generate-cases.js';
import type { DroppedMutation } from './generated/mutation.js';
import { describeSchemaErrors, suiteSchemaValidator } from './schema-validator.js';
import { SuiteError } from './suite-error.js';

/** Every case of the suite, and a hash of what they were read from. */
export interface Suite {
  cases: SuiteCase[];
  /** SHA-256 (hex) over every case file, the suite's schemas, and every protocol schema, catalogue and code list, in a stable order. */
  hash: string;
  /** The protocols root the suite was read from. */
  root: string;
  /** The mutations the negative-case generator could not make fail alone (none when generation was off). */
  dropped?: DroppedMutation[];
}

/** The protocol version folders under `root` (`<protocol>/<version>`), sorted. */
export function protocolVersionDirs(root: string): { protocol: string; version: string; dir: string }[] {
  return readdirSync(root)
    .filter((name) => name.startsWith('no.') && statSync(join(root, name)).isDirectory())
    .sort()
    .flatMap((protocol) =>
      readdirSync(join(root, protocol))
        .filter((v) => /^v[0-9]+$/.test(v))
        .sort()
        .map((version) => ({ protocol, version, dir: join(root, protocol, version) })),
    );
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Reads every case under `<root>/<protocol>/<version>/conformance/` (default root: the
 * `@fiks-faktura/protocols` folder), each validated against `case.schema.json`, followed by the
 * negative cases generated from the schemas (`generated: false` leaves them out). Throws
 * `CASE_INVALID` (with every problem of every bad case) or `CASE_DUPLICATE`.
 */
export function loadSuite(options: { root?: string; generated?: boolean } = {}): Suite {
  const root = options.root ?? protocolsRoot;
  const validate = suiteSchemaValidator(root, 'case');
  const hash = createHash('sha256');
  const hashFile = (path: string) => {
    hash.update(relative(root, path).split('\\').join('/'));
    hash.update('\0');
    hash.update(readFileSync(path));
    hash.update('\0');
  };
  for (const path of filesUnder(join(root, 'conformance'))) hashFile(path);
  const cases: SuiteCase[] = [];
  const problems: string[] = [];
  for (const { protocol, version, dir } of protocolVersionDirs(root)) {
    for (const sub of ['meldingstyper.json', 'schemas', 'kodelister']) {
      const path = join(dir, sub);
      if (existsSync(path))
        for (const file of statSync(path).isFile() ? [path] : filesUnder(path)) hashFile(file);
    }
    const conformanceDir = join(dir, 'conformance');
    for (const file of filesUnder(conformanceDir)) hashFile(file);
    if (!existsSync(conformanceDir)) continue;
    for (const name of readdirSync(conformanceDir).sort()) {
      const folder = join(conformanceDir, name);
      if (!statSync(folder).isDirectory()) continue;
      const source = relative(root, folder).split('\\').join('/');
      const read = readCase(folder, source, protocol, version, validate);
      if ('problems' in read) problems.push(...read.problems);
      else cases.push(read.case);
    }
  }
  if (problems.length > 0) {
    throw new SuiteError(
      'CASE_INVALID',
      `${problems.length} problem(s) in the suite: ${problems.join('; ')}`,
      {
        details: { problems },
      },
    );
  }
  const seen = new Map<string, string>();
  for (const c of cases) {
    const other = seen.get(c.id);
    if (other !== undefined)
      throw new SuiteError('CASE_DUPLICATE', `case id ${c.id} is used by ${other} and ${c.source}`);
    seen.set(c.id, c.source);
  }
  const generation =
    options.generated === false ? { cases: [], dropped: [] } : generateNegativeCases(cases, options.root);
  return {
    cases: [...cases, ...generation.cases],
    hash: hash.digest('hex'),
    root,
    dropped: generation.dropped,
  };
}

/** The id a case folder must carry: `<short protocol>.<folder name>`. */
export function expectedCaseId(protocol: string, folderName: string): string {
  return `${shortProtocolName(protocol)}.${folderName}`;
}

function readCase(
  folder: string,
  source: string,
  protocol: string,
  version: string,
  validate: ReturnType<typeof suiteSchemaValidator>,
): { case: SuiteCase } | { problems: string[] } {
  const descriptorPath = join(folder, 'case.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(descriptorPath, 'utf8'));
  } catch (error) {
    return { problems: [`${source}/case.json: not readable JSON: ${(error as Error).message}`] };
  }
  if (!validate(json))
    return { problems: describeSchemaErrors(validate.errors).map((e) => `${source}/case.json: ${e}`) };
  const descriptor = json as CaseDescriptor;
  const problems: string[] = [];
  const folderName = source.slice(source.lastIndexOf('/') + 1);
  const wanted = expectedCaseId(protocol, folderName);
  if (descriptor.id !== wanted)
    problems.push(
      `${source}/case.json: id "${descriptor.id}" does not match its folder (expected "${wanted}")`,
    );
  const files = new Map<string, Buffer>();
  for (const path of filesUnder(folder)) {
    const name = relative(folder, path).split('\\').join('/');
    if (name !== 'case.json') files.set(name, readFileSync(path));
  }
  descriptor.steps.forEach((step, i) => {
    const named =
      'send' in step ? [step.send.payload, ...(step.send.attachments ?? []).map((a) => a.file)] : [];
    for (const file of named) {
      if (file !== undefined && !files.has(file))
        problems.push(`${source}/case.json: step ${i + 1} names ${file}, which the case folder lacks`);
    }
    if ('send' in step && step.send.payload === undefined && step.send.omitPayload !== true) {
      problems.push(`${source}/case.json: step ${i + 1} has neither payload nor omitPayload`);
    }
    if ('resend' in step && (step.resend < 1 || step.resend > i)) {
      problems.push(
        `${source}/case.json: step ${i + 1} resends step ${step.resend}, which is not an earlier step`,
      );
    }
    if ('redeliver' in step && (step.redeliver < 1 || step.redeliver > i)) {
      problems.push(
        `${source}/case.json: step ${i + 1} redelivers step ${step.redeliver}, which is not an earlier step`,
      );
    }
  });
  if (problems.length > 0) return { problems };
  return { case: { id: descriptor.id, protocol, version, source, descriptor, files } };
}
