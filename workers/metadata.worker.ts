import { expose } from 'comlink';
import { MetadataWorkerApi } from './metadata-api';

// The worker's whole surface: the page imports only the type of MetadataWorkerApi.
expose(new MetadataWorkerApi());
