// Debian's chromium driven by playwright-core, for the tests that look at a page in a real browser:
// whether the browser is there, a headless launch without network side traffic, and the page's
// console errors and warnings.
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { missing } from '../../../../scripts/test-support/services.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether chromium is installed; when it is not, says so (failing under REQUIRE_SERVICES=1) and returns false. */
export function chromiumAvailable(suite: string): boolean {
  return existsSync(CHROMIUM) || missing(`no browser at ${CHROMIUM}`, suite, 'apt-get install chromium');
}

/** Launches chromium headless, with no background traffic of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Collects the page's console errors and warnings and its uncaught errors, one line each. */
export function pageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}
