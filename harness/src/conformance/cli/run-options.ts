import type { Argv } from 'yargs';

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

/** Declares the options of `fiks-conformance run`. */
export function runOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('target', {
      choices: ['embedded', 'local', 'remote'] as const,
      default: 'embedded' as const,
      describe:
        'embedded: emulator and reference ERP in this process; local: an emulator for your system; remote: any Fiks IO',
    })
    .option('config', {
      type: 'string',
      describe: "SDK config file of the harness's own account (remote; local with --emulator)",
    })
    .option('vendor', { type: 'string', describe: "The invoicing system's account (kontoId) under test" })
    .option('vendor-cert', {
      type: 'string',
      describe: 'PEM certificate the vendor signs with (default: its catalog certificate)',
    })
    .option('emulator-token', {
      type: 'string',
      describe:
        "local: the emulator's control token, when it listens beyond loopback (its ready line gives it)",
    })
    .option('emulator', { type: 'string', describe: 'URL of a running emulator (local), for its timeline' })
    .option('broker', {
      type: 'string',
      default: 'memory',
      describe: 'local: memory, or a RabbitMQ URL amqp://…',
    })
    .option('write-configs', { type: 'string', describe: "local: folder for the accounts' SDK config files" })
    .option('wait', {
      type: 'number',
      default: 120,
      describe: "local: seconds to wait for the vendor's system to connect",
    })
    .option('port', { type: 'number', describe: "local: the emulator's HTTP port (default: a free one)" })
    .option('protocol', {
      type: 'string',
      array: true,
      describe: 'only this protocol (no.ks.fiks.faktura.<p>); repeatable',
    })
    .option('case', {
      type: 'string',
      array: true,
      describe: 'only cases whose id matches this glob (* and ?); repeatable',
    })
    .option('situation', {
      choices: ['N', 'F'] as const,
      describe: 'only normal (N) or error (F) situations',
    })
    .option('generated', {
      type: 'boolean',
      default: true,
      describe: 'include generated cases (--no-generated: leave them out)',
    })
    .option('repeat', {
      type: 'number',
      default: 1,
      describe: 'run every case N times; differing verdicts are unstable',
    })
    .option('concurrency', { type: 'number', default: 8, describe: 'cases in flight at once' })
    .option('report-dir', { type: 'string', describe: 'write report.json, junit.xml and report.html here' })
    .option('evidence', {
      type: 'string',
      describe: 'write a signed evidence bundle of the run to this file (check it with `verify`)',
    })
    .option('expect-failures', { type: 'string', describe: 'known failures, each with a reason (JSON)' })
    .option('data-map', { type: 'string', describe: 'map the fixture ledger to your own test data (JSON)' })
    .option('profile', {
      type: 'string',
      describe: "the municipality's policy (JSON; default: the reference ERP's)",
    })
    .option('today', { type: 'string', describe: "the run's day, YYYY-MM-DD (default: today in Norway)" })
    .option('fail-fast', { type: 'boolean', default: false, describe: 'stop after the first failing case' })
    .option('dashboard', {
      type: 'string',
      describe:
        'serve a live page of the run on 127.0.0.1:PORT (no PORT or 0: a free port; the URL goes to stderr)',
    })
    .option('dashboard-keep', {
      type: 'boolean',
      default: false,
      describe: 'keep serving the finished run on the dashboard until Ctrl-C',
    })
    .option('min-coverage', {
      type: 'number',
      describe: 'fail the run (exit 1) when the protocol-surface coverage is below PCT percent',
    });
}
