/** Install instructions shown when no Chromium can be found. */
export declare const INSTALL_HELP: string;

/**
 * The executable to give Playwright's `launchOptions.executablePath`, or undefined to use Playwright's own
 * downloaded browser. Throws an Error with install instructions when no browser can be found.
 */
export declare function findChromium(options?: { install?: boolean }): string | undefined;
