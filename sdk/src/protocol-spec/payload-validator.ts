import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { ajvErrorField } from '../validation/ajv-error-field.js';
import { createAjv } from './create-ajv.js';
import { ProtocolSpecError } from './protocol-spec-error.js';
import type { ProtocolVersionSpec } from './protocol-spec-model.js';
import { withStrictOverlay } from './strict-overlay.js';

/** One validation error, in the shape of `feilmelding.ugyldigforespoersel` `detaljer`. */
export interface PayloadError {
  /** The offending field as a JSON pointer; for `required` and unknown properties, the property itself. */
  readonly felt: string;
  readonly melding: string;
  /** The JSON Schema keyword that failed (`required`, `format`, `unevaluatedProperties`, …). */
  readonly keyword: string;
  /** Ajv's raw `instancePath` (for `required`, the object that lacks the property). */
  readonly instancePath: string;
}

/** The outcome of {@link PayloadValidator.validatePayload}. */
export type PayloadValidationResult =
  | { readonly valid: true }
  | { readonly valid: false; readonly errors: readonly PayloadError[] };

/** Options of {@link PayloadValidator}. */
export interface PayloadValidatorOptions {
  /**
   * Reject properties the specification does not name (see `withStrictOverlay`). For the
   * conformance harness, which reports them as warnings; receivers stay tolerant without it.
   */
  readonly strict?: boolean;
}

/**
 * What validation needs of one protocol version: its schemas and which message types it has
 * (and whether they carry a payload). A `ProtocolVersionSpec` read from disk gives it, and so
 * does the generated registry (see `registrySchemaSets`).
 */
export interface SchemaSet {
  /** The version folder relative to the protocols root, for messages. */
  readonly path: string;
  readonly schemas: readonly {
    readonly fileName: string;
    readonly schema: Readonly<Record<string, unknown>>;
  }[];
  readonly messageTypes: readonly { readonly id: string; readonly harPayload: boolean }[];
}

function schemaSetOf(version: ProtocolVersionSpec): SchemaSet {
  return {
    path: version.path,
    schemas: version.schemas,
    messageTypes: version.catalogue?.meldingstyper ?? [],
  };
}

interface VersionEntry {
  readonly spec: SchemaSet;
  ajv: Ajv2020 | undefined;
}

function toPayloadError(error: ErrorObject): PayloadError {
  return {
    felt: ajvErrorField(error),
    melding: error.message ?? `failed ${error.keyword}`,
    keyword: error.keyword,
    instancePath: error.instancePath,
  };
}

/**
 * Validates payloads against the schemas of the given protocol versions. Each version's schemas
 * are added to one Ajv (draft 2020-12, formats asserted, all errors) the first time one of its
 * types is validated; each message type's validator is compiled once and cached.
 */
export class PayloadValidator {
  readonly #strict: boolean;
  readonly #byType = new Map<string, { type: SchemaSet['messageTypes'][number]; version: VersionEntry }>();
  readonly #compiled = new Map<string, ValidateFunction>();

  /** Validates against protocol versions as read from disk (their catalogue names the types). */
  constructor(versions: readonly ProtocolVersionSpec[], options: PayloadValidatorOptions = {}) {
    this.#strict = options.strict === true;
    for (const version of versions) this.#add(schemaSetOf(version));
  }

  /** Validates against schema sets, e.g. the generated registry's (see `registrySchemaSets`). */
  static fromSchemaSets(sets: readonly SchemaSet[], options: PayloadValidatorOptions = {}): PayloadValidator {
    const validator = new PayloadValidator([], options);
    for (const set of sets) validator.#add(set);
    return validator;
  }

  #add(spec: SchemaSet): void {
    const version: VersionEntry = { spec, ajv: undefined };
    for (const type of spec.messageTypes) this.#byType.set(type.id, { type, version });
  }

  /** The message types this validator knows. */
  get messageTypes(): string[] {
    return [...this.#byType.keys()];
  }

  /** True when `messageType` is in one of the catalogues. */
  hasMessageType(messageType: string): boolean {
    return this.#byType.has(messageType);
  }

  /**
   * Validates a payload. Throws `MESSAGE_TYPE_UNKNOWN` for a type no catalogue has, and
   * `SCHEMA_COMPILE_FAILED` when the type's schema is missing or cannot be compiled.
   */
  validatePayload(messageType: string, value: unknown): PayloadValidationResult {
    const validate = this.#validatorFor(messageType);
    if (validate(value)) return { valid: true };
    // An `if` error only says "must match then"; the `then` subschema's own errors say what is wrong.
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
    return { valid: false, errors: errors.map(toPayloadError) };
  }

  /** Compiles every message type's validator now (at start-up) instead of on first use. */
  compileAll(): void {
    for (const [id, entry] of this.#byType) if (entry.type.harPayload) this.#validatorFor(id);
  }

  #validatorFor(messageType: string): ValidateFunction {
    const cached = this.#compiled.get(messageType);
    if (cached !== undefined) return cached;
    const entry = this.#byType.get(messageType);
    if (entry === undefined)
      throw new ProtocolSpecError('MESSAGE_TYPE_UNKNOWN', `Unknown message type ${messageType}`, {
        details: { messageType },
      });
    const { type, version } = entry;
    const schemaId = `${type.id}.schema.json`;
    if (!type.harPayload)
      throw new ProtocolSpecError(
        'SCHEMA_COMPILE_FAILED',
        `Message type ${messageType} carries no payload, so there is nothing to validate`,
        { details: { messageType } },
      );
    let validate: ValidateFunction | undefined;
    try {
      validate = this.#ajvFor(version).getSchema(schemaId);
    } catch (cause) {
      throw new ProtocolSpecError(
        'SCHEMA_COMPILE_FAILED',
        `Schema ${schemaId} of ${version.spec.path} does not compile: ${(cause as Error).message}`,
        { cause, details: { messageType, schemaId } },
      );
    }
    if (validate === undefined)
      throw new ProtocolSpecError(
        'SCHEMA_COMPILE_FAILED',
        `Message type ${messageType} has no schema ${schemaId} in ${version.spec.path}/schemas`,
        { details: { messageType, schemaId } },
      );
    this.#compiled.set(messageType, validate);
    return validate;
  }

  #ajvFor(version: VersionEntry): Ajv2020 {
    if (version.ajv !== undefined) return version.ajv;
    const ajv = createAjv();
    for (const { fileName, schema } of version.spec.schemas) {
      const prepared = this.#strict ? withStrictOverlay(schema) : schema;
      // Registered under the file name: that is what `$ref`s use (and what `$id` must equal).
      ajv.addSchema({ ...prepared, $id: fileName });
    }
    version.ajv = ajv;
    return ajv;
  }
}
