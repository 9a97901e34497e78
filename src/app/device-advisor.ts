import type { CaptionClient } from '../client/caption-client';
import type { Capabilities } from '../models/model-types';
import { recommendModel, type Recommendation } from '../models/recommend-model';
import { MODELS } from '../models/registry';

/**
 * What this device can run, and the model recommended for it, for the "This device" panel and
 * for the default model. Probed in the caption worker, where the model will actually run.
 */
export class DeviceAdvisor extends EventTarget {
  capabilities: Capabilities | null = null;
  recommendation: Recommendation | null = null;
  error: string | null = null;

  constructor(private readonly client: Pick<CaptionClient, 'capabilities'>) {
    super();
  }

  async detect(): Promise<Recommendation | null> {
    try {
      this.capabilities = await this.client.capabilities();
      this.recommendation = recommendModel(this.capabilities, MODELS);
    } catch (error) {
      this.error = `Could not inspect this device: ${error instanceof Error ? error.message : String(error)}`;
    }
    this.dispatchEvent(new Event('change'));
    return this.recommendation;
  }
}
