import { html, LitElement, nothing } from 'lit';
import type { RefreshPlan } from '../../app/refresh-ai-texts';
import { doubtSummary } from '../../app/review-bands';
import type { CalibrationState } from '../../app/review-scorer';
import type { ReviewBand } from '../../models/review-signals';
import type { ModelEntry } from '../../models/registry';
import { statusPanelStyles } from '../shared/panel-styles';
import { sharedStyles } from '../shared/shared-styles';
import { calibrationText, planText, refreshResultText } from './review-priority-text';
import { reviewPriorityStyles } from './review-priority.styles';

/** What the panel asks of the app; the controller does the work. */
export interface ReviewPriorityVerbs {
  refreshPlan(modelId: string): RefreshPlan;
  refreshAiTexts(modelId: string): Promise<{ queued: number; waiting: number }>;
  resetCalibration(): Promise<void>;
  /** Through the page's one polite live region. */
  announce(message: string): void;
}

/**
 * Trust at scale, for the whole list: how many results need review (from the store's band
 * tallies), where the score's weights come from and a way back to the defaults, and "re-caption
 * the AI texts nobody reviewed" with another model, shown as a plan and confirmed before it runs.
 */
export class ReviewPriority extends LitElement {
  static override styles = [sharedStyles, statusPanelStyles, reviewPriorityStyles];
  static override properties = {
    bands: { attribute: false },
    finished: { attribute: false },
    unreviewed: { attribute: false },
    calibration: { attribute: false },
    models: { attribute: false },
    currentModelId: { attribute: false },
    verbs: { attribute: false },
    plan: { state: true },
    busy: { state: true },
    message: { state: true },
  };

  /** Results in doubt per band, from the store's tallies. */
  declare bands: Readonly<Record<ReviewBand, number>>;
  /** Finished model texts, decided or not: the "of 9,000". */
  declare finished: number;
  /** Finished model texts nobody decided on: what a refresh could redo. */
  declare unreviewed: number;
  declare calibration: CalibrationState;
  /** The models the model panel offers: any can redo the texts. */
  declare models: readonly ModelEntry[];
  declare currentModelId: string;
  declare verbs: ReviewPriorityVerbs | null;
  /** The refresh asked about, shown until confirmed or cancelled; null = closed. */
  declare private plan: RefreshPlan | null;
  declare private busy: boolean;
  declare private message: string;

  constructor() {
    super();
    this.bands = { 'needs-review': 0, check: 0, fine: 0 };
    this.finished = 0;
    this.unreviewed = 0;
    this.calibration = { decisions: 0, calibratedOn: null, needed: 0 };
    this.models = [];
    this.currentModelId = '';
    this.verbs = null;
    this.plan = null;
    this.busy = false;
    this.message = '';
  }

  override render() {
    const summary = doubtSummary(this.bands, this.finished);
    const { calibratedOn, decisions } = this.calibration;
    if (!summary && !this.unreviewed && !decisions && calibratedOn === null && !this.plan && !this.message) return nothing;
    const calibrated = calibratedOn !== null;
    return html`<section aria-labelledby="review-priority-heading">
      <h2 id="review-priority-heading">Review priority</h2>
      ${summary ? html`<p class="summary" data-role="doubt-summary">${summary}.</p>` : nothing}
      <p id="calibration-text" data-role="calibration">${calibrationText(this.calibration)}</p>
      <div class="actions">
        <button type="button" data-role="reset-calibration" aria-describedby="calibration-text" aria-disabled=${calibrated && !this.busy ? 'false' : 'true'} @click=${() => calibrated && !this.busy && void this.reset()}>
          Reset calibration
        </button>
        <button type="button" data-role="refresh-open" aria-expanded=${this.plan ? 'true' : 'false'} aria-controls="refresh-form" @click=${this.toggleRefresh}>Re-caption AI texts nobody reviewed…</button>
      </div>
      ${this.plan ? this.renderRefresh(this.plan) : nothing}
      ${this.message ? html`<p class="message" data-role="review-message">${this.message}</p>` : nothing}
    </section>`;
  }

  private renderRefresh(plan: RefreshPlan) {
    const ready = plan.withPhoto > 0 && !this.busy;
    return html`<div id="refresh-form" class="refresh" role="group" aria-labelledby="refresh-heading">
      <h3 id="refresh-heading">Re-caption AI texts nobody reviewed</h3>
      <p class="hint">Texts you edited, approved or imported are never touched; each earlier text is kept in its photo's history.</p>
      <label>
        With model
        <select data-role="refresh-model" @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
          ${this.models.map((m) => html`<option value=${m.id} ?selected=${m.id === plan.modelId}>${m.label}</option>`)}
        </select>
      </label>
      <p id="refresh-plan" data-role="refresh-plan">${planText(plan, this.labelOf(plan.modelId))}</p>
      <div class="actions">
        <button type="button" data-role="refresh-confirm" aria-describedby="refresh-plan" aria-disabled=${ready ? 'false' : 'true'} @click=${() => ready && void this.confirm(plan.modelId)}>
          ${this.busy ? 'Starting…' : 'Re-caption'}
        </button>
        <button type="button" data-role="refresh-cancel" @click=${this.close}>Cancel</button>
      </div>
    </div>`;
  }

  private labelOf(modelId: string): string {
    return this.models.find((m) => m.id === modelId)?.label ?? modelId;
  }

  private toggleRefresh = async (): Promise<void> => {
    if (this.plan) return this.close();
    const modelId = this.models.some((m) => m.id === this.currentModelId) ? this.currentModelId : this.models[0]?.id;
    if (!modelId || !this.verbs) return;
    this.choose(modelId);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLSelectElement>('[data-role=refresh-model]')?.focus();
  };

  /** The plan counts the store once per choice, not per render. */
  private choose(modelId: string): void {
    if (this.verbs) this.plan = this.verbs.refreshPlan(modelId);
  }

  private close = async (): Promise<void> => {
    this.plan = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('[data-role=refresh-open]')?.focus();
  };

  private async confirm(modelId: string): Promise<void> {
    if (!this.verbs) return;
    this.busy = true;
    try {
      this.say(refreshResultText(await this.verbs.refreshAiTexts(modelId), this.labelOf(modelId)));
    } catch (error) {
      this.say(`The texts could not be re-captioned: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.busy = false;
    }
    await this.close();
  }

  private async reset(): Promise<void> {
    if (!this.verbs) return;
    this.busy = true;
    try {
      await this.verbs.resetCalibration();
      this.say('Calibration reset: the default weights score the results again.');
    } finally {
      this.busy = false;
    }
  }

  private say(message: string): void {
    this.message = message;
    this.verbs?.announce(message);
  }
}

customElements.define('review-priority', ReviewPriority);

declare global {
  interface HTMLElementTagNameMap {
    'review-priority': ReviewPriority;
  }
}
