import {
  addBankingDays,
  addDays,
  addMonths,
  type CalendarDate,
  dayOfWeek,
  isCalendarDate,
  nextBankingDay,
} from '@fiks-faktura/sdk';
import type { DateStep, Expression, Operand, Reference } from './placeholder-syntax.js';
import type { Profile } from './profile.js';
import type { LedgerInvoice, LedgerPayer, ResolvedLedger } from './resolved-ledger.js';
import { SuiteError } from './suite-error.js';

/** What placeholders resolve against, for one case in one run. */
export interface PlaceholderScope {
  ledger: ResolvedLedger;
  profile: Profile;
  /** `${foresporselId:n}` is `uuids(n)`: the same UUID for the same n within a case. */
  uuid(index: number): string;
  /** `${now}`. */
  now(): string;
  /** Records the fixture invoices and payers the case refers to. */
  touched: { invoices: Set<string>; payers: Set<string> };
  /** Names the case and file in errors. */
  where: string;
}

/** Evaluates one parsed placeholder. */
export function evaluate(expression: Expression, source: string, scope: PlaceholderScope): unknown {
  switch (expression.kind) {
    case 'uuid':
      return scope.uuid(expression.index);
    case 'now':
      return scope.now();
    case 'date':
      return evaluateDate(expression.operands, expression.after, source, scope);
    case 'sum':
      return evaluateSum(expression.operands, source, scope);
  }
}

function evaluateSum(operands: Operand[], source: string, scope: PlaceholderScope): unknown {
  const [first, ...rest] = operands;
  if (first === undefined) throw typeError(scope, source, 'empty expression');
  if (first.unit !== undefined || rest.some((o) => o.unit !== undefined)) {
    throw typeError(scope, source, 'units (days, months, bankingDays) belong in date arithmetic (date:…)');
  }
  const head = operandValue(first, source, scope);
  if (rest.length === 0 && first.sign === 1) return head;
  let total = 0;
  for (const operand of operands) {
    const value = operandValue(operand, source, scope);
    if (typeof value !== 'number')
      throw typeError(
        scope,
        source,
        `arithmetic needs numbers, ${describe(operand)} is ${JSON.stringify(value)}`,
      );
    total += operand.sign * value;
  }
  return total;
}

function evaluateDate(
  operands: Operand[],
  after: DateStep[],
  source: string,
  scope: PlaceholderScope,
): CalendarDate {
  const [base, ...rest] = operands;
  if (base === undefined || base.value.kind !== 'ref' || base.sign !== 1) {
    throw typeError(scope, source, 'a date starts with today or a date reference');
  }
  const start = operandValue(base, source, scope);
  if (!isCalendarDate(start)) throw typeError(scope, source, `${describe(base)} is not a date`);
  let date = addOperands(start, rest, source, scope);
  for (const step of after) {
    if (step.modifier === 'banking') date = nextBankingDay(date);
    else date = addDays(date, (6 - dayOfWeek(date) + 7) % 7);
    date = addOperands(date, step.operands, source, scope);
  }
  return date;
}

function addOperands(
  start: CalendarDate,
  operands: Operand[],
  source: string,
  scope: PlaceholderScope,
): CalendarDate {
  let date = start;
  for (const operand of operands) {
    const n = operandValue(operand, source, scope);
    if (typeof n !== 'number' || !Number.isInteger(n)) {
      throw typeError(scope, source, `${describe(operand)} is not a whole number`);
    }
    const amount = operand.sign * n;
    if (operand.unit === 'months') date = addMonths(date, amount);
    else if (operand.unit === 'bankingDays') date = addBankingDays(date, amount);
    else date = addDays(date, amount);
  }
  return date;
}

function operandValue(operand: Operand, source: string, scope: PlaceholderScope): unknown {
  return operand.value.kind === 'int' ? operand.value.value : lookup(operand.value, source, scope);
}

function describe(operand: Operand): string {
  return operand.value.kind === 'int' ? String(operand.value.value) : operand.value.path.join('.');
}

/** Resolves a reference: `today`, `kommune.*`, `payer.*`, `unit.*`, `invoice.*`, `profile.*`. */
export function lookup(ref: Reference, source: string, scope: PlaceholderScope): unknown {
  const [root, ...path] = ref.path;
  const unknown = (what: string) =>
    new SuiteError('PLACEHOLDER_UNKNOWN', `${scope.where}: \${${source}}: ${what}`, {
      details: { placeholder: source },
    });
  switch (root) {
    case 'today':
      if (path.length > 0) throw unknown('"today" has no fields');
      return scope.ledger.today;
    case 'kommune':
      return field(scope.ledger.kommune, path, unknown, 'kommune');
    case 'payer': {
      const [id, ...rest] = path;
      const payer = scope.ledger.payers.get(id ?? '');
      if (payer === undefined) throw unknown(`no fixture payer "${id ?? ''}"`);
      scope.touched.payers.add(payer.id);
      return payerField(payer, rest, unknown);
    }
    case 'unit': {
      const [id, ...rest] = path;
      const unit = scope.ledger.units.get(id ?? '');
      if (unit === undefined) throw unknown(`no fixture unit "${id ?? ''}"`);
      if (rest.length === 1 && rest[0] === 'responseBankingDays') {
        const days = scope.profile.comments.responseBankingDays;
        if (days === null)
          throw unknown('the profile promises no answer time (comments.responseBankingDays is null)');
        return days.perUnit[unit.fixtureId] ?? days.default;
      }
      return field(unit, rest, unknown, `unit ${id}`);
    }
    case 'invoice': {
      const [number, ...rest] = path;
      const invoice = scope.ledger.invoices.get(number ?? '');
      if (invoice === undefined) throw unknown(`no fixture invoice "${number ?? ''}"`);
      scope.touched.invoices.add(invoice.fixtureNumber);
      return invoiceField(invoice, rest, scope, unknown);
    }
    case 'profile':
      return field(scope.profile, path, unknown, 'the profile');
    default:
      throw unknown(`unknown root "${root ?? ''}" (known: today, kommune, payer, unit, invoice, profile)`);
  }
}

type Unknown = (what: string) => SuiteError;

function payerField(payer: LedgerPayer, path: string[], unknown: Unknown): unknown {
  const [name, ...rest] = path;
  if (rest.length > 0) throw unknown(`payer fields have no sub-fields`);
  switch (name) {
    case 'innbygger':
      return { ...payer.innbygger };
    case 'foedselsnummer':
    case 'organisasjonsnummer': {
      const value = (payer.innbygger as Record<string, string>)[name];
      if (value === undefined) throw unknown(`payer ${payer.id} has no ${name}`);
      return value;
    }
    case 'navn':
    case 'id':
    case 'forsendelseskanal':
      return payer[name];
    default:
      throw unknown(
        `payer ${payer.id} has no field "${name ?? ''}" (innbygger, foedselsnummer, organisasjonsnummer, navn, forsendelseskanal)`,
      );
  }
}

const INVOICE_FIELDS = [
  'fakturanummer',
  'kid',
  'kontonummer',
  'produkttype',
  'ansvarligEnhet',
  'status',
  'kravnivaa',
  'fakturadato',
  'forfallsdato',
  'opprinneligForfallsdato',
  'beloepOere',
  'restbeloepOere',
] as const;

function invoiceField(
  invoice: LedgerInvoice,
  path: string[],
  scope: PlaceholderScope,
  unknown: Unknown,
): unknown {
  const [name, ...rest] = path;
  if (name === 'payer') {
    const payer = scope.ledger.payers.get(invoice.payerId);
    if (payer === undefined) throw unknown(`invoice ${invoice.fixtureNumber} has no payer`);
    scope.touched.payers.add(payer.id);
    return payerField(payer, rest, unknown);
  }
  if (rest.length > 0 || !(INVOICE_FIELDS as readonly string[]).includes(name ?? '')) {
    throw unknown(
      `invoice ${invoice.fixtureNumber} has no field "${path.join('.')}" (${INVOICE_FIELDS.join(', ')}, payer.*)`,
    );
  }
  return invoice[name as (typeof INVOICE_FIELDS)[number]];
}

function field(object: object, path: string[], unknown: Unknown, what: string): unknown {
  let current: unknown = object;
  for (const [i, name] of path.entries()) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, name)) {
      throw unknown(`${what} has no "${path.slice(0, i + 1).join('.')}"`);
    }
    current = (current as Record<string, unknown>)[name];
  }
  if (path.length === 0) throw unknown(`name a field of ${what}`);
  return typeof current === 'object' && current !== null ? structuredClone(current) : current;
}

function typeError(scope: PlaceholderScope, source: string, message: string): SuiteError {
  return new SuiteError('PLACEHOLDER_TYPE', `${scope.where}: \${${source}}: ${message}`, {
    details: { placeholder: source },
  });
}
