import { type loadProtocolSpecs, messageTypes } from '@fiks-faktura/sdk';
import type { CoverageItem } from './coverage-model.js';
import { type SchemaLocation, walkSchema } from './schema-walk.js';

type ProtocolVersionSpec = ReturnType<typeof loadProtocolSpecs>[number];

/** A point of the surface with what deciding whether it was exercised needs. */
export interface SurfacePoint extends Omit<CoverageItem, 'exercised'> {
  instancePath: readonly string[];
  /** For a branch: the subschema whose validity means the branch was taken, and whether valid means taken. */
  test?: { location: SchemaLocation; takenWhen: boolean };
}

/** A code list declared for a schema place (`brukesAv`), and whether it holds denial reasons. */
interface DeclaredList {
  navn: string;
  denialReasons: boolean;
}

/** The reason code list is the one used at `kodeverdi` of the version's `…felles.aarsak` schema (as the checks read it). */
function declaredLists(spec: ProtocolVersionSpec): Map<string, DeclaredList> {
  const lists = new Map<string, DeclaredList>();
  for (const list of spec.codeLists)
    for (const use of list.brukesAv)
      lists.set(`${use.schema}#${use.peker}`, {
        navn: list.navn,
        denialReasons: use.peker === '/properties/kodeverdi' && use.schema.endsWith('.aarsak.schema.json'),
      });
  return lists;
}

/**
 * The surface of one protocol version: every request field, every enum and code-list value (reason
 * codes apart), every conditional branch of every message type's schema, and every answer type
 * the catalogue allows per request type. Message types come from the generated registry, the
 * schemas and code lists from the protocol folder.
 */
export function protocolSurface(spec: ProtocolVersionSpec): SurfacePoint[] {
  const files = new Map(spec.schemas.map((s) => [s.fileName, s.schema]));
  const lists = declaredLists(spec);
  const entries = messageTypes.filter((m) => m.protocol === spec.protocol && m.version === spec.version);
  const points = new Map<string, SurfacePoint>();
  const add = (point: SurfacePoint) => {
    const key = [point.kind, point.messageType, point.path, point.value, point.branch].join('\u0000');
    if (!points.has(key)) points.set(key, point);
  };
  for (const entry of entries) {
    if (entry.hasPayload && files.has(entry.schemaId)) {
      walkSchema(files, entry.schemaId, ({ node, location, instancePath, property }) => {
        const base = {
          messageType: entry.type,
          path: instancePath.join('.').replaceAll('.[]', '[]'),
          instancePath,
        };
        if (entry.kind === 'request' && property !== undefined)
          add({ ...base, kind: 'field', value: null, branch: null, codeList: null });
        if (Array.isArray(node.enum)) {
          const list = lists.get(`${location.file}#${location.pointer}`);
          for (const value of node.enum.filter((v): v is string => typeof v === 'string'))
            add({
              ...base,
              kind: list?.denialReasons === true ? 'denial-reason' : 'value',
              value,
              branch: null,
              codeList: list?.navn ?? null,
            });
        }
        if (node.if !== undefined) {
          const condition = { file: location.file, pointer: `${location.pointer}/if` };
          for (const [branch, takenWhen] of [
            ['then', true],
            ['else', false],
          ] as const)
            add({
              ...base,
              kind: 'branch',
              value: null,
              branch,
              codeList: null,
              test: { location: condition, takenWhen },
            });
        }
        if (Array.isArray(node.oneOf))
          node.oneOf.forEach((alternative: unknown, i: number) => {
            const title = (alternative as { title?: unknown } | null)?.title;
            add({
              ...base,
              kind: 'branch',
              value: null,
              branch: `oneOf ${i + 1}${typeof title === 'string' ? ` (${title})` : ''}`,
              codeList: null,
              test: {
                location: { file: location.file, pointer: `${location.pointer}/oneOf/${i}` },
                takenWhen: true,
              },
            });
          });
      });
    }
    if (entry.kind === 'request')
      for (const reply of entry.allowedReplies)
        add({
          kind: 'reply-type',
          messageType: entry.type,
          path: '',
          instancePath: [],
          value: reply,
          branch: null,
          codeList: null,
        });
  }
  return [...points.values()];
}
