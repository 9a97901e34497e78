import { AltscribeController } from './app/altscribe-controller';
import { BatchControls } from './app/batch-controls';
import { modelSpeeds } from './models/model-speeds';
import { MODELS } from './models/registry';
import { CompareController } from './app/compare-controller';
import { CustomModels } from './model-manager/custom-models';
import { DeviceAdvisor } from './model-manager/device-advisor';
import { whenIdle } from './intake/when-idle';
import { DownloadGate } from './model-manager/download-gate';
import { ModelLibrary } from './model-manager/model-library';
import { OriginalsReopener } from './intake/reopen-originals';
import { ResultsTransfer } from './app/results-transfer';
import { saveSourceFor } from './metadata-export/save-source';
import { browserTabCoordinator } from './app/tab-coordinator';
import { estimateStorage } from './storage';
import { CaptionClient } from './client/caption-client';
import { PromptApiClient } from './client/prompt-api/prompt-api-client';
import { RoutedCaptionClient } from './client/prompt-api/routed-caption-client';
import { IntakeClient } from './client/intake-client';
import { registerServiceWorker } from './client/service-worker-registration';
import { ServiceWorkerUpdates } from './client/service-worker-updates';
import { browserEraseEnvironment, eraseAllData } from './app/erase-data';
import './ui/altscribe-app/altscribe-app';
import './ui/update-banner/update-banner';
import './ui/erase-data/erase-data';

// Models the person added are loaded first: a saved setting may name one.
const customModels = new CustomModels(import.meta.env.BASE_URL);
await customModels.load();
// The browser's own model (Prompt API) runs on the page; the others in the caption worker, behind one client.
const client = new RoutedCaptionClient(
  new CaptionClient(import.meta.env.BASE_URL, undefined, customModels.find),
  new PromptApiClient({ language: (): string | undefined => controller.model.settings.language }),
  customModels.find,
);
// The second opinion has its own client (and worker), so both models stay loaded and neither unloads the other.
const secondClient = new CaptionClient(import.meta.env.BASE_URL, undefined, customModels.find);
const controller = new AltscribeController(client, new DownloadGate(client, estimateStorage, customModels.find), customModels.find, { secondClient });
// Added files are sniffed and hashed in their own worker, so a dropped folder never blocks the page.
controller.intake.inspect = new IntakeClient().inspect;
// One tab captions at a time (Web Locks); the others show its progress.
const coordinator = browserTabCoordinator();
const advisor = new DeviceAdvisor(client);
// The batch's estimate names models and offers a faster one this device can run, through the usual model change.
const speeds = modelSpeeds({
  capabilities: () => advisor.capabilities,
  models: () => [...MODELS, ...customModels.catalog.custom],
  lookup: customModels.find,
  preference: () => controller.model.settings.device,
  chosen: () => controller.model.settings.modelId,
  useModel: (modelId) => void controller.setSettings({ modelId }),
});
const batch = new BatchControls(controller, coordinator, { speeds });
await batch.init();
const queueOwnedElsewhere = await coordinator.queueOwnedElsewhere();
await controller.init(location.search, queueOwnedElsewhere);
// The device is probed (a worker started, a WebGPU adapter asked for) once the first view is on
// screen and the page is idle, or at once when a model must load before that.
let recommended: Promise<void> | null = null;
const applyRecommendation = (): Promise<void> =>
  (recommended ??= advisor.detect().then((recommendation) => {
    if (recommendation) controller.session.useRecommendedModel(recommendation.modelId);
  }));
controller.session.recommendationKnown = applyRecommendation;
const reopen = new OriginalsReopener(controller);
const app = document.createElement('altscribe-app');
app.services = {
  controller,
  batch,
  library: new ModelLibrary(() => controller.model.ready?.modelId ?? null, customModels.find),
  customModels,
  transfer: new ResultsTransfer(controller),
  // Its own client (and worker): a comparison loads models one by one and frees them when done,
  // without unloading the model the main list is using.
  compare: new CompareController({
    client: new CaptionClient(import.meta.env.BASE_URL, undefined, customModels.find),
    devicePreference: () => controller.model.settings.device,
    adopt: (file, text, source) => controller.adoptCaption(file, text, source),
    lookupModel: customModels.find,
  }),
  advisor,
  reopen,
  // Its worker and the zip library load at the first save.
  save: saveSourceFor(controller),
};
document.querySelector('#app')?.replaceChildren(app);
// Unfinished photos whose file handles were kept (Chromium) come back without being added again.
if (!queueOwnedElsewhere) void reopen.start();
// Warm a model already on this device while the person chooses photos, so the first caption is
// as fast as the rest (docs/benchmarks.md); a photo arriving meanwhile cuts the warm-up short.
// After the recommendation, which may change the model; not in a hidden tab (a tab opened in the
// background must not take the CPU), nor where another tab owns the queue and captions.
const preloadWhenVisible = (): void => {
  if (document.visibilityState === 'visible') return void controller.session.preload();
  document.addEventListener('visibilitychange', preloadWhenVisible, { once: true });
};
whenIdle(() => {
  void applyRecommendation().then(() => {
    if (!queueOwnedElsewhere) preloadWhenVisible();
  });
}, 2000);

// "Update available" and "Erase all data" both wait while photos are captioned or a model loads.
const updates = new ServiceWorkerUpdates();
const banner = document.createElement('update-banner');
const erase = document.createElement('erase-data');
const syncBusy = (): void => {
  const busy = controller.queue.size > 0 || controller.model.phase === 'loading';
  banner.busy = busy;
  erase.busy = busy;
  banner.available = updates.available;
};
controller.addEventListener('change', syncBusy);
controller.queue.addEventListener('change', syncBusy);
updates.addEventListener('change', syncBusy);
banner.addEventListener('update-requested', () => void (!banner.busy && updates.apply()));
erase.addEventListener('erase-requested', () => {
  // The app goes first, so nothing writes to the database while it is deleted.
  document.querySelector('#app')?.replaceChildren();
  eraseAllData(browserEraseEnvironment(import.meta.env.BASE_URL)).then(
    () => void (erase.state = 'done'),
    (error: unknown) => Object.assign(erase, { state: 'failed', error: error instanceof Error ? error.message : String(error) }),
  );
});
// Starting again opens the photos view, not the settings view the erase was made from.
erase.addEventListener('restart-requested', () => location.replace(location.pathname + location.search));
document.body.prepend(banner);
document.body.append(erase);
// Erasing belongs to the settings view; it sits outside the app because erasing removes the app first.
const showEraseWithSettings = (): void => void (erase.hidden = location.hash !== '#settings');
window.addEventListener('hashchange', showEraseWithSettings);
showEraseWithSettings();
syncBusy();
// Its install precaches the app and the runtime's files: not while the first view is being built.
whenIdle(() => void registerServiceWorker(import.meta.env.BASE_URL).then((registration) => updates.watch(registration)), 5000);
