#!/usr/bin/env node
// Lossless PNG re-encoding for 8-bit RGBA images such as images/icon.png (Chromium's screenshots are written for
// speed, not size): the same pixels, each row with the PNG filter that suits it best, deflate at level 9. The
// result is decoded again and compared with the input pixel by pixel before it is returned.
//
// usage: node scripts/png-recompress.mjs IN.png [OUT.png]   (OUT defaults to IN; scripts/render-icon.mjs uses it)
import fs from 'node:fs';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
const BPP = 4;

function chunks(png) {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  const out = [];
  for (let o = 8; o < png.length;) {
    const len = png.readUInt32BE(o);
    out.push({ type: png.toString('latin1', o + 4, o + 8), data: png.subarray(o + 8, o + 8 + len) });
    o += 12 + len;
  }
  return out;
}

const paeth = (a, b, c) => {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};
/** The filter's prediction for byte x of row y (the PNG spec's five filters). */
function predict(f, px, stride, y, x) {
  const a = x >= BPP ? px[y * stride + x - BPP] : 0;
  const b = y ? px[(y - 1) * stride + x] : 0;
  const c = x >= BPP && y ? px[(y - 1) * stride + x - BPP] : 0;
  return f === 0 ? 0 : f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : paeth(a, b, c);
}

/** Decodes an 8-bit RGBA, non-interlaced PNG: { width, height, ihdr, pixels }. */
export function decode(png) {
  const all = chunks(png);
  const ihdr = all.find((c) => c.type === 'IHDR').data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  if (ihdr[8] !== 8 || ihdr[9] !== 6 || ihdr[12] !== 0) throw new Error('only 8-bit RGBA non-interlaced PNGs');
  const raw = zlib.inflateSync(Buffer.concat(all.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * BPP;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) pixels[y * stride + x] = (raw[y * (stride + 1) + 1 + x] + predict(f, pixels, stride, y, x)) & 255;
  }
  return { width, height, ihdr, pixels };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
export function chunk(type, data) {
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  let crc = 0xffffffff;
  for (const v of td) crc = CRC_TABLE[(crc ^ v) & 255] ^ (crc >>> 8);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return Buffer.concat([head, td, tail]);
}

/** The smallest of a few filter choices (one filter for all rows, or per row the smallest sum of deltas). */
export function recompress(png) {
  const { width, height, ihdr, pixels } = decode(png);
  const stride = width * BPP;
  const filtered = (f, y) => {
    const row = Buffer.alloc(stride + 1);
    row[0] = f;
    for (let x = 0; x < stride; x++) row[1 + x] = (pixels[y * stride + x] - predict(f, pixels, stride, y, x)) & 255;
    return row;
  };
  const cost = (row) => row.subarray(1).reduce((s, v) => s + (v < 128 ? v : 256 - v), 0);
  let best;
  for (const strategy of ['per-row', 0, 1, 2, 3, 4]) {
    const rows = [];
    for (let y = 0; y < height; y++) {
      if (strategy !== 'per-row') rows.push(filtered(strategy, y));
      else rows.push([0, 1, 2, 3, 4].map((f) => filtered(f, y)).reduce((a, b) => (cost(b) < cost(a) ? b : a)));
    }
    for (const zs of [zlib.constants.Z_DEFAULT_STRATEGY, zlib.constants.Z_FILTERED]) {
      const z = zlib.deflateSync(Buffer.concat(rows), { level: 9, memLevel: 9, strategy: zs });
      if (!best || z.length < best.length) best = z;
    }
  }
  const out = Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', best), chunk('IEND', Buffer.alloc(0))]);
  if (!decode(out).pixels.equals(pixels)) throw new Error('png-recompress: the re-encoded pixels differ');
  return out.length < png.length ? out : png;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output = input] = process.argv.slice(2);
  const before = fs.readFileSync(input);
  const after = recompress(before);
  fs.writeFileSync(output, after);
  console.log(`png-recompress: ${output} ${before.length} -> ${after.length} bytes (same pixels)`);
}
