#!/usr/bin/env node
// Re-encodes an 8-bit RGBA PNG such as images/icon.png as an indexed PNG (PLTE + tRNS, at most 256 colours): the
// icon's ~1,400 colours are a gradient and anti-aliased edges, which 256 colours chosen by k-means (weighted by
// pixel count, distance on premultiplied colour and alpha) reproduce within a few levels per channel. Prints the
// largest and mean channel error against the input; refuses when the largest is over --max-error (default 24).
//
// usage: node scripts/png-palette.mjs IN.png [OUT.png] [--max-error N]   (scripts/render-icon.mjs uses it)
import fs from 'node:fs';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { decode, chunk, SIGNATURE } from './png-recompress.mjs';

/** Squared distance between two RGBA colours, premultiplied (a transparent pixel's colour hardly matters). */
function dist(p, q) {
  let d = 0;
  for (let c = 0; c < 3; c++) {
    const x = (p[c] * p[3]) / 255 - (q[c] * q[3]) / 255;
    d += x * x;
  }
  const a = p[3] - q[3];
  return d + a * a;
}

/** Up to `size` colours for the `colors` (Map of RGBA key → count): k-means from the most frequent ones. */
function palette(colors, size) {
  const items = [...colors].map(([k, n]) => ({ c: [k >>> 24, (k >>> 16) & 255, (k >>> 8) & 255, k & 255], n }));
  items.sort((a, b) => b.n - a.n);
  if (items.length <= size) return items.map((i) => i.c);
  let centers = items.slice(0, size).map((i) => [...i.c]);
  for (let round = 0; round < 30; round++) {
    const sums = centers.map(() => [0, 0, 0, 0, 0]);
    for (const it of items) {
      const s = sums[nearest(centers, it.c)];
      for (let c = 0; c < 4; c++) s[c] += it.c[c] * it.n;
      s[4] += it.n;
    }
    centers = sums.map((s, i) => (s[4] ? s.slice(0, 4).map((v) => Math.round(v / s[4])) : centers[i]));
  }
  return centers;
}

function nearest(centers, c) {
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < centers.length; i++) {
    const d = dist(centers[i], c);
    if (d < bestD) [best, bestD] = [i, d];
  }
  return best;
}

/** The indexed PNG and its error against the input: { png, maxError, meanError }. */
export function toPalette(png, size = 256) {
  const { width, height, pixels } = decode(png);
  const colors = new Map();
  for (let i = 0; i < pixels.length; i += 4) colors.set(pixels.readUInt32BE(i), (colors.get(pixels.readUInt32BE(i)) ?? 0) + 1);
  const pal = palette(colors, size);
  const index = new Map([...colors.keys()].map((k) => [k, nearest(pal, [k >>> 24, (k >>> 16) & 255, (k >>> 8) & 255, k & 255])]));
  const raw = Buffer.alloc(height * (width + 1)); // filter 0 on every row: indices do not predict well
  let maxError = 0;
  let sumError = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const i = index.get(pixels.readUInt32BE(o));
      raw[y * (width + 1) + 1 + x] = i;
      for (let c = 0; c < 4; c++) {
        const e = Math.abs(pal[i][c] - pixels[o + c]) * (c < 3 ? pixels[o + 3] / 255 : 1);
        maxError = Math.max(maxError, e);
        sumError += e;
      }
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 3; // indexed colour
  const plte = Buffer.from(pal.flatMap((c) => c.slice(0, 3)));
  const trns = Buffer.from(pal.map((c) => c[3]));
  const idat = zlib.deflateSync(raw, { level: 9, memLevel: 9 });
  const out = Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    chunk('tRNS', trns),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return { png: out, maxError: Math.round(maxError), meanError: sumError / (width * height * 4) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const m = args.indexOf('--max-error');
  const maxAllowed = m >= 0 ? Number(args.splice(m, 2)[1]) : 24;
  const [input, output = input] = args;
  const before = fs.readFileSync(input);
  const { png, maxError, meanError } = toPalette(before);
  console.log(`png-palette: ${input} ${before.length} -> ${png.length} bytes; channel error max ${maxError}, mean ${meanError.toFixed(3)}`);
  if (maxError > maxAllowed) {
    console.error(`png-palette: the largest error ${maxError} is over --max-error ${maxAllowed}; ${output} not written`);
    process.exit(1);
  }
  fs.writeFileSync(output, png);
}
