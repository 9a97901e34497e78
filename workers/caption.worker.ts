import { expose } from 'comlink';
import { CaptionWorkerApi } from './caption-api';

// Held for the worker's whole life under the name the page gave it (src/client/caption-client.ts):
// when the worker ends without an error event, the released lock is how the page finds out.
if (self.name) void navigator.locks?.request(self.name, () => new Promise<never>(() => {}));

// The worker's whole surface: the page imports only the type of CaptionWorkerApi.
expose(new CaptionWorkerApi());
