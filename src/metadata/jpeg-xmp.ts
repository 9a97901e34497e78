/**
 * XMP in JPEG: an APP1 segment starting with the XMP namespace and a NUL. Only the segments
 * before the first SOS are walked; from SOS on (the image data) the bytes are copied unread.
 * Extended XMP (a packet split across several APP1 segments) is not written: a packet that does
 * not fit one segment is refused as 'too-large'. Existing Extended XMP segments are kept as they
 * are, and so is the main packet's xmpNote:HasExtendedXMP that points at them.
 */
import { MAX_PACKET_BYTES, MetadataError, type AltTextFields, type ReadAltText } from './metadata-error';
import { decodePacket, encodeWithin, mergeXmpPacket, newXmpPacket, readXmpPacket, stripOwnedProperties } from './xmp-packet';

const XMP_HEADER = new TextEncoder().encode('http://ns.adobe.com/xap/1.0/\0');
const EXIF_HEADER = new TextEncoder().encode('Exif\0');
const APP0 = 0xe0;
const APP1 = 0xe1;
const SOS = 0xda;
/** A segment's length field counts itself: 65,535 minus those two bytes is all a segment holds. */
const MAX_SEGMENT_PAYLOAD = 65533;

interface Segment {
  marker: number;
  /** Offset of the segment's 0xFF. */
  start: number;
  /** Offset of its payload (after the length). */
  payload: number;
  end: number;
}

/** The segments before SOS, and where the rest of the file (SOS onwards) starts. */
function walkSegments(bytes: Uint8Array): { segments: Segment[]; rest: number } {
  const segments: Segment[] = [];
  let at = 2;
  for (;;) {
    if (at >= bytes.length) throw damaged('it ends before its image data');
    if (bytes[at] !== 0xff) throw damaged(`a segment marker is missing at byte ${at}`);
    let markerAt = at + 1;
    // Fill bytes: any number of 0xFF may precede a marker.
    while (bytes[markerAt] === 0xff) markerAt++;
    const marker = bytes[markerAt];
    if (marker === undefined) throw damaged('it ends inside a segment marker');
    if (marker === SOS) return { segments, rest: at };
    if ((marker >= 0xd0 && marker <= 0xd8) || marker === 0x01) {
      segments.push({ marker, start: at, payload: markerAt + 1, end: markerAt + 1 });
      at = markerAt + 1;
      continue;
    }
    if (marker === 0xd9) throw damaged('it has no image data');
    if (markerAt + 3 > bytes.length) throw damaged('it ends inside a segment');
    const length = ((bytes[markerAt + 1] as number) << 8) | (bytes[markerAt + 2] as number);
    const end = markerAt + 1 + length;
    if (length < 2 || end > bytes.length) throw damaged(`a segment at byte ${at} runs past the end of the file`);
    segments.push({ marker, start: at, payload: markerAt + 3, end });
    at = end;
  }
}

function damaged(why: string): MetadataError {
  return new MetadataError('damaged', `This JPEG is damaged (${why}), so Altscribe will not write into it. Use the CSV export for this photo.`);
}

function startsWith(bytes: Uint8Array, at: number, prefix: Uint8Array): boolean {
  if (at + prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

function isXmp(bytes: Uint8Array, s: Segment): boolean {
  return s.marker === APP1 && startsWith(bytes, s.payload, XMP_HEADER);
}

function packetOf(bytes: Uint8Array, s: Segment): Uint8Array {
  return bytes.subarray(s.payload + XMP_HEADER.length, s.end);
}

function xmpSegment(packet: Uint8Array): Uint8Array {
  const length = 2 + XMP_HEADER.length + packet.length;
  const out = new Uint8Array(2 + length);
  out.set([0xff, APP1, length >> 8, length & 0xff]);
  out.set(XMP_HEADER, 4);
  out.set(packet, 4 + XMP_HEADER.length);
  return out;
}

export function readJpegAltText(bytes: Uint8Array): ReadAltText | null {
  let segments: Segment[];
  try {
    segments = walkSegments(bytes).segments;
  } catch {
    return null;
  }
  for (const s of segments.filter((s) => isXmp(bytes, s))) {
    const packet = decodePacket(packetOf(bytes, s));
    const read = packet === null ? null : readXmpPacket(packet);
    if (read) return read;
  }
  return null;
}

/**
 * Two XMP segments break the standard; some readers take the first, some the last. The first is
 * merged and keeps its place; later ones keep all their properties but lose the ones we write,
 * so no reader finds a stale alt-text and nothing else is dropped.
 */
export function writeJpegAltText(bytes: Uint8Array, fields: AltTextFields): Uint8Array {
  const { segments } = walkSegments(bytes);
  const limit = MAX_SEGMENT_PAYLOAD - XMP_HEADER.length;
  const replaced = new Map<Segment, Uint8Array>();
  const existing = segments.filter((s) => isXmp(bytes, s));
  existing.forEach((s, i) => {
    const raw = packetOf(bytes, s);
    const packet = raw.length <= MAX_PACKET_BYTES ? decodePacket(raw) : null;
    if (i === 0) {
      if (packet === null) throw new MetadataError('damaged', "The photo's existing metadata (XMP) is not valid text, so Altscribe will not rewrite it. Use the CSV export for this photo.");
      replaced.set(s, xmpSegment(encodeWithin(mergeXmpPacket(packet, fields), limit, 'one JPEG segment')));
    } else if (packet !== null) {
      const stripped = stripOwnedProperties(packet, fields);
      if (stripped !== packet) replaced.set(s, xmpSegment(encodeWithin(stripped, limit, 'one JPEG segment')));
    }
  });
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  if (!existing.length) {
    // After JFIF (APP0) and Exif (APP1), which readers expect first.
    const lead = segments.findIndex((s) => s.marker !== APP0 && !(s.marker === APP1 && startsWith(bytes, s.payload, EXIF_HEADER)));
    const before = lead < 0 ? segments.at(-1) : segments[lead - 1];
    const insertAt = before ? before.end : 2;
    parts.push(bytes.subarray(2, insertAt), xmpSegment(encodeWithin(newXmpPacket(fields), limit, 'one JPEG segment')));
    at = insertAt;
  }
  for (const [s, segment] of [...replaced].sort(([a], [b]) => a.start - b.start)) {
    parts.push(bytes.subarray(at, s.start), segment);
    at = s.end;
  }
  parts.push(bytes.subarray(at));
  return concat(parts);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
