import { cleanAltText } from '../alttext';
import { needsTranslation } from '../alttext/alt-text-language';
import type { CaptionClient } from '../client/caption-client';
import { sizeForConsent } from '../models/download-plan';
import { ENGLISH } from '../models/languages';
import type { Device, Dtype, RunDevice } from '../models/model-types';
import type { ModelEntry } from '../models/registry';
import { translatorFor, type TranslationEntry } from '../models/translation-models';
import { DownloadRefusedError, type DownloadGate } from './download-gate';

export interface CaptionLanguageHost {
  /** Without the translation calls (a test's fake client), captions stay English. */
  client: Partial<Pick<CaptionClient, 'planTranslator' | 'loadTranslator' | 'translate'>>;
  /** Absent in tests that need no consent. */
  downloads?: Pick<DownloadGate, 'ensurePlanned'> | undefined;
  announce(message: string, photoId?: string): void;
}

/** The shown text in the alt-text language, and that language when it is not English. */
export interface InLanguage {
  text: string;
  language?: string;
}

/**
 * The last step of a caption: a model that was told the language wrote it already; another's
 * English caption is translated in the caption worker, by a translation model downloaded with
 * the same consent as a captioner (an app-served test model needs none, like the test
 * captioners). The English pass stays the record's `modelText`, so review and the repetition
 * rules keep working on the model's own words. When no model covers the language, or the person
 * declines the download, or translating fails, the English text stays and the record says English.
 */
export class CaptionLanguage {
  constructor(private readonly host: CaptionLanguageHost) {}

  async finish(id: string, englishText: string, captioner: Pick<ModelEntry, 'family' | 'fixture'>, device: RunDevice, language: string | undefined): Promise<InLanguage> {
    if (!language || language === ENGLISH || !englishText) return { text: englishText };
    if (!needsTranslation(captioner.family, language)) return { text: englishText, language };
    const entry = translatorFor(language, captioner.fixture === true);
    const { loadTranslator, translate } = this.host.client;
    if (!entry || !loadTranslator || !translate) return { text: englishText };
    try {
      const runtime = runtimeFor(entry, device);
      await this.consent(entry, runtime);
      await loadTranslator.call(this.host.client, entry.id, runtime.device, runtime.dtype);
      const translated = cleanAltText(await translate.call(this.host.client, translationSource(englishText), language));
      return translated ? { text: translated, language } : { text: englishText };
    } catch (error) {
      const why = error instanceof DownloadRefusedError ? 'the translation model was not downloaded.' : error instanceof Error ? error.message : String(error);
      this.host.announce(`Kept in English: ${why}`, id);
      return { text: englishText };
    }
  }

  private async consent(entry: TranslationEntry, { device, dtype }: { device: Device; dtype: Dtype }): Promise<void> {
    const { downloads, client } = this.host;
    if (entry.source.kind === 'app' || !downloads) return;
    if (!client.planTranslator) throw new Error('this build cannot plan a translation model download.');
    const plan = await client.planTranslator(entry.id, device, dtype);
    await downloads.ensurePlanned(`${entry.id}|${device}|${dtype}`, plan, () => ({
      modelId: entry.id,
      label: entry.label,
      licence: entry.licence,
      note: 'Translates the English captions of this model into the alt-text language, on this device.',
      device,
      dtype,
      size: sizeForConsent(plan, entry, dtype),
    }));
  }
}

/**
 * The finished English text as a caption model writes it: lead-ins already gone, but without the
 * sentence case and final period the finishing rules added, which are the app's, not the
 * model's (the shapes fixture only knows lower-case captions). The translation is finished again.
 */
export function translationSource(finished: string): string {
  const text = finished.trim().replace(/\.$/, '');
  // "A red circle" becomes "a red circle"; "UN flags" and "I" stay as they are.
  return /^\p{Lu}\p{Ll}/u.test(text) || (/^\p{Lu}\s/u.test(text) && !text.startsWith('I ')) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** The captioner's device when the translation model runs there, else WASM. */
function runtimeFor(entry: TranslationEntry, device: RunDevice): { device: Device; dtype: Dtype } {
  if (device === 'webgpu' || device === 'wasm') {
    const onDevice = entry.dtypes[device];
    if (onDevice) return { device, dtype: onDevice };
  }
  const wasm = entry.dtypes.wasm;
  if (!wasm) throw new Error(`${entry.label} has no build for this device.`);
  return { device: 'wasm', dtype: wasm };
}
