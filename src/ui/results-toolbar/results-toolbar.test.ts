// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RESULTS_VIEW, type ResultsView } from '../../app/result-filters';
import type { ExportRequestedEvent, ImportFileSelectedEvent, ResultsToolbar, ResultsViewChangeEvent } from './results-toolbar';
import './results-toolbar';
import { cleanup, mount as mountElement } from '../shared/test-mount';

const mount = (props: Partial<ResultsToolbar> = {}): Promise<ResultsToolbar> => mountElement('results-toolbar', { shown: 3, total: 10, ...props });

const root = (el: ResultsToolbar): ShadowRoot => el.shadowRoot as ShadowRoot;
const select = (el: ResultsToolbar, role: string): HTMLSelectElement => root(el).querySelector(`select[data-role=${role}]`) as HTMLSelectElement;
const button = (el: ResultsToolbar, name: string): HTMLButtonElement | undefined => [...root(el).querySelectorAll('button')].find((b) => b.textContent?.trim() === name);

function choose(el: ResultsToolbar, role: string, value: string): void {
  const s = select(el, role);
  s.value = value;
  s.dispatchEvent(new Event('change'));
}

function events<T extends Event>(el: EventTarget, type: string): T[] {
  const list: T[] = [];
  el.addEventListener(type, (e) => list.push(e as T));
  return list;
}

afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

describe('results-toolbar filters', () => {
  it('keeps each label with its select, so a line never breaks between them', async () => {
    const el = await mount({ bands: { 'needs-review': 1, check: 2, fine: 3 }, transfer: true });
    const selects = [...root(el).querySelectorAll('select')];
    expect(selects.map((s) => s.id)).toEqual(['status', 'flag', 'band', 'sort', 'scope']);
    for (const s of selects) {
      const label = root(el).querySelector(`label[for=${s.id}]`);
      // One wrapper per pair, and the pair is the item the fieldset's flex row wraps.
      expect(label?.parentElement, s.id).toBe(s.parentElement);
      expect(s.parentElement?.classList.contains('field'), s.id).toBe(true);
      expect(s.parentElement?.parentElement?.tagName, s.id).toBe('FIELDSET');
    }
  });

  it('labels every select and says how many photos are shown', async () => {
    const el = await mount();
    for (const [role, label] of [['status', 'Status'], ['flag', 'Flags'], ['sort', 'Sort by']] as const) {
      const s = select(el, role);
      expect(root(el).querySelector(`label[for=${s.id}]`)?.textContent?.trim()).toBe(label);
    }
    expect(root(el).querySelector('[data-role=showing]')?.textContent).toBe('Showing 3 of 10 photos');
    expect(root(el).querySelector('legend')?.textContent).toBe('Show');
  });

  it('reports each choice as the whole new view, leaving the other choices as they were', async () => {
    const view: ResultsView = { status: 'edited', flag: 'all', sort: 'name' };
    const el = await mount({ view });
    const changes = events<ResultsViewChangeEvent>(el, 'results-view-change');
    choose(el, 'flag', 'repetition');
    choose(el, 'status', 'failed');
    choose(el, 'sort', 'flags');
    expect(changes.map((e) => e.detail)).toEqual([
      { status: 'edited', flag: 'repetition', sort: 'name' },
      { status: 'failed', flag: 'all', sort: 'name' },
      { status: 'edited', flag: 'all', sort: 'flags' },
    ]);
  });

  it('shows the current view as selected and the count per status when given', async () => {
    const counts = { all: 10, unreviewed: 4, edited: 3, approved: 1, imported: 2, 'in-progress': 0, failed: 0, skipped: 0 };
    const el = await mount({ view: { ...DEFAULT_RESULTS_VIEW, status: 'imported' }, counts });
    expect(select(el, 'status').value).toBe('imported');
    expect(select(el, 'status').selectedOptions[0]?.textContent).toBe('Imported (2)');
  });
});

describe('results-toolbar review priority', () => {
  const bands = { 'needs-review': 1204, check: 40, fine: 7 };

  it('hides the band filter until something has a priority', async () => {
    expect(select(await mount(), 'band')).toBeNull();
  });

  it('offers the bands with their tallies, labelled, and reports a choice as the whole view', async () => {
    const el = await mount({ view: { ...DEFAULT_RESULTS_VIEW, sort: 'name' }, bands });
    const band = select(el, 'band');
    expect(root(el).querySelector(`label[for=${band.id}]`)?.textContent?.trim()).toBe('Review');
    expect([...band.options].map((o) => o.textContent)).toEqual(['All', 'Needs review (1,204)', 'Check if time allows (40)', 'Likely fine (7)']);
    expect(band.value).toBe('all');
    const changes = events<ResultsViewChangeEvent>(el, 'results-view-change');
    choose(el, 'band', 'check');
    expect(changes.map((e) => e.detail)).toEqual([{ status: 'all', flag: 'all', sort: 'name', band: 'check' }]);
  });

  it('offers Riskiest first as a sort', async () => {
    const el = await mount({ bands });
    const changes = events<ResultsViewChangeEvent>(el, 'results-view-change');
    expect([...select(el, 'sort').options].find((o) => o.value === 'risk')?.textContent).toBe('Riskiest first');
    choose(el, 'sort', 'risk');
    expect(changes[0]?.detail.sort).toBe('risk');
  });

  it('keeps a chosen band visible, so it can be undone, and follows the view', async () => {
    const el = await mount({ view: { ...DEFAULT_RESULTS_VIEW, band: 'needs-review' } });
    expect(select(el, 'band').value).toBe('needs-review');
    el.view = DEFAULT_RESULTS_VIEW;
    el.bands = bands;
    await el.updateComplete;
    expect(select(el, 'band').value).toBe('all');
  });
});

describe('results-toolbar export and import', () => {
  it('offers export and import only when the app can transfer', async () => {
    expect(button(await mount(), 'Export CSV')).toBeUndefined();
    document.body.replaceChildren();
    const el = await mount({ transfer: true });
    expect(button(el, 'Export CSV')).toBeDefined();
    expect(button(el, 'Export JSON')).toBeDefined();
    expect(button(el, 'Import alt-texts…')?.getAttribute('aria-describedby')).toBe('import-hint');
  });

  it('exports all photos by default, or only the shown ones when chosen', async () => {
    const el = await mount({ transfer: true });
    const requests = events<ExportRequestedEvent>(el, 'export-requested');
    button(el, 'Export CSV')?.click();
    choose(el, 'scope', 'shown');
    await el.updateComplete;
    button(el, 'Export JSON')?.click();
    expect(requests.map((e) => e.detail)).toEqual([{ format: 'csv', scope: 'all' }, { format: 'json', scope: 'shown' }]);
  });

  it('exports everything when nothing is filtered, whatever the scope says', async () => {
    const el = await mount({ transfer: true, shown: 10 });
    const requests = events<ExportRequestedEvent>(el, 'export-requested');
    choose(el, 'scope', 'shown');
    button(el, 'Export CSV')?.click();
    expect(requests[0]?.detail.scope).toBe('all');
  });

  it('opens the hidden file input from the import button and reports the picked file once', async () => {
    const el = await mount({ transfer: true });
    const input = root(el).querySelector('input[type=file]') as HTMLInputElement;
    expect(input.getAttribute('tabindex')).toBe('-1');
    expect(input.getAttribute('accept')).toContain('.csv');
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    button(el, 'Import alt-texts…')?.click();
    expect(click.mock.contexts[0]).toBe(input);

    const picked = events<ImportFileSelectedEvent>(el, 'import-file-selected');
    const transfer = new DataTransfer();
    transfer.items.add(new File(['file_name,alt_text\n'], 'alts.csv', { type: 'text/csv' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    expect(picked.map((e) => e.detail.file.name)).toEqual(['alts.csv']);
  });

  it('shows the last summary, with the skipped rows listed, and waits while importing', async () => {
    const el = await mount({ transfer: true, busy: true, message: { text: 'Imported 2 alt-texts: 2 matched photos; 1 row skipped: empty alt-text.', details: ['Line 4: skipped, its alt-text is empty.'], failed: false } });
    const message = root(el).querySelector('[data-role=transfer-message]');
    expect(message?.querySelector('p')?.textContent).toBe('Imported 2 alt-texts: 2 matched photos; 1 row skipped: empty alt-text.');
    expect(message?.querySelector('summary')?.textContent).toBe('Rows not imported (1)');
    expect(message?.querySelector('li')?.textContent).toBe('Line 4: skipped, its alt-text is empty.');
    expect(button(el, 'Importing…')?.disabled).toBe(true);
  });
});
