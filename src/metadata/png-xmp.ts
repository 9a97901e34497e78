/**
 * XMP in PNG: an uncompressed iTXt chunk with the keyword XML:com.adobe.xmp, before the first
 * IDAT. Only chunk headers are walked (the data of IDAT and other chunks is skipped, never read);
 * every chunk but the XMP one is copied byte for byte, its CRC included.
 */
import { concat } from './jpeg-xmp';
import { MAX_PACKET_BYTES, MetadataError, type AltTextFields, type ReadAltText } from './metadata-error';
import { decodePacket, encodeWithin, mergeXmpPacket, newXmpPacket, readXmpPacket, stripOwnedProperties } from './xmp-packet';

const XMP_KEYWORD = new TextEncoder().encode('XML:com.adobe.xmp');
/** keyword, NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL. */
const XMP_PREFIX = new Uint8Array([...XMP_KEYWORD, 0, 0, 0, 0, 0]);
/** PNG chunk lengths are limited to 2^31 - 1; the packet is held to our own, smaller limit. */
const MAX_CHUNK_PACKET = MAX_PACKET_BYTES;

interface Chunk {
  type: string;
  start: number;
  data: number;
  /** Offset after the CRC. */
  end: number;
}

function walkChunks(bytes: Uint8Array): Chunk[] {
  const chunks: Chunk[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) throw damaged(`it ends inside a chunk header at byte ${at}`);
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) throw damaged(`its ${type} chunk runs past the end of the file`);
    chunks.push({ type, start: at, data: at + 8, end });
    at = end;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR') throw damaged('it does not start with an IHDR chunk');
  return chunks;
}

function damaged(why: string): MetadataError {
  return new MetadataError('damaged', `This PNG is damaged (${why}), so Altscribe will not write into it. Use the CSV export for this photo.`);
}

function isXmp(bytes: Uint8Array, c: Chunk): boolean {
  if (c.type !== 'iTXt' || c.end - 4 - c.data < XMP_KEYWORD.length + 1) return false;
  for (let i = 0; i < XMP_KEYWORD.length; i++) if (bytes[c.data + i] !== XMP_KEYWORD[i]) return false;
  return bytes[c.data + XMP_KEYWORD.length] === 0;
}

/** The packet bytes of an XMP iTXt chunk; 'compressed' when it uses zlib (XMP forbids it, some tools do it). */
function packetOf(bytes: Uint8Array, c: Chunk): Uint8Array | 'compressed' | null {
  const dataEnd = c.end - 4;
  let at = c.data + XMP_KEYWORD.length + 1;
  if (at + 2 > dataEnd) return null;
  if (bytes[at] !== 0) return 'compressed';
  at += 2;
  // Language tag and translated keyword, each NUL-terminated.
  for (let nul = 0; nul < 2; nul++) {
    const end = bytes.subarray(at, dataEnd).indexOf(0);
    if (end < 0) return null;
    at += end + 1;
  }
  return bytes.subarray(at, dataEnd);
}

function xmpChunk(packet: Uint8Array): Uint8Array {
  const length = XMP_PREFIX.length + packet.length;
  const out = new Uint8Array(12 + length);
  const view = new DataView(out.buffer);
  view.setUint32(0, length);
  out.set([0x69, 0x54, 0x58, 0x74], 4); // iTXt
  out.set(XMP_PREFIX, 8);
  out.set(packet, 8 + XMP_PREFIX.length);
  view.setUint32(8 + length, crc32(out.subarray(4, 8 + length)));
  return out;
}

export function readPngAltText(bytes: Uint8Array): ReadAltText | null {
  let chunks: Chunk[];
  try {
    chunks = walkChunks(bytes);
  } catch {
    return null;
  }
  for (const c of chunks.filter((c) => isXmp(bytes, c))) {
    const raw = packetOf(bytes, c);
    if (!(raw instanceof Uint8Array) || raw.length > MAX_PACKET_BYTES) continue;
    const packet = decodePacket(raw);
    const read = packet === null ? null : readXmpPacket(packet);
    if (read) return read;
  }
  return null;
}

/**
 * The first XMP chunk is merged; it stays where it is when it comes before IDAT, and moves just
 * before the first IDAT otherwise. Later XMP chunks (against the standard) lose only the
 * properties we write, as in JPEG.
 */
export function writePngAltText(bytes: Uint8Array, fields: AltTextFields): Uint8Array {
  const chunks = walkChunks(bytes);
  const firstIdat = chunks.findIndex((c) => c.type === 'IDAT');
  if (firstIdat < 0) throw damaged('it has no image data (IDAT)');
  const existing = chunks.filter((c) => isXmp(bytes, c));
  const replacements = new Map<Chunk, Uint8Array>();
  let merged: Uint8Array | null = null;
  for (const [i, c] of existing.entries()) {
    const raw = packetOf(bytes, c);
    if (i === 0) {
      merged = xmpChunk(encodeWithin(mergeXmpPacket(firstPacket(raw), fields), MAX_CHUNK_PACKET, 'Altscribe writes into a PNG'));
      replacements.set(c, new Uint8Array(0));
      continue;
    }
    const packet = raw instanceof Uint8Array && raw.length <= MAX_PACKET_BYTES ? decodePacket(raw) : null;
    const stripped = packet === null ? packet : stripOwnedProperties(packet, fields);
    if (stripped !== null && stripped !== packet) replacements.set(c, xmpChunk(new TextEncoder().encode(stripped)));
  }
  const first = existing[0];
  const inPlace = first !== undefined && chunks.indexOf(first) < firstIdat;
  const xmp = merged ?? xmpChunk(encodeWithin(newXmpPacket(fields), MAX_CHUNK_PACKET, 'Altscribe writes into a PNG'));
  if (inPlace) replacements.set(first, xmp);
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  chunks.forEach((c, i) => {
    if (i === firstIdat && !inPlace) parts.push(xmp);
    parts.push(replacements.get(c) ?? bytes.subarray(c.start, c.end));
  });
  const last = chunks.at(-1);
  if (last) parts.push(bytes.subarray(last.end));
  return concat(parts);
}

function firstPacket(raw: Uint8Array | 'compressed' | null): string {
  if (raw === 'compressed') throw new MetadataError('unsupported-container', "This PNG's metadata (XMP) is compressed, which Altscribe cannot rewrite. Use the CSV export for this photo.");
  if (raw && raw.length > MAX_PACKET_BYTES) throw new MetadataError('too-large', `This PNG's metadata (XMP) is larger than ${MAX_PACKET_BYTES} bytes, more than Altscribe rewrites. Use the CSV export for this photo.`);
  const packet = raw ? decodePacket(raw) : null;
  if (packet === null) throw new MetadataError('damaged', "The photo's existing metadata (XMP) cannot be read, so Altscribe will not rewrite it. Use the CSV export for this photo.");
  return packet;
}

let crcTable: Uint32Array | undefined;

export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
