import { badOptionValue, integerInRange, type OptionSpec, positiveInteger } from '@fiks-faktura/sdk/cli';
import { portOption } from '../../emulator/emulator-start-options.js';

/** The options of `fiks-conformance run`, as parsed. */
export interface RunArgs {
  target: 'embedded' | 'local' | 'remote';
  config?: string;
  vendor?: string;
  'vendor-cert'?: string;
  emulator?: string;
  'emulator-token'?: string;
  broker: string;
  'write-configs'?: string;
  wait: number;
  port?: number;
  protocol?: string[];
  case?: string[];
  situation?: 'N' | 'F';
  generated: boolean;
  repeat: number;
  concurrency: number;
  'report-dir'?: string;
  evidence?: string;
  'expect-failures'?: string;
  'data-map'?: string;
  profile?: string;
  today?: string;
  'fail-fast': boolean;
  dashboard?: string;
  'dashboard-keep': boolean;
  'min-coverage'?: number;
}

/** `--min-coverage`: a percentage from 0 to 100. */
function percentage(value: number): number {
  if (!(value >= 0 && value <= 100))
    throw badOptionValue('--min-coverage', value, 'a percentage from 0 to 100');
  return value;
}

/** The flags of `fiks-conformance run`. */
export const RUN_OPTIONS = {
  target: {
    type: 'string',
    choices: ['embedded', 'local', 'remote'],
    default: 'embedded',
    describe:
      'embedded: emulator and reference ERP in this process; local: an emulator for your system; remote: any Fiks IO',
  },
  config: {
    type: 'string',
    placeholder: 'FILE',
    describe: "SDK config file of the harness's own account (remote; local with --emulator)",
  },
  vendor: {
    type: 'string',
    placeholder: 'KONTO-ID',
    describe: "The invoicing system's account (kontoId) under test",
  },
  'vendor-cert': {
    type: 'string',
    placeholder: 'FILE',
    describe: 'PEM certificate the vendor signs with (default: its catalog certificate)',
  },
  'emulator-token': {
    type: 'string',
    placeholder: 'TOKEN',
    requires: 'emulator',
    describe:
      "local: the emulator's control token, when it listens beyond loopback (its ready line gives it)",
  },
  emulator: {
    type: 'string',
    placeholder: 'URL',
    describe: 'URL of a running emulator (local), for its timeline',
  },
  broker: {
    type: 'string',
    default: 'memory',
    placeholder: 'URL',
    describe: 'local: memory, or a RabbitMQ URL amqp://…',
  },
  'write-configs': {
    type: 'string',
    placeholder: 'DIR',
    describe: "local: folder for the accounts' SDK config files",
  },
  wait: {
    type: 'number',
    default: 120,
    placeholder: 'SECONDS',
    coerce: integerInRange('--wait', 0, Number.MAX_SAFE_INTEGER, 'a whole number of seconds ≥ 0'),
    describe: "local: seconds to wait for the vendor's system to connect",
  },
  port: {
    type: 'number',
    placeholder: 'PORT',
    coerce: portOption,
    describe: "local: the emulator's HTTP port (default: a free one)",
  },
  protocol: {
    type: 'string',
    repeatable: true,
    placeholder: 'NAME',
    describe: 'only this protocol (no.ks.fiks.faktura.<p>)',
  },
  case: {
    type: 'string',
    repeatable: true,
    placeholder: 'GLOB',
    describe: 'only cases whose id matches this glob (* and ?)',
  },
  situation: { type: 'string', choices: ['N', 'F'], describe: 'only normal (N) or error (F) situations' },
  generated: {
    type: 'boolean',
    default: true,
    describe: 'include generated cases (--no-generated: leave them out)',
  },
  repeat: {
    type: 'number',
    default: 1,
    coerce: positiveInteger('--repeat'),
    describe: 'run every case N times; differing verdicts are unstable',
  },
  concurrency: {
    type: 'number',
    default: 8,
    coerce: positiveInteger('--concurrency'),
    describe: 'cases in flight at once',
  },
  'report-dir': {
    type: 'string',
    placeholder: 'DIR',
    describe: 'write report.json, junit.xml and report.html here',
  },
  evidence: {
    type: 'string',
    placeholder: 'FILE',
    describe: 'write a signed evidence bundle of the run to this file (check it with `verify`)',
  },
  'expect-failures': {
    type: 'string',
    placeholder: 'FILE',
    describe: 'known failures, each with a reason (JSON)',
  },
  'data-map': {
    type: 'string',
    placeholder: 'FILE',
    describe: 'map the fixture ledger to your own test data (JSON)',
  },
  profile: {
    type: 'string',
    placeholder: 'FILE',
    describe: "the municipality's policy (JSON; default: the reference ERP's)",
  },
  today: {
    type: 'string',
    placeholder: 'YYYY-MM-DD',
    describe: "the run's day (default: today in Norway)",
  },
  'fail-fast': { type: 'boolean', default: false, describe: 'stop after the first failing case' },
  dashboard: {
    type: 'string',
    valueIfBare: '',
    placeholder: 'PORT',
    describe:
      'serve a live page of the run on 127.0.0.1:PORT (no PORT or 0: a free port; the URL goes to stderr)',
  },
  'dashboard-keep': {
    type: 'boolean',
    default: false,
    requires: 'dashboard',
    describe: 'keep serving the finished run on the dashboard until Ctrl-C',
  },
  'min-coverage': {
    type: 'number',
    placeholder: 'PCT',
    coerce: percentage,
    describe:
      'fail the run (exit 1) when the protocol-surface coverage is below PCT percent (exit 2 when every case errored)',
  },
} as const satisfies Record<string, OptionSpec>;
