/**
 * The web playground in real headless Chromium (playwright-core + Debian's /usr/bin/chromium, or CHROMIUM=…):
 * the browser bundle of the engine imports and lints exactly like the Node engine; the page loads, takes a
 * pasted file, shows findings with squiggles, hover messages and gutter markers, applies a one-click fix,
 * updates the policy table and the simulated verdict, and a link (URL hash) reproduces the whole state.
 *
 * Run: `npm run test:playground` (builds dist/playground/, then this suite; .ci/run runs it).
 * PLAYGROUND_SCREENSHOT=docs/images/playground.png also writes the README screenshot.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { lintText, computePolicies, fixText } from '../../server/src/engine/index';

const ROOT = path.resolve(__dirname, '../../..');
const BROKEN = fs.readFileSync(path.join(ROOT, 'examples/broken/vcluster-platform.yaml'), 'utf8');
let server: ChildProcess;
let base: string;
let browser: Browser;

before(async () => {
  server = spawn(process.execPath, [path.join(ROOT, 'scripts/playground.mjs'), '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the playground did not start:\n${out}`)), 60000);
    server.stdout!.on('data', (d) => {
      out += d;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.stderr!.on('data', (d) => (out += d));
    server.on('exit', (code) => reject(new Error(`the playground exited with ${code}:\n${out}`)));
  });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
});

async function openPage(url = base): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  (page as unknown as { errors: string[] }).errors = errors;
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => document.getElementById('summary')!.textContent !== '');
  return page;
}

const noErrors = (page: Page) => assert.deepEqual((page as unknown as { errors: string[] }).errors, []);

test('the engine bundle imports in Chromium, has no Node, and lints like the Node engine', async () => {
  const page = await openPage();
  const got = await page.evaluate(async (text) => {
    const m = await import('/engine.js' as string);
    const r = m.lintText(text, { filePath: 'broken/vcluster-platform.yaml' });
    const fixed = m.fixText(text, { filePath: 'broken/vcluster-platform.yaml' });
    return {
      node: typeof (globalThis as { process?: unknown }).process,
      findings: r.findings.map((f: any) => [f.ruleId, f.severity, f.range.start, f.range.end, f.message]),
      policies: m
        .computePolicies(text)
        .policies.map((p: any) => [
          p.controller,
          p.source,
          p.enabled,
          p.allowCredentials,
          p.origins.map((o: any) => o.kind + ':' + o.value),
        ]),
      fixed: fixed.text,
      exports: Object.keys(m).sort(),
    };
  }, BROKEN);
  const want = lintText(BROKEN, { filePath: 'broken/vcluster-platform.yaml' });
  assert.equal(got.node, 'undefined');
  assert.deepEqual(
    got.findings,
    want.findings.map((f) => [f.ruleId, f.severity, f.range.start, f.range.end, f.message]),
  );
  assert.deepEqual(
    got.policies,
    computePolicies(BROKEN).policies.map((p) => [
      p.controller,
      p.source,
      p.enabled,
      p.allowCredentials,
      p.origins.map((o) => o.kind + ':' + o.value),
    ]),
  );
  assert.equal(got.fixed, fixText(BROKEN, { filePath: 'broken/vcluster-platform.yaml' }).text);
  for (const name of ['lintText', 'fixText', 'computePolicies', 'simulate', 'rules', 'LineIndex', 'DEFAULT_CONFIG'])
    assert.ok(got.exports.includes(name), name);
  for (const nodeOnly of ['resolveConfigFor', 'loadConfigFile']) assert.ok(!got.exports.includes(nodeOnly), nodeOnly);
  noErrors(page);
  await page.close();
});

test('paste the broken example, see findings, fix one in one click, see the policy and the verdict change; a link reproduces it', async () => {
  // Start from another controller's example, then paste the broken values over it.
  const page = await openPage();
  await page.selectOption('#controller', 'traefik');
  await page.waitForFunction(() => document.querySelector('.policy')?.getAttribute('data-controller') === 'traefik');
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    document
      .querySelector('.cm-content')!
      .dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, BROKEN);
  const want = lintText(BROKEN, { filePath: 'traefik-middleware.yaml' }).findings.map((f) => f.ruleId);
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('#findings .finding').length === n &&
      document.querySelector('.policy')?.getAttribute('data-controller') === 'ingress-nginx',
    want.length,
  );
  assert.deepEqual(await page.$$eval('#findings .finding', (els) => els.map((e) => e.getAttribute('data-rule'))), want);
  assert.equal(await page.evaluate(() => (window as any).playground.view.state.doc.toString()), BROKEN);
  assert.equal(await page.inputValue('#controller'), 'ingress-nginx', 'the controller picker follows the pasted file');
  assert.equal(await page.inputValue('#example'), 'broken', 'the pasted text is that example');
  assert.equal(await page.inputValue('#file'), 'broken/vcluster-platform.yaml');
  assert.ok(want.includes('invalid-origin') && want.includes('wildcard-with-credentials'));

  // Squiggles, gutter markers and the hover message.
  assert.ok((await page.locator('.cm-lintRange-error').count()) > 0);
  assert.ok((await page.locator('.cm-lint-marker-error').count()) > 0);
  await page.locator('.cm-lintRange-error').first().hover();
  const tooltip = page.locator('.cm-tooltip-lint');
  await tooltip.waitFor();
  const first = lintText(BROKEN, { filePath: 'traefik-middleware.yaml' }).findings.find((f) => f.severity === 'error')!;
  assert.match(await tooltip.innerText(), new RegExp(first.message.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

  // The policy: the trailing slash makes ingress-nginx allow any origin, with credentials.
  const origin = () => page.locator('.policy tr[data-setting="allow-origin"] td:nth-child(2)').innerText();
  assert.equal(await origin(), '* (any origin)');
  // The simulator: a credentialed GET from admin.example.com is blocked.
  assert.equal(await page.inputValue('#sim-origin'), 'https://admin.example.com');
  assert.equal(await page.isChecked('#sim-credentials'), true);
  assert.equal(await page.getAttribute('.verdict', 'data-verdict'), 'blocked');
  assert.match(await page.locator('.verdict .reason').innerText(), /Access-Control-Allow-Origin: \*/);

  // One click: the invalid-origin fix (drop the trailing slash).
  await page.locator('.finding[data-rule="invalid-origin"] button.fix').first().click();
  await page.waitForFunction(() => !document.querySelector('.finding[data-rule="invalid-origin"]'));
  assert.equal(await page.inputValue('#example'), '', 'the fixed text is no longer the example');
  const fixedText = await page.evaluate(() => (window as any).playground.view.state.doc.toString());
  assert.equal(fixedText, BROKEN.replace('"https://dashboard.example.com/, ', '"https://dashboard.example.com, '));
  assert.equal(await origin(), 'https://dashboard.example.com, https://admin.example.com');
  await page.waitForSelector('.verdict[data-verdict="allowed"]');
  assert.match(await page.locator('.verdict pre.http').last().innerText(), /Access-Control-Allow-Origin: https:\/\/admin\.example\.com/);

  // A preflighted request: PATCH with Authorization is blocked (lower-case `patch`, no Authorization allowed).
  await page.fill('#sim-method', 'PATCH');
  await page.fill('#sim-headers', 'Authorization');
  await page.waitForSelector('.verdict[data-verdict="blocked"]');
  assert.match(
    await page.locator('.verdict h4').first().innerText(),
    /^Preflight \(OPTIONS, Access-Control-Request-Method: PATCH, Access-Control-Request-Headers: authorization\)$/,
  );
  assert.match(await page.locator('.verdict pre.http').first().innerText(), /^HTTP 204\n/);

  if (process.env.PLAYGROUND_SCREENSHOT) {
    await page.fill('#sim-method', 'GET');
    await page.fill('#sim-headers', '');
    await page.waitForSelector('.verdict[data-verdict="allowed"]');
    await page.locator('.cm-lintRange-error').first().hover();
    await page.locator('.cm-tooltip-lint').waitFor();
    await page.screenshot({ path: path.resolve(ROOT, process.env.PLAYGROUND_SCREENSHOT), fullPage: false });
    await page.fill('#sim-method', 'PATCH');
    await page.fill('#sim-headers', 'Authorization');
  }

  // The link reproduces the configuration and the request.
  const url = await page.evaluate(() => location.href);
  assert.match(url, /#s=[A-Za-z0-9_-]+$/);
  const again = await openPage(url);
  assert.equal(await again.evaluate(() => (window as any).playground.view.state.doc.toString()), fixedText);
  assert.equal(await again.inputValue('#sim-method'), 'PATCH');
  assert.equal(await again.inputValue('#sim-headers'), 'Authorization');
  assert.equal(await again.getAttribute('.verdict', 'data-verdict'), 'blocked');
  assert.equal(
    await again.locator('.policy tr[data-setting="allow-origin"] td:nth-child(2)').innerText(),
    'https://dashboard.example.com, https://admin.example.com',
  );
  // A link opened in a page that is already showing something else (hashchange) loads it too.
  await page.selectOption('#controller', 'istio');
  await page.waitForFunction(() => document.querySelector('.policy')?.getAttribute('data-controller') === 'istio');
  await page.evaluate((hash) => (location.hash = hash), new URL(url).hash);
  await page.waitForFunction((t) => (window as any).playground.view.state.doc.toString() === t, fixedText);
  assert.equal(await page.inputValue('#controller'), 'ingress-nginx');
  assert.equal(await page.inputValue('#sim-headers'), 'Authorization');
  noErrors(page);
  noErrors(again);
  await page.close();
  await again.close();
});

test('pickers: every controller example loads and lints; Fix all leaves no safe fix', async () => {
  const page = await openPage();
  const controllers = await page.$$eval('#controller option', (os) => os.map((o) => (o as HTMLOptionElement).value));
  assert.deepEqual(controllers, ['ingress-nginx', 'traefik', 'istio', 'gateway-api']);
  for (const c of controllers) {
    await page.selectOption('#controller', c);
    const examples = await page.$$eval('#example option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    assert.ok(examples.length >= 2, c);
    for (const ex of examples) {
      await page.selectOption('#example', ex);
      await page.waitForFunction(
        (want) => document.querySelector('.policy')?.getAttribute('data-controller') === want,
        c === 'ingress-nginx' ? 'ingress-nginx' : c,
      );
      const { text, file } = await page.evaluate(() => ({
        text: (window as any).playground.view.state.doc.toString(),
        file: (document.getElementById('file') as HTMLInputElement).value,
      }));
      const want = lintText(text, { filePath: file }).findings.map((f) => f.ruleId);
      await page.waitForFunction((n) => document.getElementById('summary')!.dataset.count === String(n), want.length);
      assert.deepEqual(await page.$$eval('#findings .finding', (els) => els.map((e) => e.getAttribute('data-rule'))), want, `${c}/${ex}`);
    }
  }
  await page.selectOption('#controller', 'ingress-nginx');
  await page.selectOption('#example', 'broken');
  await page.waitForFunction(() => document.querySelectorAll('.finding[data-rule="invalid-origin"]').length > 0);
  await page.click('#fix-all');
  const expected = fixText(BROKEN, { filePath: 'broken/vcluster-platform.yaml' }).text;
  await page.waitForFunction((t) => (window as any).playground.view.state.doc.toString() === t, expected);
  await page.waitForFunction(() => (document.getElementById('fix-all') as HTMLButtonElement).disabled);
  noErrors(page);
  await page.close();
});
