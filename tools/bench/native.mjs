// Native side: the same ONNX files on onnxruntime-node through transformers.js in Node (device
// 'cpu'), with the image-to-text pipeline's own steps done one by one so each stage can be timed.
// Session options reach onnxruntime-node through `session_options` (transformers.js 4.3.1
// src/models/session.js spreads them into InferenceSession.create).

import { RawImage, env, pipeline } from '@huggingface/transformers';
import { performance } from 'node:perf_hooks';

/** Wraps `session.run` of every session so each call's time lands in the current caption's record. */
function timeSessions(sessions) {
  const record = { calls: [] };
  for (const [name, session] of Object.entries(sessions)) {
    const run = session.run.bind(session);
    session.run = async (...args) => {
      const started = performance.now();
      try {
        return await run(...args);
      } finally {
        record.calls.push({ name, ms: performance.now() - started });
      }
    };
  }
  return record;
}

/** Generation settings shared with the browser side (src/models/caption-options.ts spelling there). */
export function generateKwargs(options) {
  return {
    max_new_tokens: options.maxNewTokens,
    ...(options.minNewTokens ? { min_new_tokens: options.minNewTokens } : {}),
    ...(options.noRepeatNgramSize > 0 ? { no_repeat_ngram_size: options.noRepeatNgramSize } : {}),
    ...(options.repetitionPenalty !== 1 ? { repetition_penalty: options.repetitionPenalty } : {}),
    do_sample: false,
  };
}

/**
 * Loads `modelDir` for one configuration and captions `imagePath` `first + steady` times.
 * @param {{ modelDir: string, dtype: 'fp32'|'q8', threads: number, imagePath: string, options: object, first: number, steady: number }} config
 */
export async function runNative({ modelDir, dtype, threads, imagePath, options, first, steady }) {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  const loadStarted = performance.now();
  const pipe = await pipeline('image-to-text', modelDir, {
    device: 'cpu',
    dtype,
    session_options: { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' },
  });
  const loadMs = performance.now() - loadStarted;
  const record = timeSessions(pipe.model.sessions);
  const encoderName = 'model' in pipe.model.sessions ? 'model' : Object.keys(pipe.model.sessions)[0];
  const captions = [];
  for (let i = 0; i < first + steady; i++) {
    record.calls = [];
    const t0 = performance.now();
    const image = await RawImage.read(imagePath);
    const t1 = performance.now();
    const { pixel_values } = await pipe.processor(image);
    const t2 = performance.now();
    const ids = await pipe.model.generate({ inputs: pixel_values, ...generateKwargs(options) });
    const [text] = pipe.tokenizer.batch_decode(ids, { skip_special_tokens: true });
    const t3 = performance.now();
    const encoderMs = record.calls.filter((c) => c.name === encoderName).reduce((s, c) => s + c.ms, 0);
    const decoderStepsMs = record.calls.filter((c) => c.name !== encoderName).map((c) => c.ms);
    const inModels = encoderMs + decoderStepsMs.reduce((s, v) => s + v, 0);
    captions.push({
      text: (text ?? '').trim(),
      totalMs: t3 - t0,
      stages: { decodeMs: t1 - t0, preprocessMs: t2 - t1, encoderMs, decoderStepsMs, otherMs: t3 - t2 - inModels, newTokens: decoderStepsMs.length },
    });
  }
  await pipe.dispose();
  return { loadMs, captions, ortVersion: env.backends?.onnx?.versions ?? null };
}
