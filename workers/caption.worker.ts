import { expose } from 'comlink';
import { CaptionWorkerApi } from './caption-api';

// The worker's whole surface: the page imports only the type of CaptionWorkerApi.
expose(new CaptionWorkerApi());
