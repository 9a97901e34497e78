import { expose, transfer } from 'comlink';
import { preparePhoto, type PreparedPhoto } from './prompt-photo';

/** The browser's own model gets its photos from here: decoded, scaled and thumbnailed off the page. */
export const promptPhotoApi = {
  async prepare(blob: Blob, fileName: string): Promise<PreparedPhoto> {
    const photo = await preparePhoto(blob, fileName);
    // The bitmap moves to the page instead of being copied.
    return transfer(photo, [photo.image]);
  },
};

export type PromptPhotoApi = typeof promptPhotoApi;

expose(promptPhotoApi);
