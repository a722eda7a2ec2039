// A minimal PNG writer for QR codes: 8-bit grayscale, one IDAT, zlib from node:zlib.
import { deflateSync } from 'node:zlib';
import type { QrMatrix } from './qr.js';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Renders a QR matrix: `scale` pixels per module and a 4-module quiet zone, black on white. */
export function qrPng(modules: QrMatrix, scale = 4): Buffer {
  const border = 4;
  const n = modules.length;
  const side = (n + border * 2) * scale;
  const raw = Buffer.alloc(side * (side + 1), 0xff);
  for (let py = 0; py < side; py++) {
    const rowStart = py * (side + 1);
    raw[rowStart] = 0; // filter: none
    const my = Math.floor(py / scale) - border;
    if (my < 0 || my >= n) continue;
    for (let px = 0; px < side; px++) {
      const mx = Math.floor(px / scale) - border;
      if (mx >= 0 && mx < n && modules[my]![mx]) raw[rowStart + 1 + px] = 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
