import { type MessageTypeEntry, messageTypes } from '../generated/registry.js';
import { type PayloadValidationResult, PayloadValidator } from '../protocol-spec/payload-validator.js';
import { ProtocolError } from './protocol-error.js';
import { registrySchemaSets } from './registry-schema-sets.js';

/** The three error replies every protocol defines. */
export type ErrorReplyKind = 'ugyldigforespoersel' | 'ikkefunnet' | 'serverfeil';

/**
 * The generated message-type table joined with the schemas: what the dispatcher, the requester
 * and the responder ask about a message type. Schemas are compiled once, at load.
 */
export class ProtocolCatalog {
  readonly #validator: PayloadValidator;
  readonly #entries: ReadonlyMap<string, MessageTypeEntry>;

  constructor(validator: PayloadValidator, entries: readonly MessageTypeEntry[] = messageTypes) {
    this.#validator = validator;
    this.#entries = new Map(entries.map((e) => [e.type, e]));
  }

  /**
   * The generated registry's message types with their schemas (read from the `protocols`
   * workspace, or `root`), compiled. The registry is the one runtime source of the catalogue:
   * `meldingstyper.json` is not read.
   */
  static load(options: { root?: string; strict?: boolean } = {}): ProtocolCatalog {
    const validator = PayloadValidator.fromSchemaSets(registrySchemaSets(options.root), {
      strict: options.strict === true,
    });
    validator.compileAll();
    return new ProtocolCatalog(validator);
  }

  /** The table row of a message type, or undefined for a type no catalogue lists. */
  entry(meldingType: string): MessageTypeEntry | undefined {
    return this.#entries.get(meldingType);
  }

  /** The row of a message type; throws `MESSAGE_TYPE_UNKNOWN` for an unknown one. */
  require(meldingType: string): MessageTypeEntry {
    const entry = this.#entries.get(meldingType);
    if (entry === undefined)
      throw new ProtocolError(
        'MESSAGE_TYPE_UNKNOWN',
        `No protocol catalogue lists the message type ${meldingType}`,
        {
          details: { meldingType },
        },
      );
    return entry;
  }

  /**
   * The error reply of the protocol version a message type belongs to, found by the type string
   * alone (`<protocol>.<version>.feilmelding.<kind>`), so even an unknown verb of a known protocol
   * can be answered. Undefined when no catalogue has that protocol version.
   */
  errorReplyType(meldingType: string, kind: ErrorReplyKind): string | undefined {
    for (const entry of this.#entries.values()) {
      const prefix = `${entry.protocol}.${entry.version}.`;
      if (meldingType.startsWith(prefix)) {
        const type = `${prefix}feilmelding.${kind}`;
        return this.#entries.has(type) ? type : undefined;
      }
    }
    return undefined;
  }

  /** Validates a payload against its message type's schema. */
  validate(meldingType: string, payload: unknown): PayloadValidationResult {
    return this.#validator.validatePayload(meldingType, payload);
  }
}
