import { html, LitElement, nothing } from 'lit';
import { droppedFolders, itemsFromPickedFolder, type DropItemLike, type IntakeItem } from '../../intake/walk-entries';
import { droppedHandles, walkDirectoryHandle, type DirectoryPicker, type HandleDropItemLike } from '../../intake/walk-handles';
import { emit, type AltscribeEvent, type FilesVia } from '../shared/events';
import { sharedStyles } from '../shared/shared-styles';
import { dropZoneStyles } from './drop-zone.styles';
import { combinedContext } from '../../alttext/folder-context';
import { batchContextStyles, renderContextField, type ContextUse } from './batch-context';

export type FilesSelectedEvent = AltscribeEvent<'files-selected'>;

/** What a drop hands over; a DataTransfer in the browser. */
export interface DropTransfer {
  readonly files: ArrayLike<File> & Iterable<File>;
  readonly items?: ArrayLike<DropItemLike & HandleDropItemLike> & Iterable<DropItemLike & HandleDropItemLike>;
}

/** Chromium's folder picker gives handles a later session can reopen; other browsers use the input. */
function directoryPicker(): DirectoryPicker | undefined {
  const picker = (window as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker;
  return typeof picker === 'function' ? picker.bind(window) : undefined;
}

/**
 * Where photos come in: real buttons that open the file or folder picker (keyboard and
 * screen-reader friendly), plus the visual target for drag and drop. Drops and pastes anywhere
 * on the page are routed here by the app, so a near-miss drop never makes the browser open the file.
 */
export class DropZone extends LitElement {
  static override styles = [sharedStyles, dropZoneStyles, batchContextStyles];
  static override properties = {
    active: { type: Boolean, reflect: true },
    compact: { type: Boolean, reflect: true },
    modelReadsContext: { attribute: false },
    reading: { state: true },
    summary: { state: true },
    context: { state: true },
    useFolderNames: { state: true },
  };

  /** Reflects while files are dragged over the page. */
  declare active: boolean;
  /**
   * Set by the app once photos exist: the zone shrinks to one line so the list starts near the
   * top of the screen. Every control and hint stays in the page (hints are only hidden visually,
   * so the buttons keep their descriptions).
   */
  declare compact: boolean;
  /** Whether the selected model reads the context (familyReadsContext); the app sets it, undefined says it in general. */
  declare modelReadsContext: ContextUse;
  /** The batch's context as typed; cleaned when photos are added. */
  declare context: string;
  /** Whether folder names join the context (off unless chosen: most are camera names). */
  declare useFolderNames: boolean;
  /** A folder is being read ('' when none): big folders take a moment before the first card shows. */
  declare private reading: string;
  /** What became of the last files added; stays visible and is spoken once (its own polite region). */
  declare private summary: string;

  constructor() {
    super();
    this.active = false;
    this.compact = false;
    this.reading = '';
    this.summary = '';
    this.context = '';
    this.useFolderNames = false;
  }

  private get input(): HTMLInputElement {
    return this.renderRoot.querySelector('input[data-role=photos-input]') as HTMLInputElement;
  }

  private get folderInput(): HTMLInputElement {
    return this.renderRoot.querySelector('input[data-role=folder-input]') as HTMLInputElement;
  }

  override render() {
    return html`
      <div class="zone">
        <p id="drop-instructions">Drop photos or folders anywhere on this page, paste a photo, or</p>
        <div class="choices">
          <button class="primary" type="button" aria-describedby="drop-instructions" @click=${this.openPicker}>Choose photos…</button>
          <button type="button" aria-describedby="folder-hint" @click=${this.openFolderPicker}>Choose a folder…</button>
        </div>
        <input class="visually-hidden" data-role="photos-input" type="file" accept="image/*" multiple tabindex="-1" aria-hidden="true" @change=${this.picked} />
        <input class="visually-hidden" data-role="folder-input" type="file" webkitdirectory tabindex="-1" aria-hidden="true" @change=${this.pickedFolder} />
        ${this.reading ? html`<p class="hint" data-role="reading">${this.reading}</p>` : nothing}
        <p class="hint summary" data-role="intake-summary">${this.summary}</p>
        <p class="hint more" id="folder-hint">All photos in a folder and its subfolders are added; other files are listed as skipped.</p>
        <p class="hint more">Photos stay on this device: the model runs in your browser.</p>
        ${renderContextField({
          value: this.context,
          useFolderNames: this.useFolderNames,
          modelReadsContext: this.modelReadsContext,
          onInput: (value) => (this.context = value),
          onFolderNames: (use) => (this.useFolderNames = use),
        })}
      </div>
    `;
  }

  openPicker(): void {
    this.input.click();
  }

  openFolderPicker(): void {
    const picker = directoryPicker();
    if (!picker) return this.folderInput.click();
    void picker({ mode: 'read' }).then(
      (folder) => this.read('Reading the chosen folder…', 'folder', () => walkDirectoryHandle(folder)),
      (error: unknown) => {
        // Cancelling the picker is not an error worth a word.
        if (!(error instanceof Error && error.name === 'AbortError')) this.summary = `The folder could not be opened (${error instanceof Error ? error.name : String(error)}). Try again, or drop the folder on this page.`;
      },
    );
  }

  /** Shows what became of the added files (the app speaks it through the page's live region). */
  report(summary: string | void): void {
    this.summary = summary || '';
  }

  /** Called by the app for drops and pastes anywhere on the page. */
  deliver(files: File[], via: 'drop' | 'paste'): void {
    if (files.length) this.select(files, via);
  }

  /**
   * Called by the app inside its drop handler: folder entries must be taken before it returns.
   * Without a folder the files go out at once, as with `deliver`.
   */
  deliverDrop(transfer: DropTransfer): void {
    const items = transfer.items ? [...transfer.items] : [];
    // Both must be asked inside the drop handler; handles (Chromium) are preferred because they can be kept.
    const handles = droppedHandles(items);
    const walk = items.length ? droppedFolders(items) : null;
    if (!walk) return this.deliver([...transfer.files], 'drop');
    void this.read('Reading the dropped folder…', 'drop', async () => (await handles?.()) ?? walk());
  }

  private async read(message: string, via: FilesVia, walk: () => Promise<IntakeItem[]>): Promise<void> {
    this.reading = message;
    try {
      const items = await walk();
      if (items.length) this.select(items.map((i) => i.file), via, items);
    } finally {
      this.reading = '';
    }
  }

  private picked(): void {
    const files = [...(this.input.files ?? [])];
    this.input.value = ''; // picking the same photo again must fire change again
    if (files.length) this.select(files, 'picker');
  }

  private pickedFolder(): void {
    const files = [...(this.folderInput.files ?? [])];
    this.folderInput.value = '';
    const items = itemsFromPickedFolder(files);
    if (items.length) this.select(items.map((i) => i.file), 'folder', items);
  }

  /** With a context (typed, or from folder names when asked), files go out as items carrying it, so each card stores its own. */
  private select(files: File[], via: FilesVia, items?: IntakeItem[]): void {
    const all: IntakeItem[] = items ?? files.map((file) => ({ file }));
    const withContext = all.map((item) => {
      const context = combinedContext(this.context, item.relativePath, this.useFolderNames);
      return context ? { ...item, context } : item;
    });
    if (withContext.some((item) => 'context' in item)) return emit(this, 'files-selected', { files, via, items: withContext });
    emit(this, 'files-selected', items ? { files, via, items } : { files, via });
  }
}

customElements.define('drop-zone', DropZone);

declare global {
  interface HTMLElementTagNameMap {
    'drop-zone': DropZone;
  }
}
