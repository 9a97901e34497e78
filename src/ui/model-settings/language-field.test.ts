// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelView } from '../../app/altscribe-controller';
import type { Settings } from '../../models/settings';
import type { ModelSettings } from './model-settings';
import './model-settings';
import { cleanup, mount as mountElement } from '../shared/test-mount';

function makeModel(settings: Settings): ModelView {
  return { settings, phase: 'idle', consent: null, progress: null, ready: null, error: null };
}

const mount = (settings: Settings): Promise<ModelSettings> => mountElement('model-settings', { model: makeModel(settings) });
const q = <T extends Element = HTMLElement>(el: ModelSettings, selector: string): T | null => (el.shadowRoot as ShadowRoot).querySelector<T>(selector);
const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

afterEach(cleanup);

describe('model-settings alt-text language', () => {
  it('lists English first and each language in itself, marked with its lang, the chosen one selected', async () => {
    const el = await mount({ modelId: 'Mozilla/distilvit', device: 'auto', language: 'fr' });
    const options = [...(q<HTMLSelectElement>(el, '[data-role=language-select]')?.options ?? [])];
    expect(options[0]?.value).toBe('en');
    const french = options.find((o) => o.value === 'fr');
    expect(french?.textContent).toBe('Français');
    expect(french?.getAttribute('lang')).toBe('fr');
    expect(options.filter((o) => o.hasAttribute('selected')).map((o) => o.value)).toEqual(['fr']);
  });

  it('says a captioner is translated after, by which model and about how big, and that a chat model is told', async () => {
    const captioner = await mount({ modelId: 'Mozilla/distilvit', device: 'auto', language: 'de' });
    expect(text(q(captioner, '[data-role=language-note]'))).toMatch(/English to German \(opus-mt\) translates it into German .*approximately 106 MB/);
    cleanup();
    const chat = await mount({ modelId: 'HuggingFaceTB/SmolVLM-256M-Instruct', device: 'auto', language: 'de' });
    expect(text(q(chat, '[data-role=language-note]'))).toMatch(/is told to write the alt-text in German/);
    cleanup();
    const english = await mount({ modelId: 'Mozilla/distilvit', device: 'auto' });
    expect(q(english, '[data-role=language-note]')).toBeNull();
  });

  it('asks for the chosen language, and for none when English is chosen', async () => {
    const el = await mount({ modelId: 'Mozilla/distilvit', device: 'auto', language: 'fr' });
    const events: CustomEvent<{ language?: string }>[] = [];
    el.addEventListener('settings-change', (e) => events.push(e as CustomEvent<{ language?: string }>));
    const select = q<HTMLSelectElement>(el, '[data-role=language-select]')!;
    select.value = 'de';
    select.dispatchEvent(new Event('change'));
    select.value = 'en';
    select.dispatchEvent(new Event('change'));
    expect(events.map((e) => e.detail)).toEqual([{ language: 'de' }, { language: undefined }]);
  });
});
