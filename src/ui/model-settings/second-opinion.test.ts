// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelView } from '../../app/altscribe-controller';
import type { Settings } from '../../models/settings';
import { findModel, MODELS } from '../../models/registry';
import type { ModelSettings } from './model-settings';
import './model-settings';
import { secondOpinionChoices } from './second-opinion-choices';
import { cleanup, mount as mountElement, update } from '../shared/test-mount';

const DISTILVIT = 'Mozilla/distilvit';
const SHAPES = 'altscribe/shapes-captioner';
const FLORENCE = 'onnx-community/Florence-2-base-ft';

function makeModel(settings: Partial<Settings> = {}): ModelView {
  return { settings: { modelId: SHAPES, device: 'auto', ...settings }, phase: 'idle', consent: null, progress: null, ready: null, error: null };
}

const mount = (settings: Partial<Settings> = {}, props: Partial<ModelSettings> = {}): Promise<ModelSettings> => mountElement('model-settings', { model: makeModel(settings), ...props });
const root = (el: ModelSettings): ShadowRoot => el.shadowRoot as ShadowRoot;
const secondSelect = (el: ModelSettings) => root(el).querySelector<HTMLSelectElement>('[data-role=second-select]')!;
const scopeBox = (el: ModelSettings) => root(el).querySelector<HTMLInputElement>('[data-role=second-scope]');
const selectedByMarkup = (select: HTMLSelectElement): string[] => [...select.options].filter((o) => o.hasAttribute('selected')).map((o) => o.value);

function settingsChanges(target: EventTarget): unknown[] {
  const details: unknown[] = [];
  target.addEventListener('settings-change', (e) => details.push((e as CustomEvent).detail));
  return details;
}

afterEach(cleanup);

describe('secondOpinionChoices', () => {
  it('offers models of another family that need no download: on this device, or served by the app', () => {
    const shapes = findModel(SHAPES)!;
    const choices = secondOpinionChoices(shapes, [FLORENCE, DISTILVIT, 'gone/model'], findModel);
    const ids = choices.map((c) => c.entry.id);
    // distilvit is the shapes model's family (encoder-decoder): it would err the same way.
    expect(ids).not.toContain(DISTILVIT);
    expect(ids).not.toContain(SHAPES);
    expect(choices[0]).toEqual({ entry: findModel(FLORENCE), via: 'device' });
    const served = MODELS.filter((m) => m.source.kind === 'app' && m.family !== shapes.family).map((m) => m.id);
    expect(choices.filter((c) => c.via === 'app').map((c) => c.entry.id)).toEqual(served);
    expect(served.length).toBeGreaterThan(0);
  });

  it('never offers a hub model that is not downloaded', () => {
    const ids = secondOpinionChoices(findModel(SHAPES), [], findModel).map((c) => c.entry.id);
    expect(ids.every((id) => findModel(id)?.source.kind === 'app')).toBe(true);
  });
});

describe('model-settings zoomed-out check', () => {
  it('is on by default, described, and turning it off or on sends the setting', async () => {
    const el = await mount();
    const box = root(el).querySelector<HTMLInputElement>('[data-role=zoom-check]')!;
    expect(box.checked).toBe(true);
    expect(box.closest('label')?.textContent).toContain('zoomed-out copy');
    expect(root(el).getElementById(box.getAttribute('aria-describedby')!)?.textContent).toContain('one more model pass');
    const changes = settingsChanges(el);
    box.checked = false;
    box.dispatchEvent(new Event('change'));
    const off = await mount({ zoomCheck: false });
    const offBox = root(off).querySelector<HTMLInputElement>('[data-role=zoom-check]')!;
    expect(offBox.checked).toBe(false);
    const offChanges = settingsChanges(off);
    offBox.checked = true;
    offBox.dispatchEvent(new Event('change'));
    expect(changes).toEqual([{ zoomCheck: false }]);
    expect(offChanges).toEqual([{ zoomCheck: undefined }]);
  });
});

describe('model-settings second opinion', () => {
  it('is labelled, offers None first, and says None when nothing is chosen', async () => {
    const el = await mount({}, { downloaded: [FLORENCE] });
    const select = secondSelect(el);
    expect(select.closest('label')?.textContent).toContain('Second opinion');
    expect(select.options[0]?.textContent).toBe('None');
    expect([...select.options].map((o) => o.value)).toContain(FLORENCE);
    expect(selectedByMarkup(select)).toEqual(['']);
    expect(scopeBox(el)).toBeNull();
  });

  it('sends the chosen model, keeping the scope, and None turns both off', async () => {
    const el = await mount({ secondScope: 'all' }, { downloaded: [FLORENCE] });
    const changes = settingsChanges(el);
    const select = secondSelect(el);
    select.value = FLORENCE;
    select.dispatchEvent(new Event('change'));
    select.value = '';
    select.dispatchEvent(new Event('change'));
    expect(changes).toEqual([
      { secondModelId: FLORENCE, secondScope: 'all' },
      { secondModelId: undefined, secondScope: undefined },
    ]);
  });

  it('asks about every caption with the checkbox, and back to those in doubt without it', async () => {
    const el = await mount({ secondModelId: FLORENCE }, { downloaded: [FLORENCE] });
    expect(selectedByMarkup(secondSelect(el))).toEqual([FLORENCE]);
    const box = scopeBox(el)!;
    expect(box.closest('label')?.textContent?.trim()).toBe('Ask it about every caption (slower)');
    expect(box.checked).toBe(false);
    const changes = settingsChanges(el);
    box.checked = true;
    box.dispatchEvent(new Event('change'));
    await update(el, { model: makeModel({ secondModelId: FLORENCE, secondScope: 'all' }) });
    expect(scopeBox(el)!.checked).toBe(true);
    scopeBox(el)!.checked = false;
    scopeBox(el)!.dispatchEvent(new Event('change'));
    expect(changes).toEqual([
      { secondModelId: FLORENCE, secondScope: 'all' },
      { secondModelId: FLORENCE, secondScope: undefined },
    ]);
  });

  it('keeps showing a chosen model that is no longer on offer', async () => {
    const el = await mount({ secondModelId: FLORENCE }, { downloaded: [] });
    const option = [...secondSelect(el).options].find((o) => o.value === FLORENCE);
    expect(option?.textContent).toBe(`${findModel(FLORENCE)?.label} (not available now)`);
    expect(selectedByMarkup(secondSelect(el))).toEqual([FLORENCE]);
  });

  it('says how many photos wait for a second opinion, only when some do', async () => {
    const el = await mount({ secondModelId: FLORENCE }, { downloaded: [FLORENCE] });
    expect(root(el).querySelector('[data-role=second-waiting]')).toBeNull();
    await update(el, { secondWaiting: 1204 });
    expect(root(el).querySelector('[data-role=second-waiting]')?.textContent).toBe('1,204 waiting for a second opinion');
  });
});
