import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TIDSAVBRUDD } from '@fiks-faktura/sdk';
import { loadDataMap, SuiteError } from '../../../harness/src/conformance/suite/index.js';
import {
  describeSchemaErrors,
  suiteSchemaValidator,
} from '../../../harness/src/conformance/suite/schema-validator.js';
import type { LintContext, LintFinding } from '../lint-context.js';
import { hasSuite, loadedSuite, readExemptions } from './conformance-suite.js';
import { specAnchors } from './spec-anchors.js';

/** CASE_INVALID, CASE_DUPLICATE, …: the suite must load (every descriptor valid, ids unique and matching their folders). */
export function conformanceSuiteLoads(context: LintContext): LintFinding[] {
  return loadedSuite(context).loadFindings;
}

/** PLACEHOLDER_UNKNOWN, PLACEHOLDER_SYNTAX, …: every template and assertion value resolves. */
export function conformanceCaseResolves(context: LintContext): LintFinding[] {
  return [...loadedSuite(context).resolved.values()].flatMap((entry) =>
    entry.error === undefined
      ? []
      : [{ file: `${entry.source}/case.json`, code: entry.error.code, message: entry.error.message }],
  );
}

/**
 * CASE_TEMPLATE_SCHEMA_INVALID: every filled request is valid against its request schema (steps
 * marked `breaksSchema` excepted, and those must indeed break it); CASE_MESSAGE_TYPE_UNKNOWN:
 * request types are catalogue requests, expected replies answers the catalogue allows.
 */
export function conformanceTemplatesValid(context: LintContext): LintFinding[] {
  const loaded = loadedSuite(context);
  const findings: LintFinding[] = [];
  for (const entry of loaded.resolved.values()) {
    const resolved = entry.resolved;
    if (resolved === undefined) continue;
    const version = context.versions.find(
      (v) => v.protocol === resolved.protocol && v.version === resolved.version,
    );
    if (version === undefined) continue;
    const file = `${entry.source}/case.json`;
    // A step may send another protocol's request (a follow-up): its type is looked up in every catalogue.
    const versionOf = new Map(
      context.versions.flatMap((v) => (v.catalogue?.meldingstyper ?? []).map((t) => [t.id, v] as const)),
    );
    const types = new Map(
      context.versions.flatMap((v) => v.catalogue?.meldingstyper ?? []).map((t) => [t.id, t]),
    );
    resolved.steps.forEach((step, i) => {
      const finding = (code: string, message: string) =>
        findings.push({ file, code, message: `step ${i + 1}: ${message}` });
      const request = types.get(step.requestType);
      if (step.expiresUnread === true && step.expect.replyTypes.join() !== TIDSAVBRUDD)
        finding(
          'CASE_MESSAGE_TYPE_UNKNOWN',
          `a request that expires unread is answered by Fiks IO with ${TIDSAVBRUDD} alone, not ${step.expect.replyTypes.join(', ')}`,
        );
      if (step.unknownType === true) {
        if (request !== undefined)
          finding(
            'CASE_MESSAGE_TYPE_UNKNOWN',
            `${step.requestType} is marked unknownType but is in ${version.path}/meldingstyper.json`,
          );
        return;
      }
      if (request === undefined || request.kanSvareMed === undefined) {
        finding(
          'CASE_MESSAGE_TYPE_UNKNOWN',
          `${step.requestType} is not a request type of ${version.path}/meldingstyper.json`,
        );
        return;
      }
      for (const reply of step.expect.replyTypes) {
        if (step.expiresUnread !== true && !request.kanSvareMed.includes(reply))
          finding(
            'CASE_MESSAGE_TYPE_UNKNOWN',
            `${reply} is not an answer the catalogue allows to ${step.requestType}`,
          );
      }
      if (step.kind === 'resend' || step.omitPayload === true) return;
      const breaks = entry.descriptor.steps[i]?.breaksSchema === true;
      const result = context
        .validatorFor(versionOf.get(step.requestType) ?? version)
        .validatePayload(step.requestType, step.payload);
      if (!breaks && !result.valid) {
        for (const e of result.errors)
          finding('CASE_TEMPLATE_SCHEMA_INVALID', `the filled payload: ${e.felt || '/'} ${e.melding}`);
      }
      if (breaks && result.valid)
        finding(
          'CASE_TEMPLATE_SCHEMA_INVALID',
          'marked breaksSchema, but the filled payload is schema-valid',
        );
    });
  }
  return findings;
}

/** CASE_SPEC_UNRESOLVED: every spec reference names a file under the root and a heading (or `rule-N`) in it. */
export function conformanceSpecReferences(context: LintContext): LintFinding[] {
  const findings: LintFinding[] = [];
  const anchorsOf = new Map<string, Set<string> | undefined>();
  const check = (file: string, ref: string) => {
    const [path = '', anchor = ''] = ref.split('#');
    if (!anchorsOf.has(path)) {
      const absolute = join(context.root, path);
      anchorsOf.set(path, existsSync(absolute) ? specAnchors(readFileSync(absolute, 'utf8')) : undefined);
    }
    const anchors = anchorsOf.get(path);
    if (anchors === undefined)
      findings.push({
        file,
        code: 'CASE_SPEC_UNRESOLVED',
        message: `${ref}: no file ${path} under the protocols root`,
      });
    else if (!anchors.has(anchor))
      findings.push({
        file,
        code: 'CASE_SPEC_UNRESOLVED',
        message: `${ref}: ${path} has no heading or normative rule "${anchor}"`,
      });
  };
  for (const entry of loadedSuite(context).resolved.values()) {
    const file = `${entry.source}/case.json`;
    for (const ref of new Set([
      ...entry.descriptor.spec,
      ...entry.descriptor.steps.flatMap((s) => s.expect.assertions.map((a) => a.spec)),
    ])) {
      check(file, ref);
    }
  }
  return findings;
}

/** EXEMPTIONS_INVALID: every `conformance/exemptions.json` matches `exemptions.schema.json`. */
export function conformanceExemptionsValid(context: LintContext): LintFinding[] {
  if (!hasSuite(context)) return [];
  return context.versions.flatMap((version) => {
    const file = `${version.path}/conformance/exemptions.json`;
    let json: unknown;
    try {
      json = readExemptions(version.absolutePath);
    } catch (error) {
      return [
        { file, code: 'EXEMPTIONS_INVALID', message: `not readable JSON: ${(error as Error).message}` },
      ];
    }
    if (json === undefined) return [];
    const validate = suiteSchemaValidator(context.root, 'exemptions');
    if (validate(json)) return [];
    return describeSchemaErrors(validate.errors).map((message) => ({
      file,
      code: 'EXEMPTIONS_INVALID',
      message,
    }));
  });
}

/** DATA_MAP_INVALID: `conformance/data-map.example.json`, when present, is a valid data map. */
export function conformanceDataMapExample(context: LintContext): LintFinding[] {
  const file = 'conformance/data-map.example.json';
  if (!existsSync(join(context.root, file))) return [];
  try {
    loadDataMap(join(context.root, file));
    return [];
  } catch (error) {
    if (!(error instanceof SuiteError)) throw error;
    const problems = (error.details?.['problems'] as string[] | undefined) ?? [error.message];
    return problems.map((message) => ({ file, code: error.code, message }));
  }
}
