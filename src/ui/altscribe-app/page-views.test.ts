// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { closeSettings, mount, openSettings, root } from './app-fakes';
import type { AltscribeApp } from './altscribe-app';

const view = (app: AltscribeApp, name: string) => root(app).querySelector<HTMLElement>(`[data-view=${name}]`);
const changeLink = (app: AltscribeApp) => root(root(app).querySelector('model-panel') as Element).querySelector<HTMLAnchorElement>('[data-role=change-model]')!;

/** The focused element, looking inside shadow roots. */
function deepFocus(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

afterEach(() => {
  document.body.replaceChildren();
  location.hash = '';
});

describe('altscribe-app views', () => {
  it('shows the photos first, and renders nothing of the settings view until it is opened', async () => {
    const { app } = await mount();
    expect(view(app, 'photos')?.hidden).toBe(false);
    expect(root(app).querySelector('drop-zone')).not.toBeNull();
    expect(root(app).querySelector('settings-view, model-manager, device-panel, compare-view, add-model')).toBeNull();
  });

  it('opens the settings view from #settings with focus on its heading, and hides the photos', async () => {
    const { app } = await mount();
    changeLink(app).focus();
    await openSettings(app);
    expect(view(app, 'photos')?.hidden).toBe(true);
    expect(view(app, 'settings')?.hidden).toBe(false);
    const settings = root(app).querySelector('settings-view') as Element;
    for (const part of ['model-settings', 'device-panel', 'compare-view', 'model-manager', 'add-model']) expect(root(settings).querySelector(part)).not.toBeNull();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(deepFocus()?.id).toBe('settings-heading');
  });

  it('asks for the device report when the view opens (the page itself probes only when idle)', async () => {
    const { app } = await mount();
    const advisor = app.services.advisor as unknown as { detect: () => Promise<null> };
    let asked = 0;
    advisor.detect = async () => {
      asked++;
      return null;
    };
    expect(asked).toBe(0);
    await openSettings(app);
    expect(asked).toBe(1);
  });

  it('returns focus to the link that opened it when the person goes back', async () => {
    const { app } = await mount();
    const link = changeLink(app);
    link.focus();
    await openSettings(app);
    await closeSettings(app);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(view(app, 'photos')?.hidden).toBe(false);
    expect(view(app, 'settings')?.hidden).toBe(true);
    expect(deepFocus()).toBe(link);
  });
});

describe('altscribe-app queue progress', () => {
  const snapshot = (active: boolean) => ({ total: 3, done: active ? 1 : 3, failed: 0, cancelled: 0, settled: active ? 1 : 3, active, perMinute: null, etaMs: null });

  it('stays in sight (sticky) only while photos are being captioned', async () => {
    const { app } = await mount();
    const batch = app.services.batch as unknown as EventTarget & { view: Record<string, unknown> };
    const holder = () => root(app).querySelector<HTMLElement>('.progress');
    expect(holder()?.classList.contains('sticky')).toBe(false);
    batch.view = { ...batch.view, snapshot: snapshot(true) };
    batch.dispatchEvent(new Event('change'));
    await app.updateComplete;
    expect(holder()?.classList.contains('sticky')).toBe(true);
    batch.view = { ...batch.view, snapshot: snapshot(false) };
    batch.dispatchEvent(new Event('change'));
    await app.updateComplete;
    expect(holder()?.classList.contains('sticky')).toBe(false);
  });
});
