import { createAjv, loadProtocolSpecs } from '@fiks-faktura/sdk';
import type { ValidateFunction } from 'ajv';
import type { RecordedExchange } from '../model/recorded-exchange.js';
import {
  COVERAGE_KINDS,
  type CoverageByKind,
  type CoverageItem,
  type CoverageTally,
  type ProtocolCoverage,
  type SurfaceCoverage,
} from './coverage-model.js';
import { protocolSurface, type SurfacePoint } from './protocol-surface.js';
import { valuesAt } from './schema-walk.js';

type ProtocolVersionSpec = ReturnType<typeof loadProtocolSpecs>[number];

const NOTE =
  'Counted over the protocol versions of the run: a request field or value counts when a request carrying it was sent and answered; an answer type, reason code or value in an answer when an answer carrying it was received; a branch when a payload took it (if → then/else, one alternative of oneOf). The surface comes from the schemas, code lists and catalogue of each protocol version.';

/** A payload the run exchanged, by message type: sent (and answered) requests and received answers. */
interface SeenPayload {
  messageType: string;
  payload: unknown;
}

/** What the recorded exchanges show: the payloads, and the answer types per request type. */
function observe(exchanges: readonly RecordedExchange[]): { payloads: SeenPayload[]; answers: Set<string> } {
  const payloads: SeenPayload[] = [];
  const answers = new Set<string>();
  for (const exchange of exchanges) {
    const request = exchange.request;
    const answered = exchange.replies.filter((r) => r.platformMessage === undefined);
    if (request.meldingType === '' || answered.length === 0) continue;
    if (request.payload !== undefined)
      payloads.push({ messageType: request.meldingType, payload: request.payload });
    for (const reply of answered) {
      answers.add(`${request.meldingType}\u0000${reply.meldingType}`);
      if (reply.opened?.ok === true && reply.opened.payload !== undefined)
        payloads.push({ messageType: reply.meldingType, payload: reply.opened.payload });
    }
  }
  return { payloads, answers };
}

/** Validators of subschemas (`file#pointer`) of one protocol version, compiled once per location. */
class SubschemaValidators {
  readonly #ajv = createAjv();
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(spec: ProtocolVersionSpec) {
    for (const s of spec.schemas) this.#ajv.addSchema(s.schema as object, s.fileName);
  }

  valid(file: string, pointer: string, value: unknown): boolean {
    const ref = `${file}#${pointer}`;
    let validate = this.#compiled.get(ref);
    if (validate === undefined) {
      validate = this.#ajv.compile({ $ref: ref });
      this.#compiled.set(ref, validate);
    }
    return validate(value) === true;
  }
}

function tally(items: readonly { exercised: boolean }[]): CoverageTally {
  const exercised = items.filter((i) => i.exercised).length;
  const total = items.length;
  return { exercised, total, percent: total === 0 ? 100 : Math.floor((exercised / total) * 1000) / 10 };
}

function byKind(items: readonly CoverageItem[]): CoverageByKind {
  return Object.fromEntries(
    COVERAGE_KINDS.map((k) => [k, tally(items.filter((i) => i.kind === k))]),
  ) as CoverageByKind;
}

function exercised(
  point: SurfacePoint,
  payloads: readonly SeenPayload[],
  answers: ReadonlySet<string>,
  validators: SubschemaValidators,
): boolean {
  if (point.kind === 'reply-type') return answers.has(`${point.messageType}\u0000${point.value}`);
  return payloads.some((seen) => {
    if (seen.messageType !== point.messageType) return false;
    const values = valuesAt(seen.payload, point.instancePath);
    if (point.kind === 'field') return values.length > 0;
    if (point.test !== undefined) {
      const { location, takenWhen } = point.test;
      return values.some((v) => validators.valid(location.file, location.pointer, v) === takenWhen);
    }
    return values.includes(point.value);
  });
}

const validatorsBySpec = new WeakMap<ProtocolVersionSpec, SubschemaValidators>();

/** The validators of a specification, built once (compiling is the costly part). */
function validatorsOf(spec: ProtocolVersionSpec): SubschemaValidators {
  let validators = validatorsBySpec.get(spec);
  if (validators === undefined) {
    validators = new SubschemaValidators(spec);
    validatorsBySpec.set(spec, validators);
  }
  return validators;
}

const surfaceBySpec = new WeakMap<ProtocolVersionSpec, readonly SurfacePoint[]>();

/** The surface of a specification, read once. */
function surfaceOf(spec: ProtocolVersionSpec): readonly SurfacePoint[] {
  let surface = surfaceBySpec.get(spec);
  if (surface === undefined) {
    surface = protocolSurface(spec);
    surfaceBySpec.set(spec, surface);
  }
  return surface;
}

let loadedSpecs: readonly ProtocolVersionSpec[] | undefined;

/** The protocol specifications of the protocols workspace, read once. */
export function defaultProtocolSpecs(): readonly ProtocolVersionSpec[] {
  loadedSpecs ??= loadProtocolSpecs();
  return loadedSpecs;
}

/**
 * Which points of the protocol surface the recorded exchanges exercised, for the protocol
 * versions in `scope` (those of the run's cases). A pure function of the exchanges and the
 * protocol data: the same recording gives the same coverage, today or when judged again.
 * `minPercent` (`--min-coverage`) sets the threshold the overall percentage must reach.
 */
export function surfaceCoverage(
  exchanges: readonly RecordedExchange[],
  scope: readonly { protocol: string; version: string }[],
  options: { minPercent?: number; specs?: readonly ProtocolVersionSpec[] } = {},
): SurfaceCoverage {
  const specs = options.specs ?? defaultProtocolSpecs();
  const { payloads, answers } = observe(exchanges);
  const wanted = new Set(scope.map((s) => `${s.protocol}/${s.version}`));
  const protocols: ProtocolCoverage[] = specs
    .filter((spec) => wanted.has(`${spec.protocol}/${spec.version}`))
    .sort((a, b) => `${a.protocol}/${a.version}`.localeCompare(`${b.protocol}/${b.version}`))
    .map((spec) => {
      const validators = validatorsOf(spec);
      const items: CoverageItem[] = surfaceOf(spec).map((point) => {
        const { instancePath: _place, test: _test, ...item } = point;
        return { ...item, exercised: exercised(point, payloads, answers, validators) };
      });
      return {
        protocol: spec.protocol,
        version: spec.version,
        ...tally(items),
        byKind: byKind(items),
        items,
      };
    });
  const all = protocols.flatMap((p) => p.items);
  const overall = tally(all);
  const threshold = options.minPercent ?? null;
  return {
    ...overall,
    note: NOTE,
    byKind: byKind(all),
    protocols,
    threshold,
    met: threshold === null ? null : overall.percent >= threshold,
  };
}
