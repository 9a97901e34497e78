import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type PageView = 'photos' | 'settings';

/** The URL fragment that opens the settings view: a link, Back and a bookmark all work. */
export const SETTINGS_HASH = '#settings';

/** The element that has focus, looking inside shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * Which view the page shows, from the URL's fragment. Opening the settings view moves focus to
 * its heading; leaving it (the Back link, the browser's Back) returns focus to the control that
 * opened it, or to `fallbackFocus` when that control is gone.
 */
export class PageViews implements ReactiveController {
  current: PageView = viewOf(location.hash);
  /** True once the settings view was first opened: it is rendered from then on. */
  settingsOpened = this.current === 'settings';
  private opener: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly focusTargets: { settingsHeading: () => Promise<HTMLElement | null>; fallback: () => HTMLElement | null },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('hashchange', this.onHashChange);
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.onHashChange);
  }

  private readonly onHashChange = (): void => {
    const next = viewOf(location.hash);
    if (next === this.current) return;
    if (next === 'settings') this.opener = deepActiveElement();
    this.current = next;
    this.settingsOpened ||= next === 'settings';
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.moveFocus(next));
  };

  private async moveFocus(view: PageView): Promise<void> {
    if (view === 'settings') return void (await this.focusTargets.settingsHeading())?.focus();
    const target = this.opener?.isConnected ? this.opener : this.focusTargets.fallback();
    this.opener = null;
    target?.focus();
  }
}

function viewOf(hash: string): PageView {
  return hash === SETTINGS_HASH ? 'settings' : 'photos';
}
