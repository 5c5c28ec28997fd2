// Build: generate the rule index, then bundle the server, the CLI and the client with esbuild.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOptions } from './build-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
try {
  execFileSync(process.execPath, [join(root, 'scripts/gen-rules.mjs')], { stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'scripts/gen-validators.mjs')], { stdio: 'inherit' });
} catch {
  process.exit(1); // gen-rules printed why
}

const common = buildOptions(root);
const t0 = Date.now();
// The engine ships once: engine.js holds the language server, the CLI and the CLI's workers (server/src/entry.ts
// loads each on demand). server.js (scripts/server-loader.cjs) starts it with a V8 code cache; cli.js, the
// package's bin, only requires server.js.
await Promise.all([
  build({ ...common, entryPoints: ['server/src/entry.ts'], outfile: 'server/out/engine.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] }),
]);
rmSync(join(root, 'server/out/cli.js.map'), { force: true });
rmSync(join(root, 'server/out/server.js.map'), { force: true });
copyFileSync(join(root, 'scripts/server-loader.cjs'), join(root, 'server/out/server.js'));
writeFileSync(join(root, 'server/out/cli.js'), "#!/usr/bin/env node\n'use strict';\nrequire('./server.js').cli();\n");
chmodSync(join(root, 'server/out/cli.js'), 0o755);
console.log(`build: bundles written in ${Date.now() - t0} ms`);
