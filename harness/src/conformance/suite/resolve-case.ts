import { randomUUID } from 'node:crypto';
import type { CalendarDate } from '@fiks-faktura/sdk';
import type { Assertion, ResolvedAttachment, ResolvedCase, ResolvedStep } from '../model/resolved-case.js';
import {
  type CaseAssertion,
  fullMessageType,
  type SendDescriptor,
  type SuiteCase,
} from './case-descriptor.js';
import type { DataMap } from './data-map.js';
import { fillTemplate } from './fill-template.js';
import { applyPayloadEdits } from './generated/payload-edit.js';
import type { PlaceholderScope } from './placeholder-scope.js';
import type { Profile } from './profile.js';
import { unmetRequirement } from './requirements.js';
import { type ResolvedLedger, resolveLedger } from './resolved-ledger.js';
import { rfc3339WithOffset } from './rfc3339.js';
import { SuiteError } from './suite-error.js';

/** What a case is resolved against. */
export interface ResolveContext {
  /** The run's day: the seed day of the fixture ledger. */
  today: CalendarDate;
  profile: Profile;
  dataMap?: DataMap;
  /** The clock of `${now}` (default: the system clock). */
  now?: () => Date;
  /** The source of `${foresporselId}` UUIDs (default: random). */
  newUuid?: () => string;
  /** A ledger already resolved for `today` and `dataMap` (resolving many cases shares it). */
  ledger?: ResolvedLedger;
}

/**
 * Fills every template of a case: payloads, headers and assertion values, against the fixture
 * ledger (dates from `today`, the data map applied), the profile and fresh UUIDs. A case whose
 * `requires` the profile does not meet is still resolved, and gets `skip` with the reason.
 */
export function resolveCase(c: SuiteCase, ctx: ResolveContext): ResolvedCase {
  const ledger = ctx.ledger ?? resolveLedger(ctx.today, ctx.dataMap);
  const newUuid = ctx.newUuid ?? randomUUID;
  const clock = ctx.now ?? (() => new Date());
  const uuids = new Map<number, string>();
  const scope: PlaceholderScope = {
    ledger,
    profile: ctx.profile,
    uuid(index) {
      let uuid = uuids.get(index);
      if (uuid === undefined) {
        uuid = newUuid();
        uuids.set(index, uuid);
      }
      return uuid;
    },
    now: () => rfc3339WithOffset(clock()),
    touched: { invoices: new Set(), payers: new Set() },
    where: c.id,
  };
  const steps: ResolvedStep[] = [];
  c.descriptor.steps.forEach((step, i) => {
    const where = `${c.id} step ${i + 1}`;
    const expect = {
      replyTypes: (
        step.expect.replyTypes ?? (step.expect.replyType === undefined ? [] : [step.expect.replyType])
      ).map((t) => fullMessageType(c, t)),
      assertions: step.expect.assertions
        .filter(
          (a) => unmetRequirement(a.when ?? [], ctx.profile, `${where} assertion ${a.path}`) === undefined,
        )
        .map((a) => resolveAssertion(a, { ...scope, where: `${where} assertion ${a.path}` })),
    };
    if ('resend' in step || 'redeliver' in step) {
      const of = 'resend' in step ? step.resend : step.redeliver;
      const original = steps[of - 1];
      if (original === undefined)
        throw new SuiteError('CASE_INVALID', `${where}: repeats step ${of}, which is not an earlier step`);
      const { expiresUnread: _expired, redeliver: _redelivered, copies: _copies, ...request } = original;
      steps.push({
        ...request,
        kind: 'resend',
        resendOf: original.resendOf ?? of,
        ...('redeliver' in step ? { redeliver: true } : {}),
        expect,
      });
      return;
    }
    steps.push({ ...resolveSend(c, step.send, { ...scope, where }), kind: 'send', expect });
  });
  const skip = unmetRequirement(c.descriptor.requires ?? [], ctx.profile, c.id);
  return {
    id: c.id,
    protocol: c.protocol,
    version: c.version,
    title: c.descriptor.title,
    situation: c.descriptor.situation,
    spec: [...c.descriptor.spec],
    books: c.descriptor.books,
    invoices: [...scope.touched.invoices].sort(),
    steps,
    ...(skip === undefined ? {} : { skip }),
    ...(c.generated === true ? { generated: true } : {}),
    source: c.source,
  };
}

/** The fixture payers a case's templates refer to (resolved once against `ctx`), for lint. */
export function payersOf(c: SuiteCase, ctx: ResolveContext): string[] {
  const seen = new Set<string>();
  const ledger = ctx.ledger ?? resolveLedger(ctx.today, ctx.dataMap);
  for (const step of c.descriptor.steps) {
    if (!('send' in step) || step.send.payload === undefined) continue;
    const scope: PlaceholderScope = {
      ledger,
      profile: ctx.profile,
      uuid: () => '00000000-0000-4000-8000-000000000000',
      now: () => rfc3339WithOffset(new Date(0)),
      touched: { invoices: new Set(), payers: seen },
      where: c.id,
    };
    fillTemplate(readJson(c, step.send.payload, c.id), scope);
  }
  return [...seen].sort();
}

function resolveSend(
  c: SuiteCase,
  send: SendDescriptor,
  scope: PlaceholderScope,
): Omit<ResolvedStep, 'kind' | 'expect'> {
  const filled =
    send.payload === undefined ? undefined : fillTemplate(readJson(c, send.payload, scope.where), scope);
  const payload = c.payloadEdits === undefined ? filled : applyPayloadEdits(filled, c.payloadEdits);
  const attachments: ResolvedAttachment[] = (send.attachments ?? []).map((a) => {
    const data = c.files.get(a.file);
    if (data === undefined)
      throw new SuiteError('CASE_FILE_MISSING', `${scope.where}: attachment ${a.file} is not in ${c.source}`);
    return { name: a.name ?? a.file, mimeType: a.mimeType, data };
  });
  const headers = Object.fromEntries(
    Object.entries(send.headers ?? {}).map(([k, v]) => [k, String(fillTemplate(v, scope))]),
  );
  return {
    requestType: fullMessageType(c, send.type),
    payload: send.omitPayload === true ? undefined : payload,
    ...(send.omitPayload === true ? { omitPayload: true } : {}),
    ...(send.fault === undefined ? {} : { fault: send.fault }),
    ...(send.unknownType === true ? { unknownType: true } : {}),
    ...(send.expiresUnread === true ? { expiresUnread: true } : {}),
    ...(send.copies === undefined ? {} : { copies: send.copies }),
    ...(send.fromAnswer === undefined ? {} : { fromAnswer: send.fromAnswer }),
    attachments,
    headers,
  };
}

function resolveAssertion(a: CaseAssertion, scope: PlaceholderScope): Assertion {
  const { when: _when, ...resolved } = a;
  if (a.value !== undefined) resolved.value = fillTemplate(a.value, scope);
  if (a.values !== undefined) resolved.values = a.values.map((v) => fillTemplate(v, scope));
  return resolved;
}

function readJson(c: SuiteCase, file: string, where: string): unknown {
  const data = c.files.get(file);
  if (data === undefined)
    throw new SuiteError('CASE_FILE_MISSING', `${where}: template ${file} is not in ${c.source}`);
  try {
    return JSON.parse(data.toString('utf8'));
  } catch (error) {
    throw new SuiteError(
      'CASE_INVALID',
      `${where}: template ${c.source}/${file} is not JSON: ${(error as Error).message}`,
    );
  }
}
