// The esbuild options every bundle of the project is built with (scripts/build.mjs), shared with the
// benchmarks so that they time exactly the code that ships (same `yaml` build, same minification).
import { join } from 'node:path';

export function buildOptions(root) {
  // The `yaml` package's ESM build (same code as its CommonJS one) lets esbuild bind imports directly instead
  // of through CommonJS interop getters, which cost ~7% of lint time on small files.
  const yamlEsm = join(root, 'node_modules/yaml/browser/index.js');
  return {
    alias: { yaml: yamlEsm },
    bundle: true,
    minify: true,
    // ASCII (non-ASCII characters as \u escapes): V8 then keeps a bundle's source as a one-byte string, half the
    // memory of a two-byte one, and decodes the file without UTF-8's slow path (engine.js: 0.65 ms instead of 1.8).
    charset: 'ascii',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: root,
  };
}
