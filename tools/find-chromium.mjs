// Finds a Chromium for Playwright (used by playwright.config.ts and tools/run-tests.mjs).
//
// Order:
//   1. $ALTSCRIBE_CHROMIUM, then $CHROMIUM_PATH (if set, it must exist),
//   2. system browsers: /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome(-stable),
//      the macOS app bundles, the usual Windows install paths,
//   3. Playwright's own downloaded browser (returns undefined = let Playwright use its default).
// If nothing is found and we're not on CI, `npx playwright install chromium` is tried once per run
// (works on a laptop with network access); otherwise it throws with instructions.
//
// CLI: `node tools/find-chromium.mjs [--no-install]` prints the path (or "playwright-default") and exits 0,
// or prints how to install Chromium and exits 1.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ENV_VARS = ['ALTSCRIBE_CHROMIUM', 'CHROMIUM_PATH'];
/** Set once the install was attempted; inherited by Playwright's worker processes, so it's tried once per run. */
const INSTALL_TRIED_ENV = 'ALTSCRIBE_PLAYWRIGHT_INSTALL_TRIED';

export const INSTALL_HELP = [
  'No Chromium found for the end-to-end tests. Install one of:',
  '  Debian/Ubuntu:  apt-get install -y chromium      (as root; on Ubuntu: Google Chrome or chromium-browser)',
  '  macOS:          install Google Chrome, or: brew install --cask chromium',
  '  any OS:         npx playwright install chromium  (needs network access)',
  'or set ALTSCRIBE_CHROMIUM (or CHROMIUM_PATH) to a Chrome/Chromium executable.',
].join('\n');

/** @returns {string[]} */
function systemCandidates() {
  if (process.platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/opt/homebrew/bin/chromium',
      '/usr/local/bin/chromium',
    ];
  }
  if (process.platform === 'win32') {
    const roots = [process.env['PROGRAMFILES'], process.env['PROGRAMFILES(X86)'], process.env['LOCALAPPDATA']];
    return roots.flatMap((root) => (root ? [join(root, 'Google', 'Chrome', 'Application', 'chrome.exe')] : []));
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
  ];
}

/**
 * Playwright's own browser (from `npx playwright install chromium`), if downloaded.
 * @returns {{ found: false } | { found: true, path: string | undefined }}
 */
function playwrightBrowser() {
  let chromePath;
  try {
    const require = createRequire(import.meta.url);
    /** @type {{ chromium: { executablePath(): string } }} */
    const pw = require('playwright-core');
    chromePath = pw.chromium.executablePath();
  } catch {
    return { found: false };
  }
  if (!chromePath) return { found: false };
  // <cache>/ms-playwright/chromium-<rev>/chrome-<os>/chrome; headless runs default to chromium_headless_shell-<rev>.
  const revDir = dirname(dirname(chromePath));
  const rev = basename(revDir).replace(/^chromium-/, '');
  if (existsSync(join(dirname(revDir), `chromium_headless_shell-${rev}`))) return { found: true, path: undefined };
  if (existsSync(chromePath)) return { found: true, path: chromePath }; // Chrome for Testing runs headless as well
  return { found: false };
}

function isCI() {
  const ci = process.env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/**
 * The executable to give Playwright's `launchOptions.executablePath`, or undefined to use Playwright's own browser.
 * Throws an Error with install instructions when no browser can be found.
 * @param {{ install?: boolean }} [options] install: allow one `npx playwright install chromium` when nothing is
 *   found and not on CI (default true).
 * @returns {string | undefined}
 */
export function findChromium(options = {}) {
  const { install = true } = options;

  for (const name of ENV_VARS) {
    const value = process.env[name];
    if (value !== undefined && value !== '') {
      if (!existsSync(value)) throw new Error(`${name}=${value} does not exist.\n${INSTALL_HELP}`);
      return value;
    }
  }

  for (const candidate of systemCandidates()) {
    if (existsSync(candidate)) return candidate;
  }

  const own = playwrightBrowser();
  if (own.found) return own.path;

  if (install && !isCI() && process.env[INSTALL_TRIED_ENV] === undefined) {
    process.env[INSTALL_TRIED_ENV] = '1';
    console.error('[find-chromium] No Chromium found; trying `npx playwright install chromium` once ...');
    const result = spawnSync('npx', ['playwright', 'install', 'chromium'], {
      stdio: 'inherit',
      shell: process.platform === 'win32',
      timeout: 10 * 60 * 1000,
    });
    if (result.status === 0) {
      const again = playwrightBrowser();
      if (again.found) return again.path;
    }
    console.error('[find-chromium] `npx playwright install chromium` did not provide a browser.');
  }

  throw new Error(INSTALL_HELP);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    console.log(findChromium({ install: !process.argv.includes('--no-install') }) ?? 'playwright-default');
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  }
}
