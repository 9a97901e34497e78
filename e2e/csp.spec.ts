import { test, expect } from './support/console';
import { addFiles, CAPTION_TIMEOUT, altText, openApp, shapesImages } from './support/app';

/** Records securitypolicyviolation events in every document of the context, from the first script on. */
async function recordViolations(page: import('@playwright/test').Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
}
const violations = (page: import('@playwright/test').Page): Promise<string[]> => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

test('the built page carries the policy as a <meta> tag and the preview server sends it as a header', async ({ page, request }) => {
  const response = await request.get('/');
  const header = response.headers()['content-security-policy'] ?? '';
  expect(header).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(header).toContain("frame-ancestors 'none'");
  await page.goto('/');
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("default-src 'self'");
  expect(meta).toContain("connect-src 'self' blob: https://huggingface.co https://*.huggingface.co https://hf.co https://*.hf.co");
  expect(meta).toContain("worker-src 'self' blob:");
  // Inline script is never allowed; only style attributes are (lit's styleMap, see content-security-policy.ts).
  expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval';");
  expect(meta).toContain("style-src 'self';");
  expect(meta?.match(/unsafe-inline/g)).toEqual(['unsafe-inline']);
  expect(meta).toContain("style-src-attr 'unsafe-inline'");
  // A <meta> policy may not carry frame-ancestors; Chromium would log an error for it.
  expect(meta).not.toContain('frame-ancestors');
  // The page has no inline script or style left for the policy to block.
  expect(await page.locator('script:not([src])').count()).toBe(0);
  expect(await page.locator('head style').count()).toBe(0);
});

test('a caption session runs without a single policy violation', async ({ page }) => {
  await recordViolations(page);
  await openApp(page);
  const [image] = await shapesImages(1, { maxSide: 320, dir: 'test-results/csp-images' });
  await addFiles(page, [image!]);
  await expect(altText(page, image!.name)).toHaveValue(image!.expected, { timeout: CAPTION_TIMEOUT });
  await altText(page, image!.name).fill(`${image!.expected} Edited.`);
  await altText(page, image!.name).blur();
  // Styles really apply: lit's adopted stylesheets and the page's own CSS file are allowed.
  expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  expect(await violations(page)).toEqual([]);
});

test('an injected inline script is blocked', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/Content Security Policy/);
  await recordViolations(page);
  await page.goto('/');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true;';
    document.head.append(script);
    const handler = document.createElement('img');
    handler.setAttribute('onerror', 'window.inlineHandlerRan = true;');
    handler.src = 'data:image/png;base64,broken';
    document.body.append(handler);
  });
  await expect.poll(() => violations(page)).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src-elem /), expect.stringMatching(/^script-src-attr /)]));
  expect(await page.evaluate(() => (window as unknown as { inlineScriptRan?: boolean }).inlineScriptRan)).toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as { inlineHandlerRan?: boolean }).inlineHandlerRan)).toBeUndefined();
});
