import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DropZone } from '../drop-zone/drop-zone';

/**
 * Makes the whole page a drop target and a paste target for photos, handing what arrives to
 * the drop zone (which walks folders and tells the app). Listening on the window means a
 * person can drop anywhere, not only on the drop zone's box.
 */
export class PageDropTarget implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly dropZone: () => DropZone | null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('dragover', this.onDragOver);
    window.addEventListener('dragleave', this.onDragLeave);
    window.addEventListener('drop', this.onDrop);
    window.addEventListener('paste', this.onPaste);
  }

  hostDisconnected(): void {
    window.removeEventListener('dragover', this.onDragOver);
    window.removeEventListener('dragleave', this.onDragLeave);
    window.removeEventListener('drop', this.onDrop);
    window.removeEventListener('paste', this.onPaste);
  }

  private readonly onDragOver = (event: DragEvent): void => {
    const zone = this.dropZone();
    if (!zone || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    zone.active = true;
  };

  private readonly onDragLeave = (event: DragEvent): void => {
    const zone = this.dropZone();
    if (zone && event.relatedTarget === null) zone.active = false;
  };

  private readonly onDrop = (event: DragEvent): void => {
    const zone = this.dropZone();
    if (!zone || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    zone.active = false;
    zone.deliverDrop(event.dataTransfer);
  };

  private readonly onPaste = (event: ClipboardEvent): void => {
    const zone = this.dropZone();
    const files = [...(event.clipboardData?.files ?? [])];
    if (!zone || !files.length) return; // plain text pastes go to the field being edited
    event.preventDefault();
    zone.deliver(files, 'paste');
  };
}
