import type { ProtocolVersionSpec } from '../../sdk/src/protocol-spec/index.js';
import { payloadTypesModuleName, payloadTypesOf } from './emit-payload-types.js';
import { generatedBanner } from './generated-banner.js';
import { typeImport } from './type-import-statement.js';

/** One row of the generated message-type table. */
export interface RegistryRow {
  type: string;
  protocol: string;
  version: string;
  schemaId: string | null;
  schemaPath: string | null;
  hasPayload: boolean;
  payloadFileName: string | null;
  role: 'klient' | 'tjener' | null;
  kind: 'request' | 'reply';
  allowedReplies: readonly string[];
  replyTo: readonly string[];
  deadlineMs: number | null;
  isError: boolean;
}

/** The table rows of every message type of the given protocol versions, in catalogue order. */
export function registryRows(specs: readonly ProtocolVersionSpec[]): RegistryRow[] {
  return specs.flatMap((spec) =>
    (spec.catalogue?.meldingstyper ?? []).map((t) => {
      const schemaId = t.harPayload ? `${t.id}.schema.json` : null;
      return {
        type: t.id,
        protocol: spec.catalogue?.protokollnavn ?? spec.protocol,
        version: spec.version,
        schemaId,
        schemaPath: schemaId === null ? null : `${spec.path}/schemas/${schemaId}`,
        hasPayload: t.harPayload,
        payloadFileName: t.harPayload ? (t.payloadFilnavn ?? null) : null,
        role: t.avsenderRolle ?? null,
        kind: t.kind,
        allowedReplies: t.kanSvareMed,
        replyTo: t.erSvarPaa,
        deadlineMs: t.kind === 'request' ? (t.svarfristMs ?? null) : null,
        isError: t.isError,
      };
    }),
  );
}

const q = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
const list = (values: readonly string[]) =>
  values.length <= 1
    ? `[${values.map(q).join('')}]`
    : `[\n${values.map((v) => `      ${q(v)},\n`).join('')}    ]`;
const nullable = (value: string | number | null, render: (v: string | number) => string) =>
  value === null ? 'null' : render(value);

function emitRow(row: RegistryRow): string {
  const fields = [
    `type: ${q(row.type)}`,
    `protocol: ${q(row.protocol)}`,
    `version: ${q(row.version)}`,
    `schemaId: ${nullable(row.schemaId, (v) => q(String(v)))}`,
    `schemaPath: ${nullable(row.schemaPath, (v) => q(String(v)))}`,
    `hasPayload: ${row.hasPayload}`,
    `payloadFileName: ${nullable(row.payloadFileName, (v) => q(String(v)))}`,
    `role: ${nullable(row.role, (v) => q(String(v)))}`,
    `kind: ${q(row.kind)}`,
    `allowedReplies: ${list(row.allowedReplies)}`,
    `replyTo: ${list(row.replyTo)}`,
    `deadlineMs: ${nullable(row.deadlineMs, String)}`,
    `isError: ${row.isError}`,
  ];
  return `  {\n${fields.map((f) => `    ${f},`).join('\n')}\n  },`;
}

/**
 * Emits `registry.ts`: the message-type table as a constant, and the type-level maps over it
 * (`PayloadOf`, `RequestType`, `ReplyType`, `AllowedReplyOf`).
 */
export function emitRegistry(specs: readonly ProtocolVersionSpec[]): string {
  const rows = registryRows(specs);
  const imports = specs
    .map((spec) => ({ names: payloadTypesOf(spec).map((p) => p.name), module: payloadTypesModuleName(spec) }))
    .filter((i) => i.names.length > 0)
    .map((i) => typeImport('import', i.names, `./types/${i.module.replace(/\.ts$/, '.js')}`));
  const payloadMap = specs.flatMap((spec) => payloadTypesOf(spec).map((p) => `  ${q(p.type)}: ${p.name};`));
  const sources = specs.map((s) => `${s.path}/meldingstyper.json`);
  return `${generatedBanner('*/*/meldingstyper.json', sources)}
${imports.join('\n')}${imports.length > 0 ? '\n\n' : ''}/** Every message type of every protocol version: the table the dispatcher, sender and harness read. */
export const messageTypes = [
${rows.map(emitRow).join('\n')}
] as const;

/** One row of {@link messageTypes}. */
export type MessageTypeEntry = (typeof messageTypes)[number];

/** Every message type string. */
export type MessageType = MessageTypeEntry['type'];

/** The message types a klient or tjener sends to start an exchange. */
export type RequestType = Extract<MessageTypeEntry, { kind: 'request' }>['type'];

/** The message types that answer a request (results, receipts and errors). */
export type ReplyType = Extract<MessageTypeEntry, { kind: 'reply' }>['type'];

/** The message types that may answer the request \`Req\`. */
export type AllowedReplyOf<Req extends RequestType> = Extract<MessageTypeEntry, { type: Req }>['allowedReplies'][number];

/** Message type → payload interface. */
export interface PayloadMap {
${payloadMap.join('\n')}${payloadMap.length > 0 ? '\n' : ''}}

/** The payload interface of message type \`T\`. */
export type PayloadOf<T extends keyof PayloadMap> = PayloadMap[T];
`;
}
