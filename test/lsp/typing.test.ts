/** Quiet while typing (lsp/typing.ts): the line being typed shows its diagnostics after a pause. */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, fixtureUri } from './client';

const QUIET_MS = 300;
const P = 'nginx.ingress.kubernetes.io';
const TEXT = [
  'ingress:',
  '  enabled: true',
  '  annotations:',
  `    ${P}/enable-cors: "true"`,
  `    ${P}/cors-allow-origin: "https://app.example.com"`,
  `    ${P}/cors-allow-credentials: "false"`,
  `    ${P}/cors-max-age: "600"`,
  '    cor',
  '',
].join('\n');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const lines = (items: { range: { start: { line: number } }; code?: unknown }[]) =>
  items.map((d) => `${String(d.code)}@${d.range.start.line}`);

describe('quiet while typing', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ pull: true, refreshSupport: true, initializationOptions: { quietMs: QUIET_MS } });
  });
  after(() => c.stop());

  test('a half-typed key: nothing on its line until the pause, then its findings; the rest of the file stays', async () => {
    const uri = fixtureUri('typing', 'vcluster-platform.yaml');
    await c.open(uri, TEXT);
    const opened = lines((await c.pull(uri)).items!);
    assert.ok(
      opened.some((x) => x.endsWith('@7')),
      `the line as opened is reported: ${opened.join(', ')}`,
    );
    const refreshes = c.refreshRequests;
    await c.change(uri, [{ range: { start: { line: 7, character: 7 }, end: { line: 7, character: 7 } }, text: 's' }]);
    const typing = await c.pull(uri);
    assert.deepEqual(
      lines(typing.items!).filter((x) => x.endsWith('@7')),
      [],
      'held back while typing',
    );
    assert.deepEqual(
      lines(typing.items!).filter((x) => !x.endsWith('@7')),
      opened.filter((x) => !x.endsWith('@7')),
      'other lines unchanged',
    );
    await sleep(QUIET_MS + 200);
    assert.equal(c.refreshRequests, refreshes + 1, 'the client is asked to pull again after the pause');
    const paused = await c.pull(uri, typing.resultId);
    assert.equal(paused.kind, 'full');
    assert.ok(
      lines(paused.items!).some((x) => x.endsWith('@7')),
      `shown after the pause: ${lines(paused.items!).join(', ')}`,
    );
  });

  test('an edit that is not typing on one line (a pasted line, a fix) shows everything at once', async () => {
    const uri = fixtureUri('typing-paste', 'vcluster-platform.yaml');
    await c.open(uri, TEXT.replace('    cor\n', ''));
    await c.change(uri, [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: '    cors\n' }]);
    assert.ok(lines((await c.pull(uri)).items!).some((x) => x.endsWith('@7')));
  });
});
