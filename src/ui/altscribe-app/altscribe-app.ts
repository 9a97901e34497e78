import { html, LitElement } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AltscribeController } from '../../app/altscribe-controller';
import type { CardAction, CaptionCard } from '../caption-card/caption-card';
import '../caption-card/caption-card';
import type { DropZone, FilesSelectedEvent } from '../drop-zone/drop-zone';
import '../drop-zone/drop-zone';
import '../model-panel/model-panel';
import { sharedStyles } from '../shared/shared-styles';
import { altscribeAppStyles } from './altscribe-app.styles';

/**
 * The page: model panel, drop zone, the list of cards, and one polite live region through
 * which everything that happens out of sight (caption finished, model ready) is announced.
 */
export class AltscribeApp extends LitElement {
  static override styles = [sharedStyles, altscribeAppStyles];
  static override properties = { controller: { attribute: false }, announcement: { state: true } };

  declare controller: AltscribeController;
  declare private announcement: string;

  constructor() {
    super();
    this.announcement = '';
  }

  private get dropZone(): DropZone {
    return this.renderRoot.querySelector('drop-zone') as DropZone;
  }

  private readonly rerender = (): void => this.requestUpdate();
  private readonly onAnnounce = (event: Event): void => this.announce((event as CustomEvent<string>).detail);

  override connectedCallback(): void {
    super.connectedCallback();
    this.controller.addEventListener('change', this.rerender);
    this.controller.addEventListener('announce', this.onAnnounce);
    window.addEventListener('dragover', this.onDragOver);
    window.addEventListener('dragleave', this.onDragLeave);
    window.addEventListener('drop', this.onDrop);
    window.addEventListener('paste', this.onPaste);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controller.removeEventListener('change', this.rerender);
    this.controller.removeEventListener('announce', this.onAnnounce);
    window.removeEventListener('dragover', this.onDragOver);
    window.removeEventListener('dragleave', this.onDragLeave);
    window.removeEventListener('drop', this.onDrop);
    window.removeEventListener('paste', this.onPaste);
  }

  override render() {
    const { cards, model } = this.controller;
    return html`
      <header>
        <h1>Altscribe</h1>
        <p>Alt-text for your photos, written by a model that runs in this browser tab.</p>
      </header>
      <main>
        ${this.controller.problem ? html`<p class="problem" role="alert" data-role="problem">${this.controller.problem}</p>` : ''}
        <model-panel .model=${model} @settings-change=${(e: CustomEvent) => void this.controller.setSettings(e.detail)}></model-panel>
        <drop-zone @files-selected=${(e: FilesSelectedEvent) => void this.controller.addFiles(e.detail.files)}></drop-zone>
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">Photos (${cards.length})</h2>
          ${cards.length === 0
            ? html`<p class="empty">No photos yet. Added photos and their alt-text are kept in this browser until you delete them.</p>`
            : html`<ol @card-action=${this.onCardAction} @edit-text=${this.onEdit}>
                ${repeat(cards, (c) => c.record.id, (c) => html`<li><caption-card .card=${c}></caption-card></li>`)}
              </ol>`}
        </section>
      </main>
      <div class="visually-hidden" role="status" aria-live="polite" data-role="announcer">${this.announcement}</div>
    `;
  }

  private announce(message: string): void {
    // Re-setting identical text is not re-announced; clear first so repeats are heard too.
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = message));
  }

  private onEdit = (event: Event): void => {
    const { id, text } = (event as CustomEvent<{ id: string; text: string }>).detail;
    void this.controller.editText(id, text);
  };

  private onCardAction = async (event: Event): Promise<void> => {
    const { id, action, text } = (event as CustomEvent<{ id: string; action: CardAction; text: string }>).detail;
    const card = event.composedPath().find((n): n is CaptionCard => n instanceof HTMLElement && n.localName === 'caption-card');
    switch (action) {
      case 'copy':
        try {
          await navigator.clipboard.writeText(text);
          card?.confirm('Copied to clipboard');
        } catch {
          card?.confirm('Copy failed: select the text and press Ctrl+C');
        }
        return;
      case 'approve':
        return this.controller.approve(id);
      case 'delete': {
        const name = this.controller.cards.find((c) => c.record.id === id)?.record.fileName ?? 'photo';
        await this.controller.remove(id);
        this.announce(`Deleted ${name}.`);
        // The focused button is gone: put focus somewhere predictable.
        this.dropZone.shadowRoot?.querySelector('button')?.focus();
        return;
      }
      case 'cancel':
        return this.controller.cancel(id);
      case 'retry':
        return this.controller.retry(id);
    }
  };

  private onDragOver = (event: DragEvent): void => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.dropZone.active = true;
  };

  private onDragLeave = (event: DragEvent): void => {
    if (event.relatedTarget === null) this.dropZone.active = false;
  };

  private onDrop = (event: DragEvent): void => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    this.dropZone.active = false;
    this.dropZone.deliver([...event.dataTransfer.files], 'drop');
  };

  private onPaste = (event: ClipboardEvent): void => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (!files.length) return; // plain text pastes go to the field being edited
    event.preventDefault();
    this.dropZone.deliver(files, 'paste');
  };
}

customElements.define('altscribe-app', AltscribeApp);

declare global {
  interface HTMLElementTagNameMap {
    'altscribe-app': AltscribeApp;
  }
}
