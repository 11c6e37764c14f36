import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { renderHtmlReport } from './html/render-html-report.js';
import { writeJunitXml } from './junit-xml.js';
import { ReportError } from './report-error.js';
import type { RunReport } from './run-report.js';

/** One file of the report folder: its name and how it is rendered from the report. */
export interface ReportFormat {
  fileName: string;
  render(report: RunReport): string;
}

/** The files `writeReports` writes, in order. */
export const reportFormats: readonly ReportFormat[] = [
  { fileName: 'report.json', render: (report) => `${JSON.stringify(report, null, 2)}\n` },
  { fileName: 'junit.xml', render: writeJunitXml },
  { fileName: 'report.html', render: renderHtmlReport },
];

/**
 * Writes the report files (`report.json`, `junit.xml`, `report.html`) into `dir`, creating it, and
 * returns their paths. Every file is rendered and written to a temporary file beside its final name first, and
 * only then renamed into place, so a reader never sees a half-written file and a failure leaves no
 * partial or temporary file behind. Throws `REPORT_WRITE_FAILED` naming the folder or file.
 */
export async function writeReports(
  dir: string,
  report: RunReport,
  formats: readonly ReportFormat[] = reportFormats,
): Promise<string[]> {
  const folder = resolve(dir);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new ReportError(
      'REPORT_WRITE_FAILED',
      `cannot create the report folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { cause: error },
    );
  }
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const files = formats.map((f) => ({
    format: f,
    path: join(folder, f.fileName),
    temp: join(folder, `.${f.fileName}.${tag}.tmp`),
  }));
  let current = files[0]?.path ?? folder;
  try {
    for (const file of files) {
      current = file.path;
      await writeFile(file.temp, file.format.render(report), { encoding: 'utf8', flag: 'wx' });
    }
    for (const file of files) {
      current = file.path;
      await rename(file.temp, file.path);
    }
  } catch (error) {
    await Promise.all(files.map((f) => rm(f.temp, { force: true })));
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ReportError('REPORT_WRITE_FAILED', `cannot write the report file ${current}: ${why}`, {
      cause: error,
    });
  }
  return files.map((f) => f.path);
}
