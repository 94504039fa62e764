// Width and height from the first bytes of PNG, GIF and JPEG files: RenderNet's upload
// asks for `size` (RN-C12) and reading it from the header spares the caller an image library.
// Anything else (WebP, video) returns undefined and the caller must pass `size`.

export interface Dimensions {
  width: number;
  height: number;
}

/** How many leading bytes the sniffer looks at (JPEG's frame header can sit after large EXIF blocks). */
export const SNIFF_BYTES = 256 * 1024;

export function imageSize(bytes: Uint8Array): Dimensions | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // PNG: signature, then the IHDR chunk with big-endian width and height at 16 and 20.
  if (bytes.length >= 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(12) === 0x49484452) {
    return valid({ width: view.getUint32(16), height: view.getUint32(20) });
  }
  // GIF87a / GIF89a: little-endian 16-bit width and height at 6 and 8.
  if (bytes.length >= 10 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) {
    return valid({ width: view.getUint16(6, true), height: view.getUint16(8, true) });
  }
  // JPEG: walk the segments to the first start-of-frame marker (SOF0..SOF15 except DHT, JPG, DAC).
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return undefined;
      const marker = bytes[at + 1]!;
      if (marker === 0xff) {
        at++;
        continue;
      }
      const length = view.getUint16(at + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return valid({ height: view.getUint16(at + 5), width: view.getUint16(at + 7) });
      }
      at += 2 + length;
    }
  }
  return undefined;
}

const valid = (d: Dimensions) => (d.width > 0 && d.height > 0 ? d : undefined);
