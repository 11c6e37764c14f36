import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { AsiceContents } from '../../asice/asice-reader.js';
import type { ReceivedMessage } from '../../client/received-message.js';
import { isFiksError } from '../../errors/fiks-error.js';
import { defineCommand } from '../command-spec.js';
import { readInputFile } from '../input-file.js';
import { positiveInteger } from '../option-values.js';

interface ListenArgs {
  config: string;
  count?: number;
  out?: string;
  'answer-type'?: string;
  'answer-file'?: string;
}

/** The name an answer file travels under: the catalogue's payload file name for protocol types. */
async function answerFileName(meldingType: string, path: string): Promise<string> {
  const { messageTypes } = await import('../../generated/registry.js');
  return messageTypes.find((m) => m.type === meldingType)?.payloadFileName ?? basename(path);
}

/** The line `fiks-io listen` prints on stderr once it consumes its queue. */
export interface ListenReadyLine {
  ready: true;
  kontoId: string;
}

function describe(message: ReceivedMessage, opened: AsiceContents | undefined, error: unknown) {
  const signer = opened?.signature.status === 'verified' ? opened.signature.signer : undefined;
  return {
    meldingId: message.meldingId,
    meldingType: message.meldingType,
    avsenderKontoId: message.avsenderKontoId,
    svarPaMelding: message.svarPaMelding ?? null,
    headere: message.headere,
    resendt: message.resendt,
    files: (opened?.files ?? []).map(({ name, size, sha256 }) => ({ name, size, sha256 })),
    signer: signer === undefined ? null : { subject: signer.subject, serialNumber: signer.serialNumber },
    ...(error === undefined
      ? {}
      : {
          error: isFiksError(error)
            ? { code: error.code, message: error.message }
            : { code: 'INTERNAL_ERROR', message: String(error) },
        }),
  };
}

/**
 * `fiks-io listen --config FILE [--count N] [--out DIR] [--answer-type TYPE --answer-file FILE]`:
 * one JSON line per received message on stdout, payload files under `DIR/<meldingId>/`; with the
 * answer options, replies to each message before acknowledging it. Once it consumes its queue it
 * prints one JSON line `{"ready":true,"kontoId":…}` on stderr (stdout holds only messages).
 */
export const listenCommand = defineCommand<ListenArgs>({
  name: 'listen',
  describe: "Receive messages on the account's queue (and optionally answer each)",
  options: {
    config: { type: 'string', required: true, placeholder: 'FILE', describe: 'SDK config file (JSON)' },
    count: {
      type: 'number',
      placeholder: 'N',
      coerce: positiveInteger('--count'),
      describe: 'Exit after N messages',
    },
    out: { type: 'string', placeholder: 'DIR', describe: 'Save payload files under DIR/<meldingId>/' },
    'answer-type': {
      type: 'string',
      placeholder: 'TYPE',
      requires: 'answer-file',
      describe: 'Reply to each message with this type',
    },
    'answer-file': {
      type: 'string',
      placeholder: 'FILE',
      requires: 'answer-type',
      describe: 'The reply payload file',
    },
  },
  run: async (args) => {
    const answer =
      args['answer-type'] === undefined || args['answer-file'] === undefined
        ? undefined
        : {
            type: args['answer-type'],
            name: await answerFileName(args['answer-type'], args['answer-file']),
            data: await readInputFile(args['answer-file'], '--answer-file'),
          };
    const { createFiksIoClientFromFile } = await import('../../client/create-fiks-io-client.js');
    const { client } = await createFiksIoClientFromFile(args.config);
    let seen = 0;
    let failure: unknown;
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const stop = () => finish();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await client.subscribe(async (message) => {
      if (args.count !== undefined && seen >= args.count) {
        await message.nackWithRequeue();
        return;
      }
      seen += 1;
      let opened: AsiceContents | undefined;
      let error: unknown;
      const scratch = args.out === undefined ? await mkdtemp(join(tmpdir(), 'fiks-io-listen-')) : undefined;
      try {
        if (message.harPayload)
          opened = await message.openPayload({ outDir: join(args.out ?? scratch!, message.meldingId) });
      } catch (caught) {
        error = caught;
      } finally {
        if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
      }
      process.stdout.write(`${JSON.stringify(describe(message, opened, error))}\n`);
      try {
        if (answer !== undefined && message.platformMessage === undefined)
          await message.reply(answer.type, [{ name: answer.name, data: answer.data }]);
        await message.ack();
      } catch (caught) {
        failure = caught;
        await message.nackWithRequeue().catch(() => undefined);
        finish();
        return;
      }
      if (args.count !== undefined && seen >= args.count) finish();
    });
    const ready: ListenReadyLine = { ready: true, kontoId: client.kontoId };
    process.stderr.write(`${JSON.stringify(ready)}\n`);
    await done;
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await client.close({ graceMs: 5000 });
    if (failure !== undefined) throw failure;
  },
});
