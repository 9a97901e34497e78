// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { PROMPT_API_LANGUAGES, probePromptApi, sessionOptions, unsupportedLanguageMessage } from './availability';
import { languageModelOf, type LanguageModelStatic } from './language-model';

const apiAnswering = (answer: () => Promise<unknown>): LanguageModelStatic => ({ availability: vi.fn(answer), create: vi.fn() }) as unknown as LanguageModelStatic;

describe('probePromptApi', () => {
  it.each(['unavailable', 'downloadable', 'downloading', 'available'] as const)('passes the state %s through', async (state) => {
    expect(await probePromptApi('en', apiAnswering(async () => state))).toBe(state);
  });

  it('counts a browser without LanguageModel, an unknown answer and a throwing call as unavailable', async () => {
    expect(await probePromptApi('en', undefined)).toBe('unavailable');
    expect(await probePromptApi('en', apiAnswering(async () => 'readily'))).toBe('unavailable');
    expect(await probePromptApi('en', apiAnswering(async () => Promise.reject(new DOMException('no', 'NotSupportedError'))))).toBe('unavailable');
  });

  it('asks about an image input and text in the language, with the options create() is given', async () => {
    const api = apiAnswering(async () => 'available');
    await probePromptApi('ja', api);
    expect(api.availability).toHaveBeenCalledWith({
      expectedInputs: [{ type: 'text', languages: ['ja'] }, { type: 'image' }],
      expectedOutputs: [{ type: 'text', languages: ['ja'] }],
    });
    expect(vi.mocked(api.availability).mock.calls[0]?.[0]).toEqual(sessionOptions('ja'));
  });
});

describe('languageModelOf', () => {
  it('finds LanguageModel only when it has availability() and create()', () => {
    expect(languageModelOf({})).toBeUndefined();
    expect(languageModelOf({ LanguageModel: { availability: () => {} } })).toBeUndefined();
    const api = { availability: () => {}, create: () => {} };
    expect(languageModelOf({ LanguageModel: api })).toBe(api);
  });
});

describe('languages', () => {
  it('are English, Spanish and Japanese; another one is named in the message', () => {
    expect(PROMPT_API_LANGUAGES).toEqual(['en', 'es', 'ja']);
    for (const language of [undefined, 'en', 'es', 'ja']) expect(unsupportedLanguageMessage(language)).toBeUndefined();
    expect(unsupportedLanguageMessage('fr')).toBe("The browser's built-in model writes English, Spanish and Japanese only, not French. Choose one of those languages in Settings, or another model.");
  });
});
