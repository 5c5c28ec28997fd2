#!/usr/bin/env node
// Render images/icon.svg to images/icon.png (the Marketplace and Open VSX icon, 128x128: the size the Marketplace
// asks for; 256x256 cost the .vsix 3 KB more) with headless
// Chromium (Debian's /usr/bin/chromium, or CHROMIUM=...) through playwright-core. Run after editing the SVG.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recompress } from './png-recompress.mjs';
import { toPalette } from './png-palette.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = 128;
// The SVG is drawn on a 256-unit viewBox: only its displayed size changes.
const svg = fs
  .readFileSync(path.join(ROOT, 'images/icon.svg'), 'utf8')
  .replace('width="256" height="256"', `width="${SIZE}" height="${SIZE}"`);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  // Chromium's PNG is written for speed; the same pixels re-encoded are less than half the size, and with a
  // 256-colour palette (scripts/png-palette.mjs) smaller again.
  const { png, maxError } = toPalette(recompress(await page.locator('svg').screenshot({ omitBackground: true })));
  fs.writeFileSync(path.join(ROOT, 'images/icon.png'), png);
  console.log(`render-icon: images/icon.png (${png.length} bytes, 256 colours, largest channel error ${maxError})`);
} finally {
  await browser.close();
}
