// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchView } from '../../app/batch-controls';
import type { BatchEstimate } from '../../models/batch-time-left';
import type { BatchSnapshot } from '../../models/batch-progress';
import type { BatchProgress } from './batch-progress';
import './batch-progress';
import { cleanup, mount as mountElement } from '../shared/test-mount';

const snapshot = (patch: Partial<BatchSnapshot> = {}): BatchSnapshot => ({ total: 40, done: 11, failed: 1, cancelled: 0, settled: 12, perMinute: 6, etaMs: 28 * 10_000, active: true, ...patch });
const view = (patch: Partial<BatchView> = {}): BatchView => ({ snapshot: snapshot(), remote: null, paused: false, waitingForOtherTab: false, waiting: 27, retryable: 1, cannotCaption: 0, cannotCaptionShown: [], ...patch });

const mount = (view: BatchView | null): Promise<BatchProgress> => mountElement('batch-progress', { view });

const root = (el: BatchProgress) => el.shadowRoot as ShadowRoot;
const q = (el: BatchProgress, selector: string) => root(el).querySelector(selector) as HTMLElement | null;
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function actions(el: BatchProgress): string[] {
  const seen: string[] = [];
  el.addEventListener('batch-action', (e) => seen.push((e as CustomEvent<{ action: string }>).detail.action));
  return seen;
}

afterEach(cleanup);

describe('batch-progress', () => {
  it('shows nothing before there is a batch, a pause or a failure', async () => {
    const el = await mount(view({ snapshot: null, waiting: 0, retryable: 0 }));
    expect(q(el, 'section')).toBeNull();
  });

  it('shows done/total, failures, rate and time left, with a native progress bar', async () => {
    const el = await mount(view());
    expect(text(q(el, '[data-role=progress-text]'))).toBe('12 of 40 photos finished · 1 failed · 6.0 photos per minute · about 5 min left');
    const bar = q(el, 'progress') as HTMLProgressElement;
    expect(bar.max).toBe(40);
    expect(bar.value).toBe(12);
    expect(bar.getAttribute('aria-label')).toBe('Progress');
    expect(bar.getAttribute('aria-describedby')).toBe('mine-text');
    expect(q(el, '[aria-live]')).toBeNull();
  });

  it('has clearly labelled buttons that ask for pause, cancel-waiting and retry-failed', async () => {
    const el = await mount(view());
    const seen = actions(el);
    expect(text(q(el, '[data-role=pause-resume]'))).toBe('Pause captioning');
    expect(text(q(el, '[data-role=cancel-waiting]'))).toBe('Cancel waiting photos (27)');
    expect(text(q(el, '[data-role=retry-failed]'))).toBe('Retry failed photos (1)');
    q(el, '[data-role=pause-resume]')?.click();
    q(el, '[data-role=cancel-waiting]')?.click();
    q(el, '[data-role=retry-failed]')?.click();
    expect(seen).toEqual(['pause', 'cancel-waiting', 'retry-failed']);
  });

  it('offers Resume on the same button when paused, keeping focus on it', async () => {
    const el = await mount(view());
    const button = q(el, '[data-role=pause-resume]') as HTMLButtonElement;
    button.focus();
    el.view = view({ paused: true });
    await el.updateComplete;
    expect(q(el, '[data-role=pause-resume]')).toBe(button);
    expect(text(button)).toBe('Resume captioning');
    expect(text(q(el, '[data-role=paused]'))).toContain('Waiting photos stay queued until you resume');
    const seen = actions(el);
    button.click();
    expect(seen).toEqual(['resume']);
  });

  it('keeps buttons with nothing to do focusable but inert', async () => {
    const el = await mount(view({ waiting: 0, retryable: 0 }));
    const seen = actions(el);
    const cancel = q(el, '[data-role=cancel-waiting]') as HTMLButtonElement;
    expect(cancel.disabled).toBe(false);
    expect(cancel.getAttribute('aria-disabled')).toBe('true');
    cancel.click();
    expect(seen).toEqual([]);
  });

  it('says when captioning runs in another tab, with that tab’s counts', async () => {
    const el = await mount(view({ snapshot: null, waiting: 0, retryable: 0, remote: { snapshot: snapshot({ settled: 3, done: 3, failed: 0, total: 6 }), paused: false } }));
    expect(text(q(el, '[data-role=elsewhere]'))).toBe('Captioning is running in another tab.');
    expect(text(q(el, '[data-role=remote-text]'))).toContain('3 of 6 photos finished');
    expect((q(el, 'progress') as HTMLProgressElement).getAttribute('aria-label')).toBe('Progress in the other tab');
  });

  it('tells a tab with its own photos that they wait for the other tab', async () => {
    const el = await mount(view({ snapshot: snapshot({ settled: 0, done: 0, failed: 0, total: 2, perMinute: null, etaMs: null }), waiting: 2, waitingForOtherTab: true, remote: { snapshot: snapshot(), paused: true } }));
    expect(text(q(el, '[data-role=elsewhere]'))).toBe('Captioning is running in another tab (paused there). Your photos here wait until it finishes.');
    expect(text(q(el, '[data-role=progress-text]'))).toBe('0 of 2 photos finished · estimating time left');
  });
});

const cannot = (count: number, files: string[] = []): Partial<BatchView> => ({ cannotCaption: count, cannotCaptionShown: files.map((name, i) => ({ id: `c${i}`, fileName: name, why: `${name} is empty (0 bytes), so there is no picture to describe.` })) });

describe('batch-progress and failures retrying cannot help', () => {
  it('counts files that cannot be captioned apart, and offers no Retry when all failures are such', async () => {
    const el = await mount(view({ ...cannot(8, ['a.jpg', 'b.svg']), retryable: 0 }));
    expect(q(el, '[data-role=retry-failed]')).toBeNull();
    expect(text(q(el, '[data-role=cannot-caption]'))).toMatch(/^8 files cannot be captioned: see why/);
  });

  it('offers Retry for the retryable ones only, with their count, beside the files that cannot be captioned', async () => {
    const el = await mount(view({ ...cannot(1, ['a.jpg']), retryable: 2 }));
    expect(text(q(el, '[data-role=retry-failed]'))).toBe('Retry failed photos (2)');
    expect(text(q(el, '[data-role=cannot-caption-count]'))).toBe('1 file cannot be captioned');
  });

  it('"see why" discloses each file with what is wrong, and how many are not listed', async () => {
    const el = await mount(view({ ...cannot(23, ['a.jpg', 'b.jpg']), snapshot: null, waiting: 0, retryable: 0 }));
    const why = q(el, '[data-role=see-why]') as HTMLButtonElement;
    const list = q(el, '#cannot-caption-list') as HTMLElement;
    expect(why.getAttribute('aria-controls')).toBe('cannot-caption-list');
    expect(why.getAttribute('aria-expanded')).toBe('false');
    expect(list.hidden).toBe(true);
    why.click();
    await el.updateComplete;
    expect(why.getAttribute('aria-expanded')).toBe('true');
    expect(list.hidden).toBe(false);
    expect([...root(el).querySelectorAll('[data-role=cannot-caption-file]')].map(text)).toEqual(['a.jpg is empty (0 bytes), so there is no picture to describe.', 'b.jpg is empty (0 bytes), so there is no picture to describe.']);
    expect(text(list)).toContain('And 21 more.');
  });

  it('disables Pause when nothing is queued or running, here or in another tab', async () => {
    const el = await mount(view({ ...cannot(3), snapshot: snapshot({ active: false, settled: 40 }), waiting: 0, retryable: 0 }));
    const seen = actions(el);
    const pause = q(el, '[data-role=pause-resume]') as HTMLButtonElement;
    expect(text(pause)).toBe('Pause captioning');
    expect(pause.getAttribute('aria-disabled')).toBe('true');
    pause.click();
    expect(seen).toEqual([]);
    el.view = view({ ...cannot(3), snapshot: null, waiting: 0, retryable: 0, remote: { snapshot: snapshot(), paused: false } });
    await el.updateComplete;
    expect(pause.getAttribute('aria-disabled')).toBe('false');
  });

  it('keeps Resume enabled while paused with nothing waiting', async () => {
    const el = await mount(view({ snapshot: null, waiting: 0, retryable: 0, paused: true }));
    expect(q(el, '[data-role=pause-resume]')?.getAttribute('aria-disabled')).toBe('false');
  });

  it('moves focus to Pause/Resume when Retry goes away after being pressed', async () => {
    const el = await mount(view({ retryable: 2 }));
    const retry = q(el, '[data-role=retry-failed]') as HTMLButtonElement;
    retry.focus();
    retry.click();
    el.view = view({ retryable: 0 });
    await el.updateComplete;
    expect(root(el).activeElement).toBe(q(el, '[data-role=pause-resume]'));
  });
});

const estimate = (patch: Partial<BatchEstimate> = {}): BatchEstimate => ({
  msPerPhoto: 3_084,
  remaining: 8_950,
  remainingMs: 3_084 * 8_950,
  modelId: 'onnx-community/Florence-2-base-ft',
  modelName: 'Florence-2 base',
  faster: { modelId: 'Mozilla/distilvit', modelName: 'DistilViT', remainingMs: 2 * 3_600_000 },
  switchingTo: null,
  ...patch,
});

describe('batch-progress with an estimate', () => {
  it('states the time for the rest at the pace measured here, the faster model, and leaves the time out of the count line', async () => {
    const el = await mount(view({ estimate: estimate() }));
    expect(text(q(el, '[data-role=progress-text]'))).toBe('12 of 40 photos finished · 1 failed');
    expect(text(q(el, '[data-role=estimate] p'))).toBe('≈ 7 h 40 min for 8,950 photos with Florence-2 base, at 3.1 s per photo on this device; ≈ 2 h with DistilViT.');
    expect(q(el, '[data-role=estimate] [aria-live]')).toBeNull();
  });

  it('switches through a button that names the model, described by what it does not promise', async () => {
    const el = await mount(view({ estimate: estimate() }));
    const seen = actions(el);
    const button = q(el, '[data-role=use-faster-model]') as HTMLButtonElement;
    expect(button.tagName).toBe('BUTTON');
    expect(text(button)).toBe('Use DistilViT for the remaining photos');
    expect(text(q(el, `#${button.getAttribute('aria-describedby')}`))).toContain('asked before any download');
    button.click();
    expect(seen).toEqual(['use-faster-model']);
  });

  it('offers no button without a faster model, and says when a switch is under way', async () => {
    const el = await mount(view({ estimate: estimate({ faster: null, switchingTo: 'DistilViT' }) }));
    expect(q(el, '[data-role=use-faster-model]')).toBeNull();
    expect(text(q(el, '[data-role=switching]'))).toBe('The remaining photos switch to DistilViT; a new estimate follows after its first few photos.');
  });
});

describe('batch-progress focus after switching to the faster model', () => {
  it('moves focus to Pause/Resume when the button goes with the switch', async () => {
    const el = await mount(view({ estimate: estimate() }));
    const button = q(el, '[data-role=use-faster-model]') as HTMLButtonElement;
    button.focus();
    button.click();
    el.view = view({ estimate: estimate({ faster: null, switchingTo: 'DistilViT' }) });
    await el.updateComplete;
    expect(root(el).activeElement).toBe(q(el, '[data-role=pause-resume]'));
  });
});
