// Playwright fixture that fails a test when the page logs a console error or throws an uncaught error.
//
//   import { test, expect } from './support/console';
//
//   test('...', async ({ page }) => { ... });                 // any console.error / uncaught error fails it
//
//   test.describe('expected errors', () => {
//     test.use({ consoleErrorAllowlist: [/Failed to load resource.*404/] });   // per file / describe
//     test('...', async ({ page, consoleErrors }) => {
//       consoleErrors.allow(/quota exceeded/i);               // per test, at run time
//       expect(consoleErrors.unexpected()).toEqual([]);       // check mid-test if wanted
//     });
//   });
//
//   test.use({ failOnConsoleErrors: false });                 // opt out entirely (errors are still attached)
//
// Messages come from every page of the test's browser context (including dedicated workers' console).

import { test as base, expect } from '@playwright/test';

export type ErrorPattern = string | RegExp;

export interface ConsoleErrorEntry {
  kind: 'console' | 'pageerror';
  text: string;
  /** page URL, or the script location of a console message when Playwright reports it */
  location: string;
}

export class ConsoleErrors {
  readonly #entries: ConsoleErrorEntry[] = [];
  readonly #allow: ErrorPattern[];

  constructor(allowlist: readonly ErrorPattern[]) {
    this.#allow = [...allowlist];
  }

  /** Allow further patterns for the rest of this test (a string matches as a substring). */
  allow(...patterns: ErrorPattern[]): void {
    this.#allow.push(...patterns);
  }

  /** Every error seen so far, allowed or not. */
  all(): readonly ConsoleErrorEntry[] {
    return [...this.#entries];
  }

  /** Errors not matched by the allowlist. */
  unexpected(): ConsoleErrorEntry[] {
    return this.#entries.filter((e) => !this.#allow.some((p) => matches(p, e.text)));
  }

  /** Forget what was collected so far (e.g. after deliberately provoking an error). */
  clear(): void {
    this.#entries.length = 0;
  }

  /** @internal */
  record(entry: ConsoleErrorEntry): void {
    this.#entries.push(entry);
  }
}

function matches(pattern: ErrorPattern, text: string): boolean {
  return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
}

/** Full text (with stacks), for the attachment. */
function format(entries: readonly ConsoleErrorEntry[]): string {
  return entries.map((e) => `[${e.kind}] ${e.text}${e.location ? `\n    at ${e.location}` : ''}`).join('\n');
}

/**
 * One line per error, for the failure message. Lines ending in `file:line:col` would be taken by Playwright's
 * reporter for frames of the test's own stack, so the location is bracketed.
 */
function summarize(entries: readonly ConsoleErrorEntry[]): string {
  return entries
    .map((e) => `- [${e.kind}] ${e.text.split('\n')[0] ?? ''}${e.location ? ` [${e.location}]` : ''}`)
    .join('\n');
}

interface ConsoleOptions {
  /** Patterns of console errors / page errors that don't fail the test. */
  consoleErrorAllowlist: ErrorPattern[];
  /** Set false to only collect (and attach) errors without failing the test. */
  failOnConsoleErrors: boolean;
}

interface ConsoleFixtures {
  consoleErrors: ConsoleErrors;
}

export const test = base.extend<ConsoleOptions & ConsoleFixtures>({
  consoleErrorAllowlist: [[], { option: true }],
  failOnConsoleErrors: [true, { option: true }],

  consoleErrors: [
    async ({ context, consoleErrorAllowlist, failOnConsoleErrors }, use, testInfo) => {
      const errors = new ConsoleErrors(consoleErrorAllowlist);

      context.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const loc = msg.location();
        const location = loc.url ? `${loc.url}:${loc.lineNumber}:${loc.columnNumber}` : (msg.page()?.url() ?? '');
        errors.record({ kind: 'console', text: msg.text(), location });
      });
      context.on('weberror', (webError) => {
        const err = webError.error();
        errors.record({
          kind: 'pageerror',
          text: err.stack || `${err.name}: ${err.message}`, // stack is '' for e.g. a SyntaxError while parsing a script
          location: webError.page()?.url() ?? '',
        });
      });

      await use(errors);

      const all = errors.all();
      if (all.length > 0) {
        await testInfo.attach('console-errors.txt', { body: format(all), contentType: 'text/plain' });
      }
      if (failOnConsoleErrors) {
        const unexpected = errors.unexpected();
        const message =
          `console errors / uncaught page errors during the test:\n${summarize(unexpected)}\n` +
          '(full text in the console-errors.txt attachment; allow expected ones with consoleErrors.allow())\n';
        expect(unexpected.length, message).toBe(0);
      }
    },
    { auto: true },
  ],
});

export { expect };
