// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RefreshPlan } from '../../app/refresh-ai-texts';
import { findModel, MODELS } from '../../models/registry';
import { promisesSettled } from '../../test-support/wait';
import { cleanup, mount as mountElement, update } from '../shared/test-mount';
import type { ReviewPriority, ReviewPriorityVerbs } from './review-priority';
import './review-priority';
import { calibrationText, durationText, planText } from './review-priority-text';

const SHAPES = 'altscribe/shapes-captioner';
const FLORENCE = 'onnx-community/Florence-2-base-ft';
const label = (id: string): string => findModel(id)!.label;

function verbs(plans: Record<string, Omit<RefreshPlan, 'modelId'>> = {}) {
  return {
    refreshPlan: vi.fn((modelId: string): RefreshPlan => ({ modelId, count: 0, withPhoto: 0, estimatedMs: null, ...plans[modelId] })),
    refreshAiTexts: vi.fn(async () => ({ queued: 1204, waiting: 300 })),
    resetCalibration: vi.fn(async () => undefined),
    announce: vi.fn<(message: string) => void>(),
  } satisfies ReviewPriorityVerbs;
}

const mount = (props: Partial<ReviewPriority> = {}): Promise<ReviewPriority> =>
  mountElement('review-priority', { models: MODELS, currentModelId: SHAPES, calibration: { decisions: 12, calibratedOn: null, needed: 20 }, ...props });
const root = (el: ReviewPriority): ShadowRoot => el.shadowRoot as ShadowRoot;
const role = <T extends HTMLElement = HTMLElement>(el: ReviewPriority, name: string): T | null => root(el).querySelector<T>(`[data-role=${name}]`);
const text = (node: Element | null): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

afterEach(cleanup);

describe('review-priority texts', () => {
  it('says where the weights come from', () => {
    expect(calibrationText({ decisions: 37, calibratedOn: 37, needed: 20 })).toBe('The score is calibrated on this device from 37 of your decisions.');
    expect(calibrationText({ decisions: 12, calibratedOn: null, needed: 20 })).toBe('Default weights: calibrates after 20 decisions (12 so far).');
    expect(calibrationText({ decisions: 25, calibratedOn: null, needed: 20 })).toBe('Default weights: calibrates after more of your decisions, at least 3 kept and 3 corrected texts among them (25 so far).');
  });

  it('words the plan: what is redone now, how long, and what waits for its photos', () => {
    expect(planText({ modelId: 'x', count: 1504, withPhoto: 1204, estimatedMs: 25 * 60_000 }, 'X')).toBe('Redo 1,204 texts with X, about 25 min; 300 more need their photos: add their folder again first.');
    expect(planText({ modelId: 'x', count: 1, withPhoto: 1, estimatedMs: null }, 'X')).toBe('Redo 1 text with X.');
    expect(planText({ modelId: 'x', count: 2, withPhoto: 0, estimatedMs: 0 }, 'X')).toBe('2 texts could be redone with X, but they need their photos: add their folder again first.');
    expect(planText({ modelId: 'x', count: 0, withPhoto: 0, estimatedMs: null }, 'X')).toMatch(/nothing to redo\.$/);
    expect(durationText(70 * 60_000)).toBe('about 1 h 10 min');
    expect(durationText(10_000)).toBe('less than a minute');
  });
});

describe('review-priority panel', () => {
  it('shows nothing while there is nothing to review or calibrate', async () => {
    const el = await mount({ calibration: { decisions: 0, calibratedOn: null, needed: 20 } });
    expect(root(el).querySelector('section')).toBeNull();
  });

  it('shows the batch summary from the band tallies once anything has a priority, and the calibration', async () => {
    const el = await mount({ bands: { 'needs-review': 312, check: 40, fine: 8000 }, finished: 9000, unreviewed: 8352 });
    expect(text(root(el).querySelector('h2'))).toBe('Review priority');
    expect(text(role(el, 'doubt-summary'))).toBe('312 of 9,000 need review, 40 to check if time allows.');
    expect(text(role(el, 'calibration'))).toBe('Default weights: calibrates after 20 decisions (12 so far).');
    await update(el, { bands: { 'needs-review': 0, check: 0, fine: 0 } });
    expect(role(el, 'doubt-summary')).toBeNull();
  });

  it('resets a calibration, says so politely, and offers no reset for the default weights', async () => {
    const v = verbs();
    const el = await mount({ verbs: v, unreviewed: 1 });
    role(el, 'reset-calibration')!.click();
    expect(role(el, 'reset-calibration')!.getAttribute('aria-disabled')).toBe('true');
    expect(v.resetCalibration).not.toHaveBeenCalled();

    await update(el, { calibration: { decisions: 37, calibratedOn: 37, needed: 20 } });
    expect(text(role(el, 'calibration'))).toBe('The score is calibrated on this device from 37 of your decisions.');
    role(el, 'reset-calibration')!.click();
    await promisesSettled();
    expect(v.resetCalibration).toHaveBeenCalledTimes(1);
    expect(v.announce).toHaveBeenCalledWith('Calibration reset: the default weights score the results again.');
    expect(text(role(el, 'review-message'))).toBe('Calibration reset: the default weights score the results again.');
  });
});

describe('review-priority: re-caption the texts nobody reviewed', () => {
  const plans = { [SHAPES]: { count: 1504, withPhoto: 1204, estimatedMs: 25 * 60_000 }, [FLORENCE]: { count: 0, withPhoto: 0, estimatedMs: null } };

  async function open(v = verbs(plans)) {
    const el = await mount({ verbs: v, unreviewed: 1504 });
    const opener = role<HTMLButtonElement>(el, 'refresh-open')!;
    expect(opener.getAttribute('aria-expanded')).toBe('false');
    opener.click();
    await promisesSettled();
    return { el, v, opener };
  }

  it('shows the plan for the current model, with the model select focused, and asks before doing anything', async () => {
    const { el, v, opener } = await open();
    expect(opener.getAttribute('aria-expanded')).toBe('true');
    const select = role<HTMLSelectElement>(el, 'refresh-model')!;
    expect(root(el).activeElement).toBe(select);
    expect(select.closest('label')?.textContent).toContain('With model');
    expect([...select.options].map((o) => o.value)).toEqual(MODELS.map((m) => m.id));
    expect(text(role(el, 'refresh-plan'))).toBe(`Redo 1,204 texts with ${label(SHAPES)}, about 25 min; 300 more need their photos: add their folder again first.`);
    expect(v.refreshAiTexts).not.toHaveBeenCalled();
  });

  it('plans again for another model, and will not start when there is nothing to redo', async () => {
    const { el, v } = await open();
    const select = role<HTMLSelectElement>(el, 'refresh-model')!;
    select.value = FLORENCE;
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(v.refreshPlan).toHaveBeenLastCalledWith(FLORENCE);
    expect(text(role(el, 'refresh-plan'))).toMatch(/nothing to redo/);
    const confirm = role<HTMLButtonElement>(el, 'refresh-confirm')!;
    expect(confirm.getAttribute('aria-disabled')).toBe('true');
    confirm.click();
    expect(v.refreshAiTexts).not.toHaveBeenCalled();
  });

  it('re-captions after confirmation, says the result, and gives focus back to the opener', async () => {
    const { el, v } = await open();
    role<HTMLButtonElement>(el, 'refresh-confirm')!.click();
    expect(v.refreshAiTexts).toHaveBeenCalledWith(SHAPES);
    await promisesSettled();
    const said = `Re-captioning 1,204 texts with ${label(SHAPES)}; the earlier texts are kept in each photo's history. 300 more wait for their photos.`;
    expect(v.announce).toHaveBeenCalledWith(said);
    expect(text(role(el, 'review-message'))).toBe(said);
    expect(role(el, 'refresh-plan')).toBeNull();
    expect(root(el).activeElement).toBe(role(el, 'refresh-open'));
  });

  it('cancels without doing anything', async () => {
    const { el, v } = await open();
    role<HTMLButtonElement>(el, 'refresh-cancel')!.click();
    await promisesSettled();
    expect(role(el, 'refresh-plan')).toBeNull();
    expect(v.refreshAiTexts).not.toHaveBeenCalled();
    expect(root(el).activeElement).toBe(role(el, 'refresh-open'));
  });
});
