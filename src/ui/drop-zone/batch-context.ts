import { css, html } from 'lit';
import { CONTEXT_MAX_LENGTH, familyReadsContext } from '../../alttext/photo-context';
import type { ModelFamily } from '../../models/families';

/**
 * The "Context for these photos" field under the drop zone: what the person knows that no model
 * sees ("a hike in Acadia National Park, 2019"). It is stored with every photo added while it is
 * set; models that take an instruction read it as a hint.
 */

/** Whether the selected model reads the context: true, false, or unknown (the app has not said). */
export type ContextUse = boolean | undefined;

/** What the app hands the drop zone for the selected model (built-in or added); unknown id: undefined. */
export function modelReadsContextOf(modelId: string, models: readonly { id: string; family: ModelFamily }[]): ContextUse {
  const entry = models.find((m) => m.id === modelId);
  return entry ? familyReadsContext(entry.family) : undefined;
}

/** The sentence next to the field on what the selected model does with the context. */
export function contextNote(modelReadsContext: ContextUse): string {
  if (modelReadsContext === true) return 'The selected model reads it as a hint.';
  if (modelReadsContext === false) return 'The selected model cannot use context; it is kept with the photos and exported.';
  return 'Models that take an instruction (SmolVLM, FastVLM) read it as a hint; others keep it with the photos and exports.';
}

/** What the field shows and what it tells the drop zone when the person changes it. */
export interface ContextFieldState {
  value: string;
  useFolderNames: boolean;
  modelReadsContext: ContextUse;
  onInput(value: string): void;
  onFolderNames(use: boolean): void;
}

export function renderContextField({ value, useFolderNames, modelReadsContext, onInput, onFolderNames }: ContextFieldState) {
  return html`
    <details class="context">
      <summary data-role="context-toggle">${value.trim() ? `Context for these photos: “${value.trim()}”` : 'Add context for these photos (optional)'}${useFolderNames ? ' · folder names too' : ''}</summary>
      <label for="batch-context">Context for these photos (optional)</label>
      <input
        id="batch-context"
        data-role="batch-context"
        type="text"
        maxlength=${CONTEXT_MAX_LENGTH}
        autocomplete="off"
        aria-describedby="context-hint context-use"
        .value=${value}
        @input=${(event: Event) => onInput((event.target as HTMLInputElement).value)}
      />
      <p class="hint" id="context-hint">Up to ${CONTEXT_MAX_LENGTH} characters, e.g. “A hike in Acadia National Park, 2019”. Saved with each photo added while it is filled in, and exported.</p>
      <p class="hint" id="context-use" data-role="context-use">${contextNote(modelReadsContext)}</p>
      <label class="folder-names">
        <input type="checkbox" data-role="folder-context" aria-describedby="folder-names-hint" .checked=${useFolderNames} @change=${(event: Event) => onFolderNames((event.target as HTMLInputElement).checked)} />
        Use folder names as context
      </label>
      <p class="hint" id="folder-names-hint">Off unless chosen. Names cameras and phones give (IMG_2041, 100CANON, DCIM), dates and plain numbers are left out.</p>
    </details>
  `;
}

export const batchContextStyles = css`
  .context {
    margin: 1.25rem auto 0;
    max-width: 36rem;
    text-align: start;
  }
  .context label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.35rem;
  }
  .context summary {
    cursor: pointer;
    font-weight: 600;
    min-height: 1.5rem;
  }
  .context[open] summary {
    margin-bottom: 0.5rem;
  }
  .context input[type='text'] {
    font: inherit;
    color: inherit;
    width: 100%;
    min-height: 2.5rem;
    padding: 0.4rem 0.6rem;
    border-radius: 0.5rem;
    border: 1px solid var(--as-border);
    background: var(--as-field);
  }
  .context .hint {
    margin-top: 0.4rem;
  }
  .context .folder-names {
    display: flex;
    justify-content: flex-start;
    align-items: center;
    gap: 0.5rem;
    margin-top: 0.75rem;
    font-weight: normal;
  }
`;
