import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFiksError } from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildRunReport, reportFormats, writeReports } from '../../../src/conformance/report/index.js';
import type { ReportErrorCode } from '../../../src/conformance/report/report-error.js';
import { reportSchemaErrors } from './report-schema.js';
import { caseResult, FNR, failingResult, runMeta } from './sample-results.js';
import { parseXml } from './xml-well-formed.js';

const report = buildRunReport(runMeta(), [caseResult(), failingResult()]);

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'conformance-report-'));
}

test('writes report.json, junit.xml and report.html into a new folder and returns their paths', async () => {
  const root = await scratch();
  try {
    const dir = join(root, 'a', 'b');
    const paths = await writeReports(dir, report);
    assert.equal(paths, [join(dir, 'report.json'), join(dir, 'junit.xml'), join(dir, 'report.html')]);
    assert.equal((await readdir(dir)).sort(), ['junit.xml', 'report.html', 'report.json']);
    const json = await readFile(paths[0]!, 'utf8');
    assert.equal(JSON.parse(json), JSON.parse(JSON.stringify(report)));
    assert.equal(reportSchemaErrors(JSON.parse(json)), []);
    const xml = await readFile(paths[1]!, 'utf8');
    assert.is(parseXml(xml).attributes['tests'], '2');
    assert.not.ok(json.includes(FNR) || xml.includes(FNR));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('replaces earlier reports in place', async () => {
  const root = await scratch();
  try {
    await writeFile(join(root, 'report.json'), 'old');
    await writeReports(root, report);
    assert.is.not(await readFile(join(root, 'report.json'), 'utf8'), 'old');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a failure leaves nothing partial and no temporary file, and says which file', async () => {
  const root = await scratch();
  try {
    await writeFile(join(root, 'report.json'), 'old');
    const failing = [
      reportFormats[0]!,
      {
        fileName: 'junit.xml',
        render: () => {
          throw Object.assign(new Error('render failed'), { code: 'EBOOM' });
        },
      },
    ];
    try {
      await writeReports(root, report, failing);
      assert.unreachable('should have thrown');
    } catch (error) {
      assert.ok(isFiksError<ReportErrorCode>(error, 'REPORT_WRITE_FAILED'), String(error));
      assert.match((error as Error).message, /junit\.xml: EBOOM/);
    }
    assert.equal(await readdir(root), ['report.json']);
    assert.is(await readFile(join(root, 'report.json'), 'utf8'), 'old');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a folder that cannot be created fails with REPORT_WRITE_FAILED naming it', async () => {
  const root = await scratch();
  try {
    await writeFile(join(root, 'file'), 'x');
    try {
      await writeReports(join(root, 'file', 'reports'), report);
      assert.unreachable('should have thrown');
    } catch (error) {
      assert.ok(isFiksError<ReportErrorCode>(error, 'REPORT_WRITE_FAILED'), String(error));
      assert.match((error as Error).message, /file\/reports/);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a read-only folder fails cleanly', async () => {
  if (process.getuid?.() === 0) return; // root writes anywhere
  const root = await scratch();
  const dir = join(root, 'ro');
  try {
    await mkdir(dir);
    await chmod(dir, 0o500);
    try {
      await writeReports(dir, report);
      assert.unreachable('should have thrown');
    } catch (error) {
      assert.ok(isFiksError<ReportErrorCode>(error, 'REPORT_WRITE_FAILED'), String(error));
    }
    assert.equal(await readdir(dir), []);
  } finally {
    await chmod(dir, 0o700).catch(() => {});
    await rm(root, { recursive: true, force: true });
  }
});

test.run();
