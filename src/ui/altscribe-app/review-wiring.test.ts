// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewBand } from '../../models/review-signals';
import { called, untilMutation } from '../../test-support/wait';
import type { CaptionCard } from '../caption-card/caption-card';
import type { LiveAnnouncer } from '../live-announcer/live-announcer';
import type { ResultsToolbar } from '../results-toolbar/results-toolbar';
import type { ReviewPriority } from '../review-priority/review-priority';
import type { AltscribeApp } from './altscribe-app';
import { makeCard, mount, openSettings, root, text } from './app-fakes';

const SHAPES = 'altscribe/shapes-captioner';
const FLORENCE = 'onnx-community/Florence-2-base-ft';

const scored = (id: string, priority: number, band: ReviewBand, createdAt: number) => makeCard(id, { reviewPriority: priority, reviewBand: band, createdAt });
const toolbar = (app: AltscribeApp) => root(app).querySelector('results-toolbar') as ResultsToolbar;
const panel = (app: AltscribeApp) => root(app).querySelector('review-priority') as ReviewPriority;
const inPanel = <T extends HTMLElement = HTMLElement>(app: AltscribeApp, role: string) => root(panel(app)).querySelector<T>(`[data-role=${role}]`);
const announcer = (app: AltscribeApp) => root(app).querySelector('live-announcer') as LiveAnnouncer;
const spoken = (app: AltscribeApp): string[] => [...(root(announcer(app)).querySelector('[data-role=announcer]')?.querySelectorAll('p') ?? [])].map((p) => text(p));
const shownIds = (app: AltscribeApp) => [...root(app).querySelectorAll<CaptionCard>('caption-card')].map((c) => c.card.record.id);

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

afterEach(() => {
  document.body.replaceChildren();
  location.hash = '';
});

describe('altscribe-app review priority in the list', () => {
  const cards = () => [scored('low', 0.1, 'fine', 1), makeCard('mine', { review: 'approved', createdAt: 2 }), scored('high', 0.9, 'needs-review', 3), scored('mid', 0.5, 'check', 4)];

  it('gives the toolbar the band tallies and walks riskiest first when chosen', async () => {
    const { app } = await mount(cards());
    const bar = toolbar(app);
    await bar.updateComplete;
    const band = root(bar).querySelector<HTMLSelectElement>('[data-role=band]')!;
    expect([...band.options].map((o) => text(o))).toEqual(['All', 'Needs review (1)', 'Check if time allows (1)', 'Likely fine (1)']);
    choose(root(bar).querySelector<HTMLSelectElement>('[data-role=sort]')!, 'risk');
    await app.updateComplete;
    expect(shownIds(app)).toEqual(['high', 'mid', 'low', 'mine']);
    choose(band, 'needs-review');
    await app.updateComplete;
    expect(shownIds(app)).toEqual(['high']);
  });

  it('has no band filter before anything is scored', async () => {
    const { app } = await mount([makeCard('a')]);
    await toolbar(app).updateComplete;
    expect(root(toolbar(app)).querySelector('[data-role=band]')).toBeNull();
  });

  it('shows the doubt summary from the store and follows its changes', async () => {
    const { app, controller } = await mount(cards());
    await panel(app).updateComplete;
    expect(text(inPanel(app, 'doubt-summary'))).toBe('1 of 4 need review, 1 to check if time allows.');
    controller.store.update('high', (c) => ({ ...c, record: { ...c.record, review: 'approved' } }));
    await app.updateComplete;
    await panel(app).updateComplete;
    expect(text(inPanel(app, 'doubt-summary'))).toBe('0 of 4 need review, 1 to check if time allows.');
  });
});

describe('altscribe-app review settings and actions', () => {
  it('sends the second-opinion choice to setSettings and shows how many wait for it', async () => {
    const { app, controller } = await mount();
    controller.model = { ...controller.model, settings: { modelId: SHAPES, device: 'auto' } };
    app.services.library.models = [{ modelId: FLORENCE, label: 'Florence', bytes: 1, files: 3, inUse: false }];
    app.services.library.dispatchEvent(new Event('change'));
    await app.updateComplete;
    const form = await openSettings(app);
    const select = root(form).querySelector<HTMLSelectElement>('[data-role=second-select]')!;
    expect([...select.options].map((o) => o.value)).toContain(FLORENCE);
    choose(select, FLORENCE);
    expect(controller.setSettings).toHaveBeenCalledWith({ secondModelId: FLORENCE, secondScope: undefined });

    controller.secondOpinions.size = 3;
    controller.secondOpinions.dispatchEvent(new Event('change'));
    await app.updateComplete;
    await form.updateComplete;
    expect(text(root(form).querySelector('[data-role=second-waiting]'))).toBe('3 waiting for a second opinion');
  });

  it('shows the calibration, resets it through the scorer and announces it', async () => {
    const { app, controller } = await mount([makeCard('a')]);
    controller.reviews.state = { decisions: 37, calibratedOn: 37, needed: 20 };
    controller.reviews.dispatchEvent(new Event('change'));
    await app.updateComplete;
    await panel(app).updateComplete;
    expect(text(inPanel(app, 'calibration'))).toBe('The score is calibrated on this device from 37 of your decisions.');
    inPanel(app, 'reset-calibration')!.click();
    await called(controller.reviews.reset);
    await untilMutation(root(announcer(app)), () => spoken(app).at(-1) === 'Calibration reset: the default weights score the results again.');
    await panel(app).updateComplete;
    expect(text(inPanel(app, 'calibration'))).toMatch(/^Default weights: .*\(37 so far\)\.$/);
  });

  it('plans, confirms and announces a refresh with the chosen model', async () => {
    const { app, controller } = await mount([makeCard('a')]);
    await panel(app).updateComplete;
    inPanel(app, 'refresh-open')!.click();
    await untilMutation(root(panel(app)), () => inPanel(app, 'refresh-plan') !== null);
    expect(controller.refreshPlan).toHaveBeenCalledWith('Mozilla/distilvit');
    choose(inPanel<HTMLSelectElement>(app, 'refresh-model')!, SHAPES);
    await panel(app).updateComplete;
    expect(text(inPanel(app, 'refresh-plan'))).toMatch(/^Redo 2 texts with Shapes test model .*; 1 more needs its photo: add their folder again first\.$/);
    expect(controller.refreshAiTexts).not.toHaveBeenCalled();
    inPanel(app, 'refresh-confirm')!.click();
    await called(controller.refreshAiTexts);
    expect(controller.refreshAiTexts).toHaveBeenCalledWith(SHAPES);
    await untilMutation(root(announcer(app)), () => (spoken(app).at(-1) ?? '').startsWith('Re-captioning 2 texts with Shapes test model'));
  });
});
