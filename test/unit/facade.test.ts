/**
 * The adapters (language server, command line, VS Code client, playground) use the engine only through its
 * facade: `server/src/engine/index.ts`, or `server/src/engine/browser.ts` (its file-system-free part) for the
 * playground. A deep import (`../engine/rules/rule`, `../engine/types`, ...) fails here: export what the
 * adapter needs from the facade instead (ARCHITECTURE.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '../../..');
const engine = join(root, 'server/src/engine');

/** Each adapter's sources and the engine modules it may import. */
const ADAPTERS: readonly { dir: string; facades: readonly string[] }[] = [
  { dir: 'server/src/lsp', facades: ['index'] },
  { dir: 'server/src/cli', facades: ['index'] },
  { dir: 'server/src/protocol.ts', facades: ['index'] },
  { dir: 'server/src/entry.ts', facades: ['index'] },
  { dir: 'client/src', facades: ['index'] },
  { dir: 'playground/src', facades: ['browser'] },
];

function sources(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => sources(join(path, name)));
}

/** Module specifiers of static imports, re-exports, `import(...)` and `require(...)`. */
function specifiers(text: string): string[] {
  const re = /\b(?:from|import|require)\s*\(?\s*['"]([^'"\n]+)['"]/g;
  return [...text.matchAll(re)].map((m) => m[1]);
}

/** Deep engine imports of one file ("file -> specifier"), given the facades it may import. */
function deepImports(file: string, text: string, facades: readonly string[]): string[] {
  const out: string[] = [];
  for (const spec of specifiers(text)) {
    if (!spec.startsWith('.')) continue;
    const target = relative(engine, resolve(dirname(file), spec))
      .replace(/\\/g, '/')
      .replace(/\.(ts|js)$/, '');
    if (target.startsWith('..')) continue;
    if (!facades.includes(target === '' ? 'index' : target)) out.push(`${relative(root, file)} -> ${spec}`);
  }
  return out;
}

test('the scanner sees every form of import and allows only the facade', () => {
  const file = join(root, 'server/src/lsp/x.ts');
  const text = [
    "import { a } from '../engine/index';",
    "import type { B } from '../engine/types';",
    "export { c } from '../engine/rules/rule';",
    "const d = require('../engine/lint');",
    "const e = await import('../engine/simulate');",
    "import { f } from '../engine';",
    "import { g } from './params';",
    "import { h } from 'yaml';",
  ].join('\n');
  assert.deepEqual(deepImports(file, text, ['index']), [
    'server/src/lsp/x.ts -> ../engine/types',
    'server/src/lsp/x.ts -> ../engine/rules/rule',
    'server/src/lsp/x.ts -> ../engine/lint',
    'server/src/lsp/x.ts -> ../engine/simulate',
  ]);
});

test('adapters import the engine only through its facade', () => {
  const deep: string[] = [];
  for (const { dir, facades } of ADAPTERS) {
    for (const file of sources(join(root, dir))) {
      if (!/\.(ts|mts|js|mjs)$/.test(file)) continue;
      deep.push(...deepImports(file, readFileSync(file, 'utf8'), facades));
    }
  }
  assert.deepEqual(deep, [], 'export these from server/src/engine/index.ts and import them from there');
});

test('the simulation and the editor hover ask the controller profile instead of testing the controller', () => {
  const files = [...sources(join(root, 'server/src/engine/simulate')), join(root, 'server/src/lsp/hover.ts')];
  const hits: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/\bcontroller\s*[!=]==|[!=]==\s*'(ingress-nginx|traefik|istio|gateway-api)'/.test(line))
          hits.push(`${relative(root, file)}:${i + 1}`);
      });
  }
  assert.deepEqual(hits, []);
});
