import type { CaptionStages } from '../src/models/model-types';

/** The stages measured inside the adapter; decoding the file happens before it. */
export type GenerationStages = Omit<CaptionStages, 'decodeMs'>;

/** An onnxruntime InferenceSession as transformers.js holds it in `model.sessions`. */
interface RunnableSession {
  run(feeds: Record<string, { dims?: readonly number[] }>, ...rest: unknown[]): Promise<unknown>;
}

/** The parts of an image-to-text pipeline, or of an adapter's processor + model pair, that are timed. */
export interface TimeablePipeline {
  processor: { _call(...args: unknown[]): Promise<unknown> } | null;
  model: {
    sessions: Record<string, RunnableSession>;
    generate(...args: unknown[]): Promise<unknown>;
  };
}

/**
 * Which of the model's sessions are the encoder stage and which one is the decoder. Sessions in
 * neither (the VLMs' `embed_tokens`, one small run per step) fall in `otherMs`.
 */
export interface SessionRoles {
  encoders: readonly string[];
  decoder: string;
}

/** transformers.js 4.3.1's session keys for vision-encoder-decoder captioners. */
const ENCODER_DECODER_ROLES: SessionRoles = { encoders: ['model'], decoder: 'decoder_model_merged' };

/** Chat VLMs (SmolVLM, FastVLM…): the vision tower, then the decoder (prefill first, then one run per token). */
export const VLM_SESSION_ROLES: SessionRoles = { encoders: ['vision_encoder'], decoder: 'decoder_model_merged' };

interface Recording {
  preprocessMs: number;
  encoderMs: number;
  decoderStepsMs: number[];
  /** Tokens fed to the first decoder step (the decoder start token, or a VLM's whole prompt): not new. */
  promptLength: number | null;
  sequenceLength: number | null;
}

/**
 * Times one caption's stages by wrapping the pipeline's processor, its session runs and
 * `generate`, once, at load. The wrappers only read the clock and the tensors' shapes, so
 * results are unchanged; outside `measure` they cost one null check. transformers.js 4.3.1
 * calls `this.processor(images)` (a Callable that forwards to `_call`), `this.model.generate`,
 * and `session.run(feeds)` on `model.sessions.model` (the encoder) and
 * `model.sessions.decoder_model_merged` (one run per generated token). The VLM adapters time the
 * same way with their own roles: Florence-2's encoders are `vision_encoder` and `model` (the BART
 * encoder over image features and prompt), a chat VLM's is `vision_encoder` and its first decoder
 * run is the prefill over the whole prompt.
 */
export class GenerationTimer {
  private recording: Recording | null = null;

  constructor(pipe: TimeablePipeline, roles: SessionRoles = ENCODER_DECODER_ROLES) {
    const processor = pipe.processor;
    if (processor) {
      const call = processor._call.bind(processor);
      processor._call = async (...args) => {
        const recording = this.recording;
        const started = performance.now();
        try {
          return await call(...args);
        } finally {
          if (recording) recording.preprocessMs += performance.now() - started;
        }
      };
    }
    const { sessions } = pipe.model;
    for (const name of roles.encoders) {
      const encoder = sessions[name];
      if (encoder) this.wrapRun(encoder, (recording, ms) => (recording.encoderMs += ms));
    }
    const decoder = sessions[roles.decoder];
    if (decoder) {
      this.wrapRun(decoder, (recording, ms, feeds) => {
        if (recording.decoderStepsMs.length === 0) recording.promptLength = promptLength(feeds);
        recording.decoderStepsMs.push(ms);
      });
    }
    const model = pipe.model;
    const generate = model.generate.bind(model);
    model.generate = async (...args) => {
      const output = await generate(...args);
      const dims = (output as { dims?: readonly number[] } | null)?.dims;
      if (this.recording && dims) this.recording.sequenceLength = dims.at(-1) ?? null;
      return output;
    };
  }

  /** Runs one caption and reports where its time went (also when it was interrupted). */
  async measure<T>(caption: () => Promise<T>): Promise<{ result: T; stages: GenerationStages }> {
    const recording: Recording = { preprocessMs: 0, encoderMs: 0, decoderStepsMs: [], promptLength: null, sequenceLength: null };
    this.recording = recording;
    const started = performance.now();
    try {
      const result = await caption();
      const totalMs = performance.now() - started;
      return { result, stages: summarise(recording, totalMs) };
    } finally {
      if (this.recording === recording) this.recording = null;
    }
  }

  private wrapRun(session: RunnableSession, add: (recording: Recording, ms: number, feeds: Parameters<RunnableSession['run']>[0]) => void): void {
    const run = session.run.bind(session);
    session.run = async (feeds, ...rest) => {
      const recording = this.recording;
      if (!recording) return run(feeds, ...rest);
      const started = performance.now();
      const output = await run(feeds, ...rest);
      add(recording, performance.now() - started, feeds);
      return output;
    };
  }
}

/** Positions in the first decoder run: `input_ids` [batch, length] or `inputs_embeds` [batch, length, hidden]. */
function promptLength(feeds: Parameters<RunnableSession['run']>[0]): number | null {
  const ids = feeds['input_ids']?.dims;
  if (ids) return ids.at(-1) ?? null;
  return feeds['inputs_embeds']?.dims?.[1] ?? null;
}

function summarise(recording: Recording, totalMs: number): GenerationStages {
  const { preprocessMs, encoderMs, decoderStepsMs, promptLength, sequenceLength } = recording;
  const steps = decoderStepsMs.map(round);
  const stepsMs = steps.reduce((sum, ms) => sum + ms, 0);
  // Counted from the output sequence, not from the steps, so the two can be checked against each other.
  const newTokens = sequenceLength !== null && promptLength !== null ? sequenceLength - promptLength : decoderStepsMs.length;
  return {
    preprocessMs: round(preprocessMs),
    encoderMs: round(encoderMs),
    decoderStepsMs: steps,
    // Rounded down, so the stages never add up to more than the time they split.
    otherMs: floorTenth(totalMs - round(preprocessMs) - round(encoderMs) - stepsMs),
    newTokens,
  };
}

/** Down to tenths, never below 0; the epsilon keeps 3.9 from flooring to 3.8 after float sums. */
function floorTenth(ms: number): number {
  return Math.max(0, Math.floor(ms * 10 + 1e-6) / 10);
}

/** Tenths of a millisecond: finer than the clock is worth, coarse enough to read. */
function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/**
 * Adds the decode time the worker measured before the adapter ran, trimming `otherMs` so the
 * stages never add up to more than the caption's rounded `durationMs`.
 */
export function completeStages(decodeMs: number, generation: GenerationStages, durationMs: number): CaptionStages {
  const decode = round(decodeMs);
  const measured = decode + generation.preprocessMs + generation.encoderMs + generation.decoderStepsMs.reduce((sum, ms) => sum + ms, 0);
  const otherMs = Math.min(generation.otherMs, floorTenth(durationMs - measured));
  return { decodeMs: decode, ...generation, otherMs };
}
