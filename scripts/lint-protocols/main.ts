// `npm run lint:protocols [-- --root DIR]`: checks every protocol version and the fixture ledger;
// prints one line per finding and exits 1 when there is any.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { formatFinding, lintProtocols } from './lint-protocols.js';
import { conformanceSummary } from './rules/conformance-coverage.js';

const { values } = parseArgs({ options: { root: { type: 'string' } } });
const root = values.root === undefined ? protocolsRoot : resolve(values.root);

const started = performance.now();
const findings = lintProtocols(root);
for (const finding of findings) console.log(formatFinding(finding));
for (const line of conformanceSummary(root)) console.log(line);
const elapsed = ((performance.now() - started) / 1000).toFixed(1);
if (findings.length > 0) {
  console.log(`${findings.length} finding(s) (${elapsed} s)`);
  process.exitCode = 1;
} else console.log(`protocols clean (${elapsed} s)`);
