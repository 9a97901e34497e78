/**
 * XMP in WebP: an 'XMP ' chunk in the extended format, which needs a VP8X chunk whose XMP flag
 * is set. A simple WebP (one VP8 or VP8L chunk) gets a VP8X made from its bitstream's size.
 * Chunks are copied byte for byte (padding included); only VP8X's flags, the XMP chunk and the
 * RIFF size change.
 */
import { concat } from './jpeg-xmp';
import { MAX_PACKET_BYTES, MetadataError, type AltTextFields, type ReadAltText } from './metadata-error';
import { decodePacket, encodeWithin, mergeXmpPacket, newXmpPacket, readXmpPacket, stripOwnedProperties } from './xmp-packet';

const FLAG_ALPHA = 0x10;
const FLAG_XMP = 0x04;
/** RIFF sizes are 32-bit; our own packet limit is far below. */
const MAX_XMP = MAX_PACKET_BYTES;

interface Chunk {
  fourcc: string;
  start: number;
  data: number;
  size: number;
  /** Offset after the data and its padding byte. */
  end: number;
}

function walkChunks(bytes: Uint8Array): { chunks: Chunk[]; riffEnd: number } {
  if (bytes.length < 12) throw damaged('it is shorter than its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Some writers get the RIFF size wrong by a little; the chunks that fit in the file are what counts.
  const riffEnd = Math.min(bytes.length, 8 + view.getUint32(4, true));
  const chunks: Chunk[] = [];
  let at = 12;
  while (at + 8 <= riffEnd) {
    const fourcc = String.fromCharCode(...bytes.subarray(at, at + 4));
    const size = view.getUint32(at + 4, true);
    const data = at + 8;
    if (data + size > bytes.length) throw damaged(`its ${fourcc.trim()} chunk runs past the end of the file`);
    const end = Math.min(bytes.length, data + size + (size & 1));
    chunks.push({ fourcc, start: at, data, size, end });
    at = end;
  }
  if (!chunks.length) throw damaged('it holds no chunks');
  return { chunks, riffEnd: Math.max(at, riffEnd) };
}

function damaged(why: string): MetadataError {
  return new MetadataError('damaged', `This WebP is damaged (${why}), so Altscribe will not write into it. Use the CSV export for this photo.`);
}

export function readWebpAltText(bytes: Uint8Array): ReadAltText | null {
  let chunks: Chunk[];
  try {
    chunks = walkChunks(bytes).chunks;
  } catch {
    return null;
  }
  for (const c of chunks.filter((c) => c.fourcc === 'XMP ' && c.size <= MAX_XMP)) {
    const packet = decodePacket(bytes.subarray(c.data, c.data + c.size));
    const read = packet === null ? null : readXmpPacket(packet);
    if (read) return read;
  }
  return null;
}

/**
 * The first XMP chunk is merged in place; a later one (against the container spec) only loses
 * the properties we write, as in JPEG. A new XMP chunk goes where the spec orders it: after the
 * image data and EXIF, before any unknown chunks.
 */
export function writeWebpAltText(bytes: Uint8Array, fields: AltTextFields): Uint8Array {
  const { chunks, riffEnd } = walkChunks(bytes);
  const first = chunks[0] as Chunk;
  const replacements = new Map<Chunk, Uint8Array>();
  const existing = chunks.filter((c) => c.fourcc === 'XMP ');
  for (const [i, c] of existing.entries()) {
    if (i === 0 && c.size > MAX_XMP) throw new MetadataError('too-large', `This WebP's metadata (XMP) is larger than ${MAX_XMP} bytes, more than Altscribe rewrites. Use the CSV export for this photo.`);
    const packet = c.size <= MAX_XMP ? decodePacket(bytes.subarray(c.data, c.data + c.size)) : null;
    if (i === 0) {
      if (packet === null) throw new MetadataError('damaged', "The photo's existing metadata (XMP) is not valid text, so Altscribe will not rewrite it. Use the CSV export for this photo.");
      replacements.set(c, xmpChunk(encodeWithin(mergeXmpPacket(packet, fields), MAX_XMP, 'Altscribe writes into a WebP')));
      continue;
    }
    const stripped = packet === null ? null : stripOwnedProperties(packet, fields);
    if (stripped !== null && stripped !== packet) replacements.set(c, xmpChunk(new TextEncoder().encode(stripped)));
  }
  const parts: Uint8Array[] = [bytes.subarray(0, 12)];
  if (first.fourcc === 'VP8X') {
    if (first.size < 10) throw damaged('its VP8X chunk is too short');
    const vp8x = bytes.slice(first.start, first.end);
    vp8x[8] = (vp8x[8] as number) | FLAG_XMP;
    replacements.set(first, vp8x);
  } else if (first.fourcc === 'VP8 ' || first.fourcc === 'VP8L') {
    parts.push(vp8xFor(bytes, first));
  } else {
    throw damaged(`its first chunk is ${first.fourcc.trim()}, not VP8, VP8L or VP8X`);
  }
  const after = insertAfter(chunks);
  chunks.forEach((c, i) => {
    parts.push(replacements.get(c) ?? bytes.subarray(c.start, c.end));
    if (!existing.length && i === after) parts.push(xmpChunk(encodeWithin(newXmpPacket(fields), MAX_XMP, 'Altscribe writes into a WebP')));
  });
  // Bytes after the RIFF (some tools append them) are not ours: they stay after it.
  const body = concat(parts);
  new DataView(body.buffer).setUint32(4, body.length - 8, true);
  return concat([body, bytes.subarray(riffEnd)]);
}

/** Index of the chunk the new XMP chunk follows: the last of image data, EXIF and the header chunks. */
function insertAfter(chunks: readonly Chunk[]): number {
  const known = new Set(['VP8X', 'ICCP', 'ANIM', 'ANMF', 'ALPH', 'VP8 ', 'VP8L', 'EXIF']);
  let index = 0;
  chunks.forEach((c, i) => {
    if (known.has(c.fourcc)) index = i;
  });
  return index;
}

function xmpChunk(packet: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + packet.length + (packet.length & 1));
  out.set([0x58, 0x4d, 0x50, 0x20]); // 'XMP '
  new DataView(out.buffer).setUint32(4, packet.length, true);
  out.set(packet, 8);
  return out;
}

/** A VP8X chunk for a simple WebP: canvas size from the bitstream, alpha when VP8L says it has some. */
function vp8xFor(bytes: Uint8Array, image: Chunk): Uint8Array {
  const data = bytes.subarray(image.data, image.data + image.size);
  let width: number;
  let height: number;
  let flags = FLAG_XMP;
  if (image.fourcc === 'VP8 ') {
    // Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height (2 bits of scale above).
    if (data.length < 10 || data[3] !== 0x9d || data[4] !== 0x01 || data[5] !== 0x2a) throw damaged('its VP8 frame header is missing');
    width = (((data[7] as number) << 8) | (data[6] as number)) & 0x3fff;
    height = (((data[9] as number) << 8) | (data[8] as number)) & 0x3fff;
  } else {
    // Signature 0x2f, then 14 bits width - 1, 14 bits height - 1, 1 bit alpha, 3 bits version.
    if (data.length < 5 || data[0] !== 0x2f) throw damaged('its VP8L header is missing');
    const bits = (data[1] as number) | ((data[2] as number) << 8) | ((data[3] as number) << 16) | ((data[4] as number) << 24);
    width = (bits & 0x3fff) + 1;
    height = ((bits >>> 14) & 0x3fff) + 1;
    if ((bits >>> 28) & 1) flags |= FLAG_ALPHA;
  }
  if (width < 1 || height < 1) throw damaged('its image has no size');
  const out = new Uint8Array(18);
  out.set([0x56, 0x50, 0x38, 0x58, 10, 0, 0, 0, flags]); // 'VP8X', size 10, flags, 3 reserved bytes
  const w = width - 1;
  const h = height - 1;
  out.set([w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff, h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff], 12);
  return out;
}
