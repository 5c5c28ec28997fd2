/**
 * Marketplace / Open VSX readiness: `vsce ls` lists exactly what ships, the manifest has the listing fields
 * (icon, banner, categories, keywords, links), the icon is a 128px+ PNG, CHANGELOG.md exists, and the README
 * starts with the two set-up commands and the screenshots.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

test('`vsce ls` lists only what the extension needs at run time', () => {
  const vsce = require.resolve('@vscode/vsce/vsce', { paths: [ROOT] });
  const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, npm_config_offline: 'true' },
  });
  assert.equal(r.status, 0, r.stderr);
  const listed = r.stdout.trim().split('\n').sort();
  const rel = (dir: string, ext: string) =>
    fs
      .readdirSync(path.join(ROOT, dir))
      .filter((f) => f.endsWith(ext))
      .map((f) => `${dir}/${f}`);
  const expected = [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'package.json',
    'images/icon.png',
    'client/out/extension.js',
    'client/out/bundle.js.br',
    'server/out/server.js',
    'server/out/engine.js.br',
    'server/out/lsp.js.br',
    'server/out/cli.js',
    ...rel('schemas', '.json'),
    'client/out/rule-docs.json.br',
  ].sort();
  assert.deepEqual(listed, expected);
});

test('listing fields for the Marketplace and Open VSX', () => {
  assert.equal(PKG.icon, 'images/icon.png');
  assert.match(PKG.galleryBanner.color, /^#[0-9a-f]{6}$/i);
  assert.ok(['dark', 'light'].includes(PKG.galleryBanner.theme));
  assert.deepEqual(PKG.categories, ['Linters']);
  assert.ok(PKG.keywords.length >= 5 && PKG.keywords.length <= 30, 'vsce allows at most 30 keywords');
  for (const k of ['cors', 'vcluster', 'helm', 'ingress-nginx', 'kubernetes']) assert.ok(PKG.keywords.includes(k), k);
  assert.equal(PKG.license, 'MIT');
  assert.match(PKG.repository.url, /^https:\/\/github\.com\//);
  assert.match(PKG.bugs.url, /^https:\/\/github\.com\/.*\/issues$/);
  assert.match(PKG.homepage, /^https:\/\//);
  assert.equal(PKG.publisher, 'vcluster-cors', 'the Open VSX namespace');
  // The icon: a PNG (SVG icons are rejected by the Marketplace) of at least 128x128.
  const png = fs.readFileSync(path.join(ROOT, PKG.icon));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128, `icon is ${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`);
  assert.match(fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'), /^# Changelog\n/);
});

test('the README opens with the two set-up commands, then the screenshots', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  assert.ok(
    readme.startsWith(
      '# vcluster-cors\n\n```sh\nnpm ci && npm start    # lint the bundled examples/ and open the extension on them in a real editor\nnpm ci && npm test     # all unit, rule, CLI and language-server tests\n```\n',
    ),
  );
  const firstSection = readme.indexOf('\n## ');
  const head = readme.slice(0, firstSection);
  for (const img of ['docs/images/playground.png', 'docs/images/diagnostics-problems.png', 'docs/images/quick-fix.png']) {
    assert.ok(head.includes(`](${img})`), `${img} is shown before the first section`);
    assert.ok(fs.existsSync(path.join(ROOT, img)), img);
  }
  // The Marketplace rejects SVG images in the README; vsce rewrites relative links to the repository.
  assert.doesNotMatch(readme, /!\[[^\]]*\]\([^)]*\.svg\)/);
});
