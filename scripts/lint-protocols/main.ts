// `npm run lint:protocols [-- --root DIR]`: checks every protocol version and the fixture ledger;
// prints one line per finding and exits 1 when there is any.
import { resolve } from 'node:path';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { defineCommand, runSingleCommand } from '@fiks-faktura/sdk/cli';
import { formatFinding, lintProtocols } from './lint-protocols.js';
import { conformanceSummary } from './rules/conformance-coverage.js';

await runSingleCommand({
  scriptName: 'lint:protocols',
  command: defineCommand<{ root?: string }>({
    name: 'lint:protocols',
    describe: 'Checks every protocol version and the fixture ledger; prints one line per finding.',
    options: {
      root: {
        type: 'string',
        placeholder: 'DIR',
        describe: 'The protocols folder (default: the protocols package)',
      },
    },
    exitCodes: [
      { code: 0, meaning: 'the protocols are clean' },
      { code: 1, meaning: 'at least one finding' },
    ],
    run: (args) => lint(args.root === undefined ? protocolsRoot : resolve(args.root)),
  }),
});

function lint(root: string): void {
  const started = performance.now();
  const findings = lintProtocols(root);
  for (const finding of findings) console.log(formatFinding(finding));
  for (const line of conformanceSummary(root)) console.log(line);
  const elapsed = ((performance.now() - started) / 1000).toFixed(1);
  if (findings.length > 0) {
    console.log(`${findings.length} finding(s) (${elapsed} s)`);
    process.exitCode = 1;
  } else console.log(`protocols clean (${elapsed} s)`);
}
