import { vi } from 'vitest';
import { untilMutation } from '../../test-support/wait';
import type { AltscribeController, ModelView } from '../../app/altscribe-controller';
import { CardStore, CardStreams } from '../../app/card-store';
import type { CaptionRecord, CardView } from '../../app/card-view';
import { CompareController } from '../../app/compare-controller';
import type { RefreshPlan } from '../../app/refresh-ai-texts';
import { ShownCards, statusCounter } from '../../app/result-filters';
import { bandCounter } from '../../app/review-bands';
import type { CalibrationState } from '../../app/review-scorer';
import type { Settings } from '../../models/settings';
import type { ModelSettings } from '../model-settings/model-settings';
import type { SettingsView } from '../settings-view/settings-view';
import type { AppServices } from './app-services';
import type { AltscribeApp } from './altscribe-app';
import './altscribe-app';

/** Fakes shared by the page element's unit tests: a real card store behind a controller's verbs. */

export function makeCard(id: string, record: Partial<CaptionRecord> = {}): CardView {
  return {
    record: { id, fileName: `${id}.jpg`, mimeType: 'image/jpeg', byteSize: 100, status: 'done', text: `Alt-text of ${id}`, review: 'unreviewed', createdAt: 1, updatedAt: 1, ...record },
    canRetry: true,
  };
}

/** The review scorer as the page sees it: its state and the reset. */
export class FakeReviews extends EventTarget {
  state: CalibrationState = { decisions: 0, calibratedOn: null, needed: 20 };
  reset = vi.fn(async (): Promise<void> => {
    this.state = { ...this.state, calibratedOn: null };
    this.dispatchEvent(new Event('change'));
  });
}

export class FakeSecondOpinions extends EventTarget {
  size = 0;
}

/** Just what the app uses of AltscribeController: its real card store, its events and its verbs. */
export class FakeController extends EventTarget {
  readonly store = new CardStore([statusCounter, bandCounter]);
  readonly streams = new CardStreams();
  readonly shown = new ShownCards(this.store);
  readonly reviews = new FakeReviews();
  readonly secondOpinions = new FakeSecondOpinions();
  model: ModelView = { settings: { modelId: 'Mozilla/distilvit', device: 'auto' }, phase: 'idle', consent: null, progress: null, ready: null, error: null };
  problem: string | null = null;
  get cards(): readonly CardView[] {
    return this.store.list();
  }
  addFiles = vi.fn(async (_files: readonly File[]): Promise<void> => undefined);
  editText = vi.fn(async (_id: string, _text: string): Promise<void> => undefined);
  approve = vi.fn(async (_id: string): Promise<void> => undefined);
  remove = vi.fn(async (id: string): Promise<void> => void this.store.remove(id));
  cancel = vi.fn((_id: string): void => undefined);
  retry = vi.fn((_id: string): void => undefined);
  setSettings = vi.fn(async (_patch: Partial<Settings>): Promise<void> => undefined);
  refreshPlan = vi.fn((modelId: string): RefreshPlan => ({ modelId, count: 3, withPhoto: 2, estimatedMs: null }));
  refreshAiTexts = vi.fn(async (_modelId: string) => ({ queued: 2, waiting: 1 }));
}

/** The other services, each with just the state its element renders. */
export function fakeServices(controller: FakeController): AppServices {
  const service = <T>(fields: object): T => Object.assign(new EventTarget(), fields) as unknown as T;
  return {
    controller: controller as unknown as AltscribeController,
    batch: service({ view: { snapshot: null, remote: null, paused: false, waitingForOtherTab: false, waiting: 0, retryable: 0, cannotCaption: 0, cannotCaptionShown: [] }, swallows: () => false }),
    library: service({ models: [], storage: null, busy: null, refresh: async () => undefined }),
    advisor: service({ error: null, capabilities: null, recommendation: null, detect: async () => null }),
    customModels: service({ catalog: { custom: [] }, busy: false, error: null, message: null }),
    transfer: service({ message: null }),
    reopen: service({ offer: null, busy: false }),
    save: { exporter: {} as never, records: () => [] },
    compare: new CompareController({ client: {} as never, devicePreference: () => 'wasm', adopt: async () => undefined, listCached: async () => [] }),
  };
}

export async function mount(cards: CardView[] = []): Promise<{ app: AltscribeApp; controller: FakeController }> {
  const controller = new FakeController();
  controller.store.add(cards);
  const app = document.createElement('altscribe-app');
  app.services = fakeServices(controller);
  document.body.append(app);
  await app.updateComplete;
  return { app, controller };
}

export const root = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;
export const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Opens the settings view the way a link does (the URL's fragment) and waits until its form is drawn. */
export async function openSettings(app: AltscribeApp): Promise<ModelSettings> {
  location.hash = '#settings';
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  await app.updateComplete;
  await untilMutation(root(app), () => root(app).querySelector('settings-view') !== null);
  const view = root(app).querySelector('settings-view') as SettingsView;
  await view.updateComplete;
  const form = root(view).querySelector('model-settings') as ModelSettings;
  await form.updateComplete;
  return form;
}

/** Back to the photos view, as the Back link does. */
export async function closeSettings(app: AltscribeApp): Promise<void> {
  location.hash = '';
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  await app.updateComplete;
}
