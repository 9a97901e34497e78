import type { AltscribeController } from '../../app/altscribe-controller';
import type { BatchControls } from '../../app/batch-controls';
import type { CompareController } from '../../app/compare-controller';
import type { CustomModels } from '../../model-manager/custom-models';
import type { DeviceAdvisor } from '../../model-manager/device-advisor';
import type { ModelLibrary } from '../../model-manager/model-library';
import type { OriginalsReopener } from '../../intake/reopen-originals';
import type { ResultsTransfer } from '../../app/results-transfer';
import type { SaveSource } from '../../metadata-export/save-source';

/** Everything the page element works with, built once in main.ts (tests build it from fakes). */
export interface AppServices {
  /** Cards (store, streams, shown view), the model session and the verbs on photos. */
  controller: AltscribeController;
  /** Pause, resume, cancel-waiting, retry-failed and the batch's progress. */
  batch: BatchControls;
  /** Its own worker client: comparing models never unloads the list's model. */
  compare: CompareController;
  /** Models on this device and storage use. */
  library: ModelLibrary;
  /** What this device can run, and the recommended model. */
  advisor: DeviceAdvisor;
  /** Models the person added (a folder or a URL). */
  customModels: CustomModels;
  /** CSV and JSON export and import. */
  transfer: ResultsTransfer;
  /** Unfinished photos reopened from kept file handles after a reload. */
  reopen: OriginalsReopener;
  /** Photos saved as copies, or into their originals, with the alt-text written in. */
  save: SaveSource;
}
