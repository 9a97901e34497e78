import { html, nothing, type TemplateResult } from 'lit';
import { formatCount } from '../../models/format-count';
import type { Settings } from '../../models/settings';
import type { SecondOpinionChoice } from './second-opinion-choices';

export type SecondOpinionPatch = Partial<Pick<Settings, 'secondModelId' | 'secondScope' | 'zoomCheck'>>;

const NONE = '';

/**
 * "Second opinion: [None | model…]", "Ask it about every caption (slower)" and the zoomed-out check, for the model
 * panel. A second model chosen earlier that is no longer on offer (deleted, or now the same
 * family as the main model) stays listed, so the select never shows something that is not set.
 */
export function secondOpinionFields(
  settings: Pick<Settings, 'secondModelId' | 'secondScope' | 'zoomCheck'>,
  choices: readonly SecondOpinionChoice[],
  waiting: number,
  labelOf: (id: string) => string,
  change: (patch: SecondOpinionPatch) => void,
): TemplateResult {
  const current = settings.secondModelId;
  const offered = choices.some((c) => c.entry.id === current);
  const option = (id: string, label: string) => html`<option value=${id} ?selected=${id === (current ?? NONE)}>${label}</option>`;
  const group = (via: SecondOpinionChoice['via'], label: string) => {
    const list = choices.filter((c) => c.via === via);
    return list.length ? html`<optgroup label=${label}>${list.map((c) => option(c.entry.id, c.entry.label))}</optgroup>` : nothing;
  };
  return html`
    <div class="second" data-role="second-opinion">
      <label>
        Second opinion
        <select data-role="second-select" aria-describedby="second-hint" @change=${(e: Event) => change(patchFor((e.target as HTMLSelectElement).value, settings.secondScope))}>
          ${option(NONE, 'None')} ${current && !offered ? option(current, `${labelOf(current)} (not available now)`) : nothing}
          ${group('device', 'On this device')} ${group('app', 'Served by this app')}
        </select>
      </label>
      ${current
        ? html`<label class="check">
            <input type="checkbox" data-role="second-scope" .checked=${settings.secondScope === 'all'} @change=${(e: Event) => change({ secondModelId: current, secondScope: (e.target as HTMLInputElement).checked ? 'all' : undefined })} />
            Ask it about every caption (slower)
          </label>`
        : nothing}
      <p class="note" id="second-hint">
        A model of another family describes the photos again, alongside the first pass; where the two disagree, the result is marked for review and both texts are shown. Only models that need no download are offered.
      </p>
      <label class="check">
        <input type="checkbox" data-role="zoom-check" aria-describedby="zoom-check-hint" .checked=${settings.zoomCheck !== false} @change=${(e: Event) => change({ zoomCheck: (e.target as HTMLInputElement).checked ? undefined : false })} />
        Check each caption on a zoomed-out copy of its photo
      </label>
      <p class="note" id="zoom-check-hint">The model reads its own caption again against the photo made smaller; a caption it no longer believes is marked for review. About one more model pass per photo.</p>
      ${waiting > 0 ? html`<p class="note" data-role="second-waiting">${formatCount(waiting)} waiting for a second opinion</p>` : nothing}
    </div>
  `;
}

function patchFor(value: string, scope: Settings['secondScope']): SecondOpinionPatch {
  return value === NONE ? { secondModelId: undefined, secondScope: undefined } : { secondModelId: value, secondScope: scope };
}
