// UI flow of "vCluster CORS: Insert CORS annotation block", driven through the real workbench
// (run by test/e2e/harness/run.mjs --screenshots after the mocha suite; counts as one test).
// The mocha suite calls the command with arguments; this covers the prompts: the origin input box
// (validated by the server's vclusterCors/validateOrigins while typing) and the credentials quick pick.
export default async function insertCorsBlockUi(page, h) {
  await h.waitForWorkbench();
  await h.quickOpen('insert/platform-values-ui.yaml');
  await h.runCommand('vCluster CORS: Insert CORS annotation block');

  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input').first();
  await input.waitFor({ state: 'visible', timeout: 15000 });
  const title = await widget.innerText();
  if (!/insert CORS annotations/i.test(title)) throw new Error(`unexpected prompt:\n${title}`);

  // An invalid origin: the validation message explains it and Enter does not accept it.
  await input.fill('https://app.example.com/');
  const message = widget.locator('.quick-input-message');
  await page.waitForFunction(
    () => /trailing slash/.test(document.querySelector('.quick-input-widget .quick-input-message')?.textContent ?? ''),
    null,
    { timeout: 15000 },
  );
  h.log(`validation message: ${(await message.innerText()).trim()}`);
  await page.keyboard.press('Enter');
  await h.sleep(300);
  if (!(await input.isVisible())) throw new Error('the input box accepted an invalid origin');

  // Two valid origins.
  await input.fill('https://app.example.com, https://admin.example.com');
  await page.waitForFunction(
    () => !/trailing slash/.test(document.querySelector('.quick-input-widget .quick-input-message')?.textContent ?? ''),
    null,
    { timeout: 15000 },
  );
  await page.keyboard.press('Enter');

  // Credentials quick pick.
  await widget.locator('.monaco-list-row', { hasText: 'No credentials' }).first().waitFor({ timeout: 15000 });
  await input.fill('No credentials');
  await h.sleep(200);
  await page.keyboard.press('Enter');

  // The block lands in the editor.
  const lines = page.locator('.editor-instance .monaco-editor .view-lines');
  await page.waitForFunction(
    () =>
      /cors-allow-origin:\s*"https:\/\/app\.example\.com, ?https:\/\/admin\.example\.com"/.test(
        document.querySelector('.editor-instance .monaco-editor .view-lines')?.textContent?.replace(/\u00a0/g, ' ') ?? '',
      ),
    null,
    { timeout: 15000 },
  );
  const text = (await lines.innerText()).replace(/\u00a0/g, ' ');
  if (!/cors-allow-credentials:\s*"false"/.test(text)) throw new Error(`credentials not set to "false":\n${text}`);
  if (!/enable-cors:\s*"true"/.test(text)) throw new Error(`enable-cors missing:\n${text}`);
  h.log('insert CORS block UI flow: annotations inserted');
}
