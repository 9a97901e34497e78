/**
 * Node-side encoder for shapes-world scenes (vitest / Playwright runner side).
 * Encodes the RGBA raster from renderScene() to the scene's format with sharp.
 */
import sharp from 'sharp';
import { renderScene } from './shapes-world.js';
import type { ImageFormat, Scene } from './shapes-world.js';

export interface EncodedScene {
  readonly bytes: Buffer;
  readonly mime: string;
  readonly fileName: string;
}

const MIME: Readonly<Record<ImageFormat, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

const EXTENSION: Readonly<Record<ImageFormat, string>> = {
  png: 'png',
  jpeg: 'jpg',
  webp: 'webp',
};

/** Short stable hash (FNV-1a) so file names are unique per scene but do not leak the caption. */
function sceneHash(scene: Scene): string {
  const text = JSON.stringify(scene);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Encode a scene. PNG keeps the RGBA raster (like a canvas export); JPEG and WebP are
 * encoded from RGB at the scene's quality (sharp defaults: 4:2:0 chroma subsampling).
 */
export async function encodeScene(scene: Scene): Promise<EncodedScene> {
  const raster = renderScene(scene);
  const input = Buffer.from(raster.data.buffer, raster.data.byteOffset, raster.data.byteLength);
  const image = sharp(input, {
    raw: { width: raster.width, height: raster.height, channels: 4 },
    limitInputPixels: false,
  });
  let bytes: Buffer;
  switch (scene.format) {
    case 'png':
      bytes = await image.png({ compressionLevel: 6 }).toBuffer();
      break;
    case 'jpeg':
      bytes = await image.removeAlpha().jpeg({ quality: scene.quality }).toBuffer();
      break;
    case 'webp':
      bytes = await image.removeAlpha().webp({ quality: scene.quality }).toBuffer();
      break;
  }
  const fileName = `shapes-${scene.width}x${scene.height}-${sceneHash(scene)}.${EXTENSION[scene.format]}`;
  return { bytes, mime: MIME[scene.format], fileName };
}
