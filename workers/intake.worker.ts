import { expose } from 'comlink';
import { IntakeWorkerApi } from './intake-api';

// The worker's whole surface: the page imports only the type of IntakeWorkerApi.
expose(new IntakeWorkerApi());
