/**
 * What the Analyzer (lsp/analysis.ts) keeps between edits of a document: the config lookup (reused for
 * CONFIG_RECHECK_MS, at once re-read after invalidate()) and the path-only tests of preselect (re-run when the
 * `files` globs or the workspace folders change).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Analyzer, CONFIG_RECHECK_MS, type DocumentLike } from '../../server/src/lsp/analysis';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';

const root = join(__dirname, '../../..');
const seed = readFileSync(join(root, 'examples/vcluster-platform.yaml'), 'utf8');

function doc(file: string, version: number, text: string): DocumentLike {
  return { uri: pathToFileURL(file).href, version, languageId: 'yaml', getText: () => text };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a config file is looked up again after CONFIG_RECHECK_MS, or at once after invalidate()', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vcc-reuse-'));
  try {
    const config = join(dir, '.vcluster-cors.yaml');
    const file = join(dir, 'vcluster-platform.yaml');
    const analyzer = new Analyzer({ workspaceFolders: () => [dir], log: () => {} });
    const severity = (v: number) => analyzer.analyze(doc(file, v, seed), DEFAULT_SETTINGS).analysis.config.rules['wildcard-subdomain'];

    writeFileSync(config, 'rules:\n  wildcard-subdomain: info\n');
    assert.equal(severity(1), 'info');
    writeFileSync(config, 'rules:\n  wildcard-subdomain: off\n');
    assert.equal(severity(2), 'info', 'within the recheck time, the lookup is reused');
    analyzer.invalidate();
    assert.equal(severity(3), 'off', 'a config file event (invalidate) re-reads at once');

    writeFileSync(config, 'rules:\n  wildcard-subdomain: warning\n');
    assert.equal(severity(4), 'off');
    await sleep(CONFIG_RECHECK_MS + 50);
    assert.equal(severity(5), 'warning', 'after the recheck time, the lookup is made again');

    // A broken config: the error is reported, reused as the lookup, and gone once the file is fixed.
    writeFileSync(config, 'rules: [\n');
    analyzer.invalidate();
    const broken = analyzer.analyze(doc(file, 6, seed), DEFAULT_SETTINGS).analysis;
    assert.match(broken.configError ?? '', /cannot be used/);
    assert.match(analyzer.analyze(doc(file, 7, seed), DEFAULT_SETTINGS).analysis.configError ?? '', /cannot be used/);
    writeFileSync(config, 'rules: {}\n');
    analyzer.invalidate();
    assert.equal(analyzer.analyze(doc(file, 8, seed), DEFAULT_SETTINGS).analysis.configError, undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the `files` globs are matched again when the globs or the workspace folders change', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vcc-reuse-'));
  try {
    mkdirSync(join(dir, 'deploy'));
    const file = join(dir, 'deploy', 'platform.yaml');
    // Values of the chart without its marker keys: linted only when a `files` glob selects the file.
    const text = 'config:\n  cors:\n    enabled: true\n';
    let folders: string[] = [];
    const analyzer = new Analyzer({ workspaceFolders: () => folders, log: () => {} });
    const settings = { ...DEFAULT_SETTINGS, files: ['deploy/*.yaml'] };
    const validated = (v: number, s = settings) => analyzer.analyze(doc(file, v, text), s).analysis.validated;

    assert.equal(validated(1), false, 'no workspace folder: the relative glob does not match');
    folders = [dir];
    assert.equal(validated(2), true, 'the folder that holds it: matched');
    assert.equal(validated(3, { ...settings, files: ['other/*.yaml'] }), false, 'other globs: matched again');
    folders = [join(dir, 'elsewhere')];
    assert.equal(validated(4), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the editor settings apply per settings object: a new object with other customizations gives another config', () => {
  const file = join(tmpdir(), 'vcc-reuse-none', 'vcluster-platform.yaml');
  const analyzer = new Analyzer({ workspaceFolders: () => [], log: () => {} });
  const off = { ...DEFAULT_SETTINGS, customizations: [{ rule: 'ingress-nginx-retired', severity: 'off' as const }] };
  const ids = (v: number, s = DEFAULT_SETTINGS) => analyzer.analyze(doc(file, v, seed), s).analysis.findings.map((f) => f.ruleId);

  assert.deepEqual(ids(1), ['ingress-nginx-retired']);
  const first = analyzer.analyze(doc(file, 2, seed), off).analysis;
  assert.deepEqual(first.findings, []);
  assert.equal(first.config.rules['ingress-nginx-retired'], 'off');
  // The same object again: the same config object (made once), and the same result.
  const again = analyzer.analyze(doc(file, 3, seed), off).analysis;
  assert.equal(again.config, first.config);
  assert.deepEqual(again.findings, []);
  // Back to the defaults, then a new object naming a severity.
  assert.deepEqual(ids(4), ['ingress-nginx-retired']);
  const warn = { ...DEFAULT_SETTINGS, customizations: [{ rule: 'ingress-nginx-retired', severity: 'warning' as const }] };
  assert.deepEqual(
    analyzer.analyze(doc(file, 5, seed), warn).analysis.findings.map((f) => f.severity),
    ['warning'],
  );
});
