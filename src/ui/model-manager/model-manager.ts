import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { ManagedModel, ManagerStorage } from '../../model-manager/model-library';
import { formatBytes, formatFilesSize } from '../../models/format-bytes';
import { emit } from '../shared/events';
import { panelStyles, sharedStyles } from '../shared/shared-styles';
import { modelManagerStyles } from './model-manager.styles';

/**
 * The models stored on this device: size on disk, last use, Delete. Deleting is asked of the
 * app, which sets `busy` while it works and then passes the shorter list; the manager then
 * says what was freed and puts focus on the table (or the heading once the list is empty),
 * because the button that had focus went away with its row.
 */
export class ModelManager extends LitElement {
  static override styles = [sharedStyles, panelStyles, modelManagerStyles];
  static override properties = {
    models: { attribute: false },
    storage: { attribute: false },
    busy: { attribute: false },
    message: { state: true },
  };

  declare models: ManagedModel[];
  declare storage: ManagerStorage | null;
  /** The modelId being deleted, or null. */
  declare busy: string | null;
  declare private message: string;

  constructor() {
    super();
    this.models = [];
    this.storage = null;
    this.busy = null;
    this.message = '';
  }

  /** The model whose Delete was pressed, until it leaves the list. */
  private pendingDelete: ManagedModel | null = null;
  private focusAfterDelete = false;

  override render() {
    const { models } = this;
    return html`
      <section aria-labelledby="manager-heading">
        <h2 id="manager-heading" tabindex="-1" data-role="heading">Models on this device</h2>
        ${models.length === 0
          ? html`<p data-role="empty">No models are stored on this device. A model is downloaded, after you agree, the first time you use it.</p>`
          : this.renderTable(models)}
        <p class="confirm" role="status" data-role="announcement">${this.message}</p>
        ${models.length > 0 ? html`<p data-role="total"><strong>Total used by models:</strong> ${formatBytes(models.reduce((sum, m) => sum + m.bytes, 0))}</p>` : nothing}
        ${this.storage ? this.renderStorage(this.storage, models.length > 0) : nothing}
      </section>
    `;
  }

  private renderTable(models: ManagedModel[]) {
    const now = Date.now();
    return html`
      <table tabindex="-1" data-role="table">
        <caption>Downloaded models, their size on disk and when you last used them</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Size on disk</th>
            <th scope="col">Last used</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${models.map((model) => this.renderRow(model, now))}
        </tbody>
      </table>
    `;
  }

  private renderRow(model: ManagedModel, now: number) {
    const size = formatBytes(model.bytes);
    const deleting = this.busy === model.modelId;
    return html`
      <tr data-role="model-row" data-model-id=${model.modelId}>
        <th scope="row">
          ${model.label}${model.inUse ? html` <span class="badge" data-role="in-use">In use</span>` : nothing}
        </th>
        <td data-role="size">${formatFilesSize(model.bytes, model.files)}</td>
        <td data-role="last-used">${lastUsed(model.lastUsedAt, now)}</td>
        <td>
          <!-- aria-disabled, not disabled: a disabled button drops keyboard focus mid-delete. -->
          <button
            type="button"
            data-role="delete"
            aria-label=${deleting ? `Deleting ${model.label}` : `Delete ${model.label} (${size})`}
            aria-disabled=${deleting ? 'true' : 'false'}
            @click=${() => this.requestDelete(model)}
          >
            ${deleting ? 'Deleting…' : 'Delete'}
          </button>
        </td>
      </tr>
    `;
  }

  private renderStorage(storage: ManagerStorage, hasModels: boolean) {
    return html`
      <p data-role="usage">This site uses ${formatBytes(storage.usageBytes)} of the ${formatBytes(storage.quotaBytes)} the browser allows it.</p>
      ${!hasModels
        ? nothing
        : storage.persisted
          ? html`<p data-role="persist-status">Storage is persistent: the browser keeps these models until you delete them.</p>`
          : html`<div class="persist">
              <p data-role="persist-status">The browser may clear these models when space runs low.</p>
              <button type="button" data-role="persist" @click=${this.requestPersist}>Keep models on this device</button>
            </div>`}
    `;
  }

  private requestDelete(model: ManagedModel): void {
    if (this.busy === model.modelId) return;
    this.pendingDelete = model;
    emit(this, 'model-delete-requested', { modelId: model.modelId });
  }

  private requestPersist(): void {
    emit(this, 'persist-requested');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const deleted = this.pendingDelete;
    if (!changed.has('models') || !deleted || this.models.some((m) => m.modelId === deleted.modelId)) return;
    this.pendingDelete = null;
    this.message = `Deleted ${deleted.label}, freeing ${formatBytes(deleted.bytes)}.`;
    // Read before render removes the row: was the person still working in this element?
    this.focusAfterDelete = this.shadowRoot?.activeElement != null || focusIsLost(this);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.focusAfterDelete) return;
    this.focusAfterDelete = false;
    const target = this.shadowRoot?.querySelector<HTMLElement>(this.models.length > 0 ? '[data-role="table"]' : '[data-role="heading"]');
    target?.focus();
  }
}

// Made when the manager first states a last use, not when the page starts: building a formatter loads locale data.
let relativeFormat: Intl.RelativeTimeFormat | undefined;
const relative = (): Intl.RelativeTimeFormat => (relativeFormat ??= new Intl.RelativeTimeFormat('en', { numeric: 'auto' }));
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60],
  ['hour', 60 * 60],
  ['day', 24 * 60 * 60],
  ['week', 7 * 24 * 60 * 60],
  ['month', 30 * 24 * 60 * 60],
  ['year', 365 * 24 * 60 * 60],
];

/** "3 days ago", "yesterday", "just now"; English like the rest of the interface. */
export function relativeTime(at: number, now: number): string {
  const seconds = (at - now) / 1000;
  if (Math.abs(seconds) < 60) return 'just now';
  let chosen = STEPS[0] as [Intl.RelativeTimeFormatUnit, number];
  for (const step of STEPS) if (Math.abs(seconds) >= step[1]) chosen = step;
  return relative().format(Math.round(seconds / chosen[1]), chosen[0]);
}

function lastUsed(at: number | undefined, now: number) {
  if (at === undefined) return html`<span class="muted">Not used yet</span>`;
  const date = new Date(at);
  // The person's own date format for the exact time; the relative phrase is for scanning.
  const absolute = date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return html`<time datetime=${date.toISOString()}>${relativeTime(at, now)}</time>
    <span class="absolute" data-role="last-used-exact">${absolute}</span>`;
}

function focusIsLost(host: HTMLElement): boolean {
  const active = host.ownerDocument.activeElement;
  return active === null || active === host.ownerDocument.body || active === host;
}

customElements.define('model-manager', ModelManager);

declare global {
  interface HTMLElementTagNameMap {
    'model-manager': ModelManager;
  }
}
