#!/usr/bin/env node
// Render images/icon.svg to images/icon.png (256x256, the Marketplace and Open VSX icon) with headless
// Chromium (Debian's /usr/bin/chromium, or CHROMIUM=...) through playwright-core. Run after editing the SVG.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recompress } from './png-recompress.mjs';
import { toPalette } from './png-palette.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = fs.readFileSync(path.join(ROOT, 'images/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 256, height: 256 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  // Chromium's PNG is written for speed; the same pixels re-encoded are less than half the size, and with a
  // 256-colour palette (scripts/png-palette.mjs) less than a third.
  const { png, maxError } = toPalette(recompress(await page.locator('svg').screenshot({ omitBackground: true })));
  fs.writeFileSync(path.join(ROOT, 'images/icon.png'), png);
  console.log(`render-icon: images/icon.png (${png.length} bytes, 256 colours, largest channel error ${maxError})`);
} finally {
  await browser.close();
}
