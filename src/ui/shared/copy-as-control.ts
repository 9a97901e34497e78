import { css, html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { copyFormat } from '../../export/copy-format';
import { COPY_FORMAT_LABELS, COPY_FORMATS, formatAltText, isCopyFormat, type CopyFormat } from '../../export/copy-as';

/** The menu's words: "Text" starts the list, the confirmation says "Copied as text". */
const MENU_LABELS: Readonly<Record<CopyFormat, string>> = { text: 'Text', html: 'HTML', markdown: 'Markdown' };

/**
 * Copy and, next to it, the format it copies in: "[Copy] as [Text ▾]". The menu is a native
 * select (keyboard and screen readers know it); its name "Copy as" contains the visible "as".
 * The choice is the page's one setting (export/copy-format.ts), so every card shows the same.
 */
export function renderCopyControl(onCopy: () => void, keyshortcut?: string) {
  const current = copyFormat.value;
  return html`
    <span class="copy-control">
      <button type="button" data-role="copy" aria-keyshortcuts=${ifDefined(keyshortcut)} @click=${onCopy}>Copy</button>
      <label class="copy-format"
        >as
        <select data-role="copy-format" aria-label="Copy as" @change=${onFormatChange}>
          ${COPY_FORMATS.map((format) => html`<option value=${format} ?selected=${format === current}>${MENU_LABELS[format]}</option>`)}
        </select></label
      >
    </span>
  `;
}

function onFormatChange(event: Event): void {
  const { value } = event.target as HTMLSelectElement;
  if (isCopyFormat(value)) void copyFormat.choose(value);
}

/**
 * Puts the alt-text on the clipboard in the chosen format; answers with the sentence to show and
 * announce. The clipboard may refuse (no focus, no permission): the answer then says what to do.
 */
export async function copyAltText(text: string, fileName: string, format: CopyFormat = copyFormat.value): Promise<string> {
  try {
    await navigator.clipboard.writeText(formatAltText(format, text, fileName));
    return `Copied as ${COPY_FORMAT_LABELS[format]}`;
  } catch {
    return 'Copy failed: select the text and press Ctrl+C';
  }
}

/**
 * Re-renders `host` whenever the format changes (another card's menu, the saved choice read),
 * so every menu shows it; returns the unsubscribe.
 */
export function followCopyFormat(host: { requestUpdate(): void }): () => void {
  const update = (): void => host.requestUpdate();
  copyFormat.addEventListener('change', update);
  void copyFormat.load();
  return () => copyFormat.removeEventListener('change', update);
}

export const copyControlStyles = css`
  /* Wraps in a narrow card (320 px, 400 % zoom) rather than widening it. */
  .copy-control {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35rem;
    max-width: 100%;
  }
  .copy-format {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35rem;
    min-width: 0;
    max-width: 100%;
  }
  .copy-format select {
    max-width: 100%;
    padding-inline: 0.5rem;
  }
`;
