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
  private probe: Promise<Recommendation | null> | null = null;

  constructor(private readonly client: Pick<CaptionClient, 'capabilities'>) {
    super();
  }

  /**
   * Probes once: starting the caption worker and asking for a WebGPU adapter cost the page time,
   * so the first caller (the idle page, a first model load, the settings view) starts the probe
   * and every later one shares it.
   */
  detect(): Promise<Recommendation | null> {
    return (this.probe ??= this.inspect());
  }

  private async inspect(): Promise<Recommendation | null> {
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
