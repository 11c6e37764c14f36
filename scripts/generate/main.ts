// `npm run generate [-- --check] [--root DIR] [--out DIR]`: writes the payload types and the
// message-type registry for every protocol version into sdk/src/generated. With --check it writes
// nothing and exits 1 when any generated file is stale, missing or obsolete, naming each.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { defineCommand, runSingleCommand } from '@fiks-faktura/sdk/cli';
import { loadProtocolSpecs } from '../../sdk/src/protocol-spec/index.js';
import { generatedFiles } from './generated-files.js';
import { diffGeneratedOutput, writeGeneratedOutput } from './generated-output-diff.js';

const defaultOut = fileURLToPath(new URL('../../sdk/src/generated/', import.meta.url));

await runSingleCommand({
  scriptName: 'generate',
  command: defineCommand<{ check: boolean; root?: string; out?: string }>({
    name: 'generate',
    describe:
      'Writes the payload types and the message-type registry of every protocol version into sdk/src/generated.',
    options: {
      check: {
        type: 'boolean',
        default: false,
        describe: 'Write nothing; exit 1 when a generated file is stale, missing or obsolete',
      },
      root: {
        type: 'string',
        placeholder: 'DIR',
        describe: 'The protocols folder (default: the protocols package)',
      },
      out: {
        type: 'string',
        placeholder: 'DIR',
        describe: 'Where the generated files go (default: sdk/src/generated)',
      },
    },
    exitCodes: [
      { code: 0, meaning: 'written, or (--check) up to date' },
      {
        code: 1,
        meaning: '(--check) out of date; or the protocols could not be read ("generate: CODE: message")',
      },
    ],
    run: generate,
  }),
});

async function generate(values: { check?: boolean; root?: string; out?: string }): Promise<void> {
  const root = values.root === undefined ? protocolsRoot : resolve(values.root);
  const outDir = values.out === undefined ? defaultOut : resolve(values.out);

  const wanted = await generatedFiles(loadProtocolSpecs(root));
  if (values.check) {
    const diff = diffGeneratedOutput(outDir, wanted);
    const lines = [
      ...diff.changed.map((f) => `stale: ${f}`),
      ...diff.added.map((f) => `missing: ${f}`),
      ...diff.removed.map((f) => `obsolete: ${f}`),
    ];
    if (lines.length > 0) {
      for (const line of lines) console.error(line);
      console.error(
        `${lines.length} generated file(s) out of date; run \`npm run generate\` and commit the result`,
      );
      process.exitCode = 1;
    } else console.log(`${wanted.size} generated files up to date`);
  } else {
    const diff = writeGeneratedOutput(outDir, wanted);
    const touched = diff.changed.length + diff.added.length + diff.removed.length;
    console.log(`${wanted.size} generated files, ${touched} changed`);
  }
}
