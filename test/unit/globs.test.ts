/**
 * config/globs.ts computes relative paths without Node's `path` module (the engine also runs in a browser).
 * Its answers must equal what the engine computed before with path.posix.relative / path.win32.relative.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { globMatcher, posixRelative, win32Relative, relativeTo } from '../../server/src/engine/config/globs';
import { VALUES_FILE_GLOBS } from '../../server/src/engine/config/valuesGlobs';

/** The former implementation of relativeTo (config.ts, with node:path), kept as the reference. */
function referenceRelativeTo(filePath: string, baseDir: string): string | undefined {
  const isWin = (p: string) => /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\') || p.includes('\\');
  const slashes = (p: string) => p.replace(/\\/g, '/');
  const windows = isWin(filePath) || isWin(baseDir);
  const rel = windows ? path.win32.relative(baseDir, filePath) : path.posix.relative(slashes(baseDir), slashes(filePath));
  const slashed = slashes(rel);
  if (slashed === '' || slashed === '..' || slashed.startsWith('../') || path.win32.isAbsolute(slashed) || slashed.startsWith('/'))
    return undefined;
  return slashed;
}

const segment = fc.constantFrom('a', 'B', 'b', 'dev', 'Dev', '.', '..', 'x.yaml', 'values-dev.yaml', 'é', 'a b');
const posixPath = fc.tuple(fc.boolean(), fc.array(segment, { maxLength: 6 })).map(([abs, s]) => (abs ? '/' : '') + s.join('/'));
const winPath = fc
  .tuple(
    fc.constantFrom('C:', 'c:', 'D:', '\\\\srv\\share', '\\\\SRV\\Share', ''),
    fc.array(segment, { maxLength: 6 }),
    fc.constantFrom('\\', '/'),
  )
  .map(([root, s, sep]) => (root === '' ? s.join(sep) : root + sep + s.join(sep)));

test('posixRelative equals path.posix.relative', () => {
  fc.assert(
    fc.property(posixPath, posixPath, (a, b) => {
      assert.equal(posixRelative(a, b), path.posix.relative(a, b));
    }),
    { numRuns: 3000 },
  );
});

test('win32Relative equals path.win32.relative (slashed) for absolute Windows paths', () => {
  const absWin = winPath.filter((p) => /^([A-Za-z]:|\\\\)/.test(p));
  fc.assert(
    fc.property(absWin, absWin, (a, b) => {
      assert.equal(win32Relative(a, b), path.win32.relative(a, b).replace(/\\/g, '/'));
    }),
    { numRuns: 3000 },
  );
});

test('relativeTo equals the former node:path implementation on mixed inputs', () => {
  fc.assert(
    fc.property(fc.oneof(posixPath, winPath), fc.oneof(posixPath, winPath), (file, base) => {
      // A relative path compared with a Windows path resolves against the current drive and folder; on a
      // POSIX machine Node mixes its POSIX cwd into a Windows path there, which no real input does.
      const rooted = (p: string) => /^([A-Za-z]:|\\\\)/.test(p);
      const windows = /^[A-Za-z]:[\\/]/.test(file + base) || /\\/.test(file + base) || rooted(file) || rooted(base);
      if (windows && !(rooted(file) && rooted(base))) return;
      assert.equal(relativeTo(file, base), referenceRelativeTo(file, base), `relativeTo(${JSON.stringify(file)}, ${JSON.stringify(base)})`);
    }),
    { numRuns: 5000 },
  );
  assert.equal(relativeTo('/repo/dev/values.yaml', '/repo'), 'dev/values.yaml');
  assert.equal(relativeTo('C:\\Repo\\Dev\\values.yaml', 'c:\\repo'), 'Dev/values.yaml');
  assert.equal(relativeTo('D:\\x.yaml', 'C:\\repo'), undefined);
  assert.equal(relativeTo('/other/x.yaml', '/repo'), undefined);
});

test('globs are compiled in one module, and the values-file globs are one list', async () => {
  const { readFileSync, readdirSync, statSync } = await import('node:fs');
  const root = path.join(__dirname, '../../..');
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => (statSync(path.join(d, n)).isDirectory() ? walk(path.join(d, n)) : [path.join(d, n)]));
  const importers = ['server/src', 'client/src']
    .flatMap((d) => walk(path.join(root, d)))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.generated.ts') && /from 'picomatch'/.test(readFileSync(f, 'utf8')))
    .map((f) => path.relative(root, f).replace(/\\/g, '/'));
  assert.deepEqual(importers, ['server/src/engine/config/globs.ts']);
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.contributes.configuration.properties['vclusterCors.files'].default, VALUES_FILE_GLOBS);
  const names = VALUES_FILE_GLOBS.flatMap((g) => ['yaml', 'yml'].map((ext) => g.replace('**/', '').replace('{yaml,yml}', ext)));
  assert.deepEqual(pkg.contributes.yamlValidation[0].fileMatch, names);
});

test('globMatcher: dotfiles, a leading ./, case only on request', () => {
  assert.equal(globMatcher('**/*.yaml')('a/.hidden/x.yaml'), true);
  assert.equal(globMatcher('./values.yaml')('values.yaml'), true);
  assert.equal(globMatcher(VALUES_FILE_GLOBS)('deploy/VCluster-Platform.yaml'), false);
  assert.equal(globMatcher(VALUES_FILE_GLOBS, { nocase: true })('deploy/VCluster-Platform.yaml'), true);
});

test('globMatcher answers what picomatch(list) answers (it only skips picomatch’s per-call result object)', () => {
  const globs = [
    VALUES_FILE_GLOBS,
    ['**/*.yaml'],
    ['values.yaml', 'deploy/*'],
    ['**/dev/**', 'x.y*'],
    ['a b', '*.{yaml,yml}'],
    ['[ab]/**'],
  ];
  const file = fc.constantFrom(
    '',
    'loft.yaml',
    'vcluster-platform.yml',
    'my-platform-values.yaml',
    'Loft.YAML',
    'x.yaml',
    'x.yml',
    'values.yaml',
    '.hidden.yaml',
  );
  const rel = fc.tuple(fc.array(segment, { maxLength: 4 }), file).map(([s, f]) => [...s, f].filter((x) => x !== '').join('/'));
  fc.assert(
    fc.property(fc.constantFrom(...globs), fc.boolean(), fc.oneof(rel, fc.constantFrom(...globs.flat())), (list, nocase, p) => {
      const reference = picomatch([...list], { dot: true, windows: false, nocase });
      assert.equal(globMatcher(list, { nocase })(p), reference(p));
    }),
    { numRuns: 2000 },
  );
});
