export function encodeRgbaPng(width: number, height: number, rgba: Buffer, options?: { claimed?: { width: number; height: number }; level?: number }): Buffer;
