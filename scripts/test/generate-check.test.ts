import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const goodRoot = fileURLToPath(new URL('./fixtures/good/', import.meta.url));
const P = 'no.ks.fiks.faktura.proeve';

function generate(root: string, out: string, ...args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/generate/main.ts', '--root', root, '--out', out, ...args],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const work = mkdtempSync(join(tmpdir(), 'generate-check-'));
const out = join(work, 'generated');

test('generate writes the types, registry and index; --check then passes and writes nothing', () => {
  assert.is(generate(goodRoot, out).status, 0);
  assert.equal(readdirSync(out).sort(), ['index.ts', 'registry.ts', 'types']);
  assert.equal(readdirSync(join(out, 'types')), [`${P}.v1.ts`]);
  const check = generate(goodRoot, out, '--check');
  assert.is(check.status, 0, check.output);
});

test('--check fails on a stale, a missing and an obsolete file, naming each, and changes nothing', () => {
  const registry = join(out, 'registry.ts');
  writeFileSync(registry, `${readFileSync(registry, 'utf8')}// edited by hand\n`);
  rmSync(join(out, 'index.ts'));
  writeFileSync(join(out, 'types', 'old.v0.ts'), 'export {};\n');
  const check = generate(goodRoot, out, '--check');
  assert.is(check.status, 1);
  assert.match(check.output, 'stale: registry.ts');
  assert.match(check.output, 'missing: index.ts');
  assert.match(check.output, 'obsolete: types/old.v0.ts');
  assert.ok(readFileSync(registry, 'utf8').endsWith('// edited by hand\n'), '--check must not write');
  assert.not.ok(existsSync(join(out, 'index.ts')));
  assert.is(generate(goodRoot, out).status, 0);
  assert.not.ok(existsSync(join(out, 'types', 'old.v0.ts')), 'an obsolete file is removed');
  assert.is(generate(goodRoot, out, '--check').status, 0);
});

test('a v2 folder (a copy with renamed type strings) is picked up with no code change', () => {
  const root = join(work, 'protocols');
  cpSync(goodRoot, root, { recursive: true });
  const v2 = join(root, P, 'v2');
  cpSync(join(root, P, 'v1'), v2, { recursive: true });
  const rename = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const renamed = join(dir, entry.name.replaceAll(`${P}.v1.`, `${P}.v2.`));
      if (entry.isDirectory()) rename(path);
      else
        writeFileSync(
          path,
          readFileSync(path, 'utf8').replaceAll(`${P}.v1`, `${P}.v2`).replaceAll('"v1"', '"v2"'),
        );
      if (renamed !== path) renameSync(path, renamed);
    }
  };
  rename(v2);
  const out2 = join(work, 'generated-v2');
  const result = generate(root, out2);
  assert.is(result.status, 0, result.output);
  assert.equal(readdirSync(join(out2, 'types')), [`${P}.v1.ts`, `${P}.v2.ts`]);
  const registry = readFileSync(join(out2, 'registry.ts'), 'utf8');
  assert.match(registry, `type: '${P}.v2.opprett'`);
  assert.match(registry, `'${P}.v2.opprett': ProeveV2OpprettPayload;`);
  assert.match(
    readFileSync(join(out2, 'types', `${P}.v2.ts`), 'utf8'),
    'export interface ProeveV2OpprettPayload {',
  );
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test.run();
