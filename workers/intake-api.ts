import { inspectFile, type FileInspection } from '../src/intake/inspect-file';

/**
 * The intake worker's surface: reading and hashing whole photos is the slow part of adding a
 * folder, so it happens here and the page stays responsive. Stateless: calls may be retried
 * in a fresh worker after a crash.
 */
export class IntakeWorkerApi {
  /** Whether `file` is an image, and its SHA-256 if so. */
  inspect(file: Blob): Promise<FileInspection> {
    return inspectFile(file);
  }
}
