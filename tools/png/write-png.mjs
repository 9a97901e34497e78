// A minimal PNG writer (8-bit RGBA, one IDAT) with only node:zlib, for the build-time tools that
// need exact bytes: the app icons and the hostile-input corpus (whose PNGs may lie in their header).
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * An 8-bit RGBA PNG from `rgba` (width × height × 4 bytes, rows top to bottom). `claimed` is the
 * size the header states, which the hostile corpus sets to something else on purpose.
 */
export function encodeRgbaPng(width, height, rgba, { claimed = { width, height }, level = 6 } = {}) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(claimed.width, 0);
  ihdr.writeUInt32BE(claimed.height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no filter, no interlace
  const stride = width * 4;
  const rows = Buffer.alloc(height * (1 + stride));
  for (let y = 0; y < height; y++) rgba.copy(rows, y * (1 + stride) + 1, y * stride, (y + 1) * stride);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level })), chunk('IEND', Buffer.alloc(0))]);
}
