import { AltscribeController } from './app/altscribe-controller';
import { BatchControls } from './app/batch-controls';
import { CompareController } from './app/compare-controller';
import { CustomModels } from './app/custom-models';
import { DeviceAdvisor } from './app/device-advisor';
import { DownloadGate } from './app/download-gate';
import { ModelLibrary } from './app/model-library';
import { ResultsTransfer } from './app/results-transfer';
import { browserTabCoordinator } from './app/tab-coordinator';
import { estimateStorage } from './storage';
import { CaptionClient } from './client/caption-client';
import { IntakeClient } from './client/intake-client';
import { registerServiceWorker } from './client/service-worker-registration';
import './ui/altscribe-app/altscribe-app';

// Models the person added are loaded first: a saved setting may name one.
const customModels = new CustomModels(import.meta.env.BASE_URL);
await customModels.load();
const client = new CaptionClient(import.meta.env.BASE_URL, undefined, customModels.find);
const controller = new AltscribeController(client, new DownloadGate(client, estimateStorage, customModels.find), customModels.find);
// Added files are sniffed and hashed in their own worker, so a dropped folder never blocks the page.
controller.intake.inspect = new IntakeClient().inspect;
// One tab captions at a time (Web Locks); the others show its progress.
const coordinator = browserTabCoordinator();
const batch = new BatchControls(controller, coordinator);
await batch.init();
await controller.init(location.search, await coordinator.queueOwnedElsewhere());
const app = document.createElement('altscribe-app');
app.controller = controller;
app.batch = batch;
app.library = new ModelLibrary(() => controller.model.ready?.modelId ?? null, customModels.find);
app.customModels = customModels;
app.transfer = new ResultsTransfer(controller);
// Its own client (and worker): a comparison loads models one by one and frees them when done,
// without unloading the model the main list is using.
app.compare = new CompareController({
  client: new CaptionClient(import.meta.env.BASE_URL),
  devicePreference: () => controller.model.settings.device,
  adopt: (file, text, source) => controller.adoptCaption(file, text, source),
});
app.advisor = new DeviceAdvisor(client);
document.querySelector('#app')?.replaceChildren(app);
void app.advisor.detect().then((recommendation) => recommendation && controller.session.useRecommendedModel(recommendation.modelId));
void registerServiceWorker(import.meta.env.BASE_URL);
