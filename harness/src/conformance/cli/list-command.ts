import { defineCommand } from '@fiks-faktura/sdk/cli';
import { countCases, describeCaseCounts, listCases, loadSuite, selectCases } from '../suite/index.js';

interface ListArgs {
  generated: boolean;
  dropped: boolean;
  protocol?: string[];
  situation?: 'N' | 'F';
  json: boolean;
}

/**
 * `fiks-conformance list`: one case a line (id, situation, title, spec clauses) on stdout, and on
 * stderr a closing line with the count per protocol (hand-written N and F, generated); or JSON. `--dropped` lists the
 * negative cases the generator could not make fail for one reason alone, with why.
 */
export const listCommand = defineCommand<ListArgs>({
  name: 'list',
  describe: 'List the cases of the suite: id, situation, title and the clauses they exercise',
  options: {
    generated: { type: 'boolean', default: false, describe: 'include the generated cases' },
    protocol: { type: 'string', repeatable: true, placeholder: 'NAME', describe: 'only this protocol' },
    situation: { type: 'string', choices: ['N', 'F'], describe: 'only N or F cases' },
    dropped: {
      type: 'boolean',
      default: false,
      describe: 'list the schema mutations the generator dropped, and why',
    },
    json: { type: 'boolean', default: false, describe: 'one JSON array instead of lines' },
  },
  run: (args) => {
    const suite = loadSuite();
    const matching = selectCases(suite, {
      ...(args.protocol === undefined ? {} : { protocols: args.protocol }),
      ...(args.situation === undefined ? {} : { situation: args.situation }),
    });
    const selected = matching.filter((c) => args.generated || c.generated !== true);
    const rows = listCases({ ...suite, cases: selected });
    if (args.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    const width = Math.max(...rows.map((r) => r.id.length));
    for (const row of rows)
      process.stdout.write(
        `${row.id.padEnd(width)}  ${row.situation}  ${row.title}  [${row.spec.join(', ')}]\n`,
      );
    if (args.dropped)
      for (const d of suite.dropped ?? [])
        process.stdout.write(`dropped: ${d.requestType} ${d.kind} ${d.felt || '/'}: ${d.reason}\n`);
    // The counts go to stderr, so stdout stays one case a line for scripts.
    process.stderr.write(`${describeCaseCounts(countCases(matching))}\n`);
  },
});
