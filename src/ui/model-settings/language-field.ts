import { html, nothing } from 'lit';
import { familyWritesLanguage } from '../../alttext/alt-text-language';
import { formatBytes } from '../../models/format-bytes';
import { ENGLISH, englishName, nativeName, supportedLanguages } from '../../models/languages';
import type { ModelEntry } from '../../models/registry';
import { translatorFor } from '../../models/translation-models';

/**
 * The alt-text language select of the model form, and one line on how the chosen model gets
 * there: told in its instruction, or translated after by a model named with its size.
 */
export function languageField(language: string | undefined, onChange: (language: string | undefined) => void) {
  const chosen = language ?? ENGLISH;
  return html`
    <label>
      Alt-text language
      <select data-role="language-select" @change=${(e: Event) => {
        const value = (e.target as HTMLSelectElement).value;
        onChange(value === ENGLISH ? undefined : value);
      }}>
        ${supportedLanguages().map((code) => html`<option value=${code} lang=${code} ?selected=${code === chosen}>${nativeName(code)}</option>`)}
      </select>
    </label>
  `;
}

/** How the selected model writes the chosen language; nothing for English. */
export function languageNote(language: string | undefined, entry: ModelEntry | undefined) {
  if (!language || language === ENGLISH || !entry) return nothing;
  const name = englishName(language);
  if (familyWritesLanguage(entry.family)) return html`<p class="note" data-role="language-note">${entry.label} is told to write the alt-text in ${name}.</p>`;
  const translator = translatorFor(language, entry.fixture === true);
  if (!translator) return html`<p class="note" data-role="language-note">No model here translates into ${name}, and ${entry.label} writes English only: its alt-text stays in English.</p>`;
  const bytes = Object.values(translator.approxBytes)[0] ?? 0;
  return html`<p class="note" data-role="language-note">
    ${entry.label} writes English; ${translator.label} translates it into ${name} on this device (approximately ${formatBytes(bytes)}, downloaded once, after asking). Licence: ${translator.licence}.
  </p>`;
}
