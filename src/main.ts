import { AltscribeController } from './app/altscribe-controller';
import { CaptionClient } from './client/caption-client';
import { registerServiceWorker } from './client/service-worker-registration';
import './ui/altscribe-app/altscribe-app';

const controller = new AltscribeController(new CaptionClient(import.meta.env.BASE_URL));
await controller.init(location.search);
const app = document.createElement('altscribe-app');
app.controller = controller;
document.querySelector('#app')?.replaceChildren(app);
void registerServiceWorker(import.meta.env.BASE_URL);
