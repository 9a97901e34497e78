import { html, LitElement, nothing } from 'lit';
import type { BatchView } from '../../app/batch-controls';
import { etaText, rateText, type BatchSnapshot } from '../../models/batch-progress';
import { emit, type BatchAction } from '../shared/events';
import { statusPanelStyles } from '../shared/panel-styles';
import { sharedStyles } from '../shared/shared-styles';
import { batchProgressStyles } from './batch-progress.styles';
import { cannotCaptionStyles, renderCannotCaption } from './cannot-caption';
import { estimateStyles, renderEstimate } from './batch-estimate-line';

/** "12 of 40 photos finished · 1 failed · 6.2 photos per minute · about 3 min left"; without the time when the estimate below says it. */
export function progressLine(s: BatchSnapshot, withTime = true): string {
  const parts = [`${s.settled} of ${s.total} photos finished`];
  if (s.failed) parts.push(`${s.failed} failed`);
  if (s.cancelled) parts.push(`${s.cancelled} cancelled`);
  if (s.active && withTime) parts.push(rateText(s.perMinute), etaText(s));
  return parts.filter(Boolean).join(' · ');
}

/**
 * The batch above the list: Pause/Resume, Cancel waiting, Retry failed, and how far captioning
 * is, here or in another tab. Not a live region: the page announces a summary every few seconds.
 * Buttons that have nothing to do stay focusable (aria-disabled), so focus is never lost; Retry
 * alone is left out when nothing can be retried, since offering it for files that fail the same
 * way again misleads. Files that cannot be captioned are counted apart, with why on request.
 */
export class BatchProgress extends LitElement {
  static override styles = [sharedStyles, statusPanelStyles, batchProgressStyles, cannotCaptionStyles, estimateStyles];
  static override properties = { view: { attribute: false }, showingWhy: { state: true } };

  declare view: BatchView | null;
  declare private showingWhy: boolean;
  /** Retry or the faster model was pressed: if its button disappears with that, focus moves to Pause/Resume instead of the page. */
  private pressed: 'retry-failed' | 'use-faster-model' | null = null;

  constructor() {
    super();
    this.view = null;
    this.showingWhy = false;
  }

  override render() {
    const v = this.view;
    if (!v || !(v.snapshot || v.remote?.snapshot.active || v.paused || v.waiting || v.retryable || v.cannotCaption)) return nothing;
    // Resume always does something; Pause only while a photo here or in another tab waits or runs.
    const pausable = v.paused || v.waiting > 0 || Boolean(v.snapshot?.active) || Boolean(v.remote?.snapshot.active);
    return html`<section aria-labelledby="batch-heading">
      <h2 id="batch-heading">Captioning queue</h2>
      <div class="controls" role="group" aria-label="Queue controls">
        <button type="button" data-role="pause-resume" aria-disabled=${pausable ? 'false' : 'true'} @click=${() => pausable && this.act(v.paused ? 'resume' : 'pause')}>${v.paused ? 'Resume captioning' : 'Pause captioning'}</button>
        ${this.button('cancel-waiting', `Cancel waiting photos (${v.waiting})`, v.waiting > 0)}
        ${v.retryable > 0 ? this.button('retry-failed', `Retry failed photos (${v.retryable})`, true) : nothing}
      </div>
      ${v.cannotCaption ? renderCannotCaption(v, this.showingWhy, () => (this.showingWhy = !this.showingWhy)) : nothing}
      ${v.paused ? html`<p class="paused" data-role="paused">Paused. ${v.waiting ? 'Waiting photos stay queued until you resume.' : 'New photos will wait until you resume.'}</p>` : nothing}
      ${v.snapshot ? this.bar('mine', v.snapshot, !v.estimate) : nothing}
      ${v.estimate ? renderEstimate(v.estimate, () => this.act('use-faster-model')) : nothing}
      ${v.remote?.snapshot.active
        ? html`<p class="elsewhere" data-role="elsewhere">Captioning is running in another tab${v.remote.paused ? ' (paused there)' : ''}.${v.waitingForOtherTab ? ' Your photos here wait until it finishes.' : ''}</p>
            ${this.bar('remote', v.remote.snapshot)}`
        : nothing}
    </section>`;
  }

  private bar(id: string, s: BatchSnapshot, withTime = true) {
    const label = id === 'remote' ? 'Progress in the other tab' : 'Progress';
    return html`<p id="${id}-text" data-role="${id === 'remote' ? 'remote-text' : 'progress-text'}">${progressLine(s, withTime)}</p>
      <progress aria-label=${label} aria-describedby="${id}-text" max=${Math.max(s.total, 1)} .value=${s.settled}></progress>`;
  }

  private button(action: BatchAction, label: string, enabled: boolean) {
    return html`<button type="button" data-role=${action} aria-disabled=${enabled ? 'false' : 'true'} @click=${() => enabled && this.act(action)}>${label}</button>`;
  }

  private act(action: BatchAction): void {
    this.pressed = action === 'retry-failed' || action === 'use-faster-model' ? action : null;
    emit(this, 'batch-action', { action });
  }

  /** The retried photos are queued over several updates: wait until the button goes, or focus leaves it. */
  protected override updated(): void {
    if (!this.pressed) return;
    const button = this.renderRoot.querySelector(`[data-role=${this.pressed}]`);
    if (button && (this.renderRoot as ShadowRoot).activeElement === button) return;
    this.pressed = null;
    if (!button) this.renderRoot.querySelector<HTMLElement>('[data-role=pause-resume]')?.focus();
  }
}

customElements.define('batch-progress', BatchProgress);

declare global {
  interface HTMLElementTagNameMap {
    'batch-progress': BatchProgress;
  }
}
