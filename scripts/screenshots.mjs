#!/usr/bin/env node
// `npm run screenshots`: README screenshots of the extension in a real VS Code (code-server 4.100.3 in
// headless Chromium, through test/e2e/harness/run.mjs --screenshots). Writes docs/images/*.png:
//   diagnostics-problems.png   a values file with squiggles and the Problems panel open
//   quick-fix.png              the quick-fix menu on wildcard-with-credentials
//   hover-effective-policy.png the hover on enable-cors with the effective policy
//   completion-annotations.png completion in ingress.annotations
//
// usage: node scripts/screenshots.mjs [--no-package] [--out docs/images]
// This file is both the launcher (run with node) and the UI script the harness imports (default export).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = fileURLToPath(import.meta.url);
const ROOT = path.join(path.dirname(HERE), '..');
const SHOTS = ['diagnostics-problems.png', 'quick-fix.png', 'hover-effective-policy.png', 'completion-annotations.png'];

/* ------------------------------------------------------------------ UI script (runs inside run.mjs) */

export default async function screenshots(page, h) {
  const editor = '.editor-instance .monaco-editor';
  await h.waitForWorkbench();
  await h.sleep(1500); // let the workbench finish restoring
  await page.keyboard.press('Control+B'); // hide the side bar: more room for the editor

  // (a) squiggles + Problems panel
  await h.quickOpen('showcase/vcluster-platform.yaml');
  await h.waitForSquiggle('error');
  await h.waitForSquiggle('warning');
  await page.keyboard.press('Control+Shift+M'); // View: Problems
  await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 20000 });
  const problems = await page.locator('.markers-panel').innerText();
  for (const id of ['wildcard-with-credentials', 'wildcard-origin', 'method-case']) {
    if (!problems.includes(id)) throw new Error(`Problems panel lacks ${id}:\n${problems}`);
  }
  await h.gotoLine(27, 53);
  await h.sleep(800);
  await h.screenshot('diagnostics-problems.png');

  // (b) the quick-fix menu on the `*` of cors-allow-origin (wildcard-with-credentials)
  await page.keyboard.press('Control+J'); // hide the panel again
  await h.sleep(300);
  await h.gotoLine(27, 54);
  await h.openQuickFix();
  await page.locator('.action-widget .monaco-list-row').first().waitFor({ timeout: 15000 });
  const menu = await page.locator('.action-widget').first().innerText();
  if (!/cors-allow-credentials to "false"/.test(menu)) throw new Error(`quick fix not offered; menu:\n${menu}`);
  await h.sleep(400);
  await h.screenshot('quick-fix.png');
  await h.closeWidgets();

  // (c) hover on the enable-cors key
  await h.gotoLine(26, 10);
  const key = page.locator(`${editor} .view-line span`, { hasText: 'nginx.ingress.kubernetes.io/enable-cors' }).first();
  await key.waitFor({ timeout: 10000 });
  const box = await key.boundingBox();
  if (!box) throw new Error('enable-cors key not rendered');
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'Effective CORS policy' }).first();
  await hover.waitFor({ state: 'visible', timeout: 15000 });
  const hoverBox = await hover.boundingBox();
  // The hover opens at most ~250 px high and the annotation's documentation comes first: scroll the
  // hover (with the mouse wheel, as a user would) until the effective policy is at its top.
  const heading = hover.locator('strong', { hasText: 'Effective CORS policy' }).first();
  if (hoverBox) {
    await page.mouse.move(hoverBox.x + hoverBox.width / 2, hoverBox.y + hoverBox.height / 2, { steps: 5 });
    // A wheel notch scrolls the hover by a fixed step (~50 px): stop at the first position that shows the
    // heading fully, as close to the top as a step allows.
    for (let i = 0; i < 30; i++) {
      const hb = await heading.boundingBox();
      const gap = hb ? hb.y - hoverBox.y - 6 : 0;
      if (!hb || (gap >= 0 && gap < 55)) break;
      await page.mouse.wheel(0, gap > 0 ? 40 : -40);
      await h.sleep(150);
    }
  }
  await h.sleep(600);
  if (!(await hover.isVisible())) throw new Error('the hover closed while scrolling');
  await h.screenshot('hover-effective-policy.png');
  await page.mouse.move(5, 5);
  await h.closeWidgets();

  // (d) completion on a new line in ingress.annotations of a file without CORS yet
  await h.quickOpen('showcase/platform-values-dashboard.yaml');
  await h.gotoLine(7, 200); // end of the cert-manager annotation
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('nginx.ingress.kubernetes.io/cors', { delay: 20 });
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.suggest-widget.visible');
  await suggest.waitFor({ state: 'visible', timeout: 15000 });
  await page.locator('.suggest-widget.visible .monaco-list-row', { hasText: 'cors-allow-origin' }).first().waitFor({ timeout: 15000 });
  // Show the documentation side panel of the focused item (Ctrl+Space toggles it; it may already be open).
  const details = page.locator('.suggest-details-container .suggest-details');
  const detailsShown = () =>
    details.waitFor({ state: 'visible', timeout: 2000 }).then(
      () => true,
      () => false,
    );
  if (!(await detailsShown())) {
    await page.keyboard.press('Control+Space');
    if (!(await detailsShown())) throw new Error('the completion details panel does not open');
  }
  await h.sleep(600);
  await h.screenshot('completion-annotations.png');
  await h.closeWidgets();
}

/* ------------------------------------------------------------------ launcher */

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function main() {
  const argv = process.argv.slice(2);
  const outDir = path.resolve(ROOT, argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : 'docs/images');
  if (!argv.includes('--no-package')) {
    const s = run(process.execPath, [path.join(ROOT, 'scripts/package-vsix.mjs')]);
    if (s !== 0) process.exit(s);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vcluster-cors-shots-'));
  const settings = path.join(tmp, 'settings.json');
  fs.writeFileSync(
    settings,
    JSON.stringify({
      'editor.minimap.enabled': false,
      'editor.fontSize': 14,
      'editor.hover.delay': 200,
      'editor.suggest.showStatusBar': false,
      'workbench.editor.enablePreview': false,
      'breadcrumbs.enabled': true,
      'problems.defaultViewMode': 'tree',
    }),
  );
  const status = run(process.execPath, [
    path.join(ROOT, 'test/e2e/harness/run.mjs'),
    '--extension',
    path.join(ROOT, 'vcluster-cors.vsix'),
    '--workspace',
    path.join(ROOT, 'test/e2e/workspace'),
    '--copy-workspace',
    '--no-suite',
    '--screenshots',
    HERE,
    '--screenshot-dir',
    tmp,
    '--settings',
    settings,
    '--viewport',
    '1280x800',
    '--timeout',
    '180',
  ]);
  if (status !== 0) {
    console.error(`screenshots: the harness failed (exit ${status}); see ${path.join(tmp, 'failure.png')}`);
    process.exit(status);
  }
  fs.mkdirSync(outDir, { recursive: true });
  for (const name of SHOTS) {
    const src = path.join(tmp, name);
    if (!fs.existsSync(src)) {
      console.error(`screenshots: ${name} was not produced`);
      process.exit(1);
    }
    fs.copyFileSync(src, path.join(outDir, name));
    console.log(`screenshots: ${path.relative(ROOT, path.join(outDir, name))} (${(fs.statSync(src).size / 1024).toFixed(0)} KiB)`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) main();
