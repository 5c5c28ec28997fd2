/**
 * The client bundles client/src/semver.ts for vscode-languageclient's VS Code version check instead of the
 * `semver` package: same answers as the real package for that check's inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, satisfies } from '../../client/src/semver';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const realParse = require('semver/functions/parse') as (
  v: unknown,
) => { major: number; minor: number; patch: number; prerelease: (string | number)[] } | null;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const realSatisfies = require('semver/functions/satisfies') as (v: unknown, r: string) => boolean;

const VERSIONS = [
  '1.91.0',
  '1.91.1',
  '1.90.9',
  '1.95.3',
  '1.100.0',
  '2.0.0',
  '0.91.0',
  '1.91.0-insider',
  '1.96.0-insider',
  'v1.92.0',
  '=1.92.0',
  ' 1.93.0 ',
  '1.92.0+build.5',
  '1.92.0-rc.1+b',
  '1.92',
  '1.92.0.1',
  '01.92.0',
  'x',
  '',
  '1.2.3-01',
  '1.2.3-alpha..1',
];
const RANGES = ['^1.91.0', '^1.0.0', '^0.3.1', '^0.0.4', '^2.0.0'];

test('parse gives what semver gives (numbers and pre-release parts)', () => {
  for (const v of VERSIONS) {
    const real = realParse(v);
    const ours = parse(v);
    assert.deepEqual(
      ours && { ...ours },
      real && { major: real.major, minor: real.minor, patch: real.patch, prerelease: real.prerelease.map(String) },
      v,
    );
  }
  assert.equal(parse(undefined), null);
});

test('satisfies agrees with semver on caret ranges, for parsed versions as the client passes them', () => {
  for (const r of RANGES)
    for (const v of VERSIONS) {
      const parsed = parse(v);
      if (!parsed) continue;
      for (const p of [parsed, { ...parsed, prerelease: [] }]) {
        const real = realParse(v);
        if (real) real.prerelease = p.prerelease.length ? real.prerelease : [];
        assert.equal(satisfies(p, r), realSatisfies(real, r), `${v} (${p.prerelease.length ? 'pre-release' : 'no pre-release'}) ${r}`);
      }
    }
  assert.throws(() => satisfies('1.91.0', '>=1.91.0'), /unsupported range/);
});

test("vscode-languageclient's required range is one this module reads, and our engines.vscode matches it", () => {
  const main = readFileSync(join(__dirname, '../../../node_modules/vscode-languageclient/lib/node/main.js'), 'utf8');
  const range = /REQUIRED_VSCODE_VERSION = '([^']+)'/.exec(main)?.[1];
  assert.ok(range);
  assert.doesNotThrow(() => satisfies('1.91.0', range));
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { engines: { vscode: string } };
  assert.equal(pkg.engines.vscode, range);
});
