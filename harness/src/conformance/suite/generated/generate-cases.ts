import {
  loadProtocolSpecs,
  messageTypes,
  PayloadValidator,
  ProtocolCatalog,
  ProtocolSpecError,
  parseCalendarDate,
} from '@fiks-faktura/sdk';
import type { Assertion } from '../../model/resolved-case.js';
import {
  type CaseDescriptor,
  fullMessageType,
  type SendDescriptor,
  type SuiteCase,
  shortProtocolName,
} from '../case-descriptor.js';
import { loadProfile } from '../profile.js';
import { resolveCase } from '../resolve-case.js';
import { resolveLedger } from '../resolved-ledger.js';
import { SuiteError } from '../suite-error.js';
import { generateMutations } from './generate-mutations.js';
import { type ConfirmedMutation, type DroppedMutation, fieldLabel } from './mutation.js';
import { SchemaSet } from './schema-set.js';

/** The generated negative cases of a suite, and the mutations that could not be made to fail alone. */
export interface GeneratedCases {
  readonly cases: SuiteCase[];
  readonly dropped: DroppedMutation[];
}

/** The day and clock the base payloads are resolved on while generating (the fixture README's seed day). */
const GENERATION_DAY = parseCalendarDate('2026-03-02');
const GENERATION_NOW = new Date('2026-03-02T08:00:00Z');

/**
 * Generates the negative cases of every request type of every protocol version that has
 * hand-written cases: for each, a read-only N case of that type is the base (the one whose
 * resolved payload has the most fields; ties go to suite order), its schema is walked beside the
 * payload, and every mutation that breaks the request for its reason alone (confirmed with the
 * SDK's validator; check digits with the rule-1 checks) becomes an F case
 * `<short protocol>.<verb>.G<nnn>` expecting `feilmelding.ugyldigforespoersel`. Ids follow the
 * schema walk, so the same schemas and base case always give the same ids.
 */
export function generateNegativeCases(handWritten: readonly SuiteCase[], root?: string): GeneratedCases {
  let specs: ReturnType<typeof loadProtocolSpecs>;
  let catalog: ProtocolCatalog;
  try {
    specs = loadProtocolSpecs(root);
    // The SDK's validator, compiling only the request types it is asked about.
    catalog = new ProtocolCatalog(new PayloadValidator(specs));
  } catch (error) {
    if (!(error instanceof ProtocolSpecError)) throw error;
    // The protocol lint reports the broken specification; no case can be generated from it.
    return { cases: [], dropped: [{ requestType: '*', kind: 'base', felt: '', reason: error.message }] };
  }
  const profile = loadProfile();
  const ledger = resolveLedger(GENERATION_DAY);
  const cases: SuiteCase[] = [];
  const dropped: DroppedMutation[] = [];
  for (const entry of messageTypes) {
    if (entry.kind !== 'request' || !entry.hasPayload) continue;
    const spec = specs.find((s) => s.protocol === entry.protocol && s.version === entry.version);
    const ofType = handWritten.filter((c) => c.protocol === entry.protocol && c.version === entry.version);
    if (spec === undefined || ofType.length === 0) continue;
    const base = chooseBase(ofType, entry.type, (c) =>
      resolveCase(c, {
        today: GENERATION_DAY,
        profile,
        ledger,
        now: () => GENERATION_NOW,
        newUuid: fixedUuid,
      }),
    );
    if (base === undefined) {
      dropped.push({
        requestType: entry.type,
        kind: 'base',
        felt: '',
        reason: 'no read-only N case with one request of this type to start from',
      });
      continue;
    }
    let generated: ReturnType<typeof generateMutations>;
    try {
      generated = generateMutations({
        requestType: entry.type,
        schemaFile: entry.schemaId,
        base: base.payload,
        catalog,
        schemas: new SchemaSet(spec),
      });
    } catch (error) {
      if (!(error instanceof ProtocolSpecError)) throw error;
      // A schema that does not compile: the protocol lint reports it.
      dropped.push({ requestType: entry.type, kind: 'base', felt: '', reason: error.message });
      continue;
    }
    dropped.push(...generated.dropped);
    const confirmed = generated.confirmed;
    const verb = entry.type.slice(`${entry.protocol}.${entry.version}.`.length);
    for (const [i, m] of confirmed.entries()) cases.push(generatedCase(base, verb, i + 1, m));
  }
  return { cases, dropped };
}

function fixedUuid(): string {
  return '00000000-0000-4000-8000-000000000000';
}

/** The request a generated case breaks: a hand-written case's one send step, and its filled payload. */
interface BaseRequest {
  case: SuiteCase;
  send: SendDescriptor;
  payload: unknown;
}

/** The base case: a read-only N case that sends one request of `requestType`, with the most fields. */
function chooseBase(
  cases: readonly SuiteCase[],
  requestType: string,
  resolve: (c: SuiteCase) => { steps: { payload: unknown }[] },
): BaseRequest | undefined {
  let best: (BaseRequest & { fields: number }) | undefined;
  for (const c of cases) {
    const d = c.descriptor;
    const step = d.steps[0];
    if (d.situation !== 'N' || d.books || (d.requires ?? []).length > 0 || d.steps.length !== 1) continue;
    if (step === undefined || !('send' in step) || step.send.payload === undefined) continue;
    if (fullMessageType(c, step.send.type) !== requestType || Object.keys(step.send.headers ?? {}).length > 0)
      continue;
    let payload: unknown;
    try {
      payload = resolve(c).steps[0]?.payload;
    } catch (error) {
      if (error instanceof SuiteError) continue;
      throw error;
    }
    const fields = countFields(payload);
    if (best === undefined || fields > best.fields) best = { case: c, send: step.send, payload, fields };
  }
  return best === undefined ? undefined : { case: best.case, send: best.send, payload: best.payload };
}

function countFields(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 1;
  return Object.values(value).reduce<number>((n, v) => n + countFields(v), 1);
}

/** One generated case: the base case's request with the mutation's edits, expecting `ugyldigforespoersel`. */
function generatedCase(request: BaseRequest, verb: string, n: number, m: ConfirmedMutation): SuiteCase {
  const base = request.case;
  const { kind, felt } = m.candidate;
  const folder = `${verb}.G${String(n).padStart(3, '0')}`;
  const id = `${shortProtocolName(base.protocol)}.${folder}`;
  const readme = `${base.protocol}/${base.version}/README.md`;
  const clause = kind === 'checkDigit' ? `${readme}#rule-1` : `${readme}#fields`;
  const assertion = (path: string): Assertion => ({
    path,
    op: 'exists',
    spec: `${readme}#fields`,
    basis: 'protocol',
  });
  // An unknown property is a fault of the object that holds it.
  const field = kind === 'additionalProperties' ? felt.slice(0, felt.lastIndexOf('/')) : felt;
  const descriptor: CaseDescriptor = {
    id,
    title: `Ugyldig: ${fieldLabel(field)} ${m.candidate.what}`,
    situation: 'F',
    spec: [clause],
    books: false,
    steps: [
      {
        send: { ...request.send, type: verb },
        ...(kind === 'checkDigit' ? {} : { breaksSchema: true }),
        expect: {
          replyType: 'feilmelding.ugyldigforespoersel',
          assertions: [assertion('$.errorId'), assertion('$.feilmelding')],
        },
      },
    ],
  };
  return {
    id,
    protocol: base.protocol,
    version: base.version,
    source: `${base.protocol}/${base.version}/conformance/${folder}`,
    descriptor,
    files: base.files,
    generated: true,
    generatedFrom: { base: base.id, kind, felt },
    payloadEdits: m.edits,
  };
}
