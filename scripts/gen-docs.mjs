// Writes the tables generated from the rules' meta: README.md's rule table and the header table of every
// docs/rules/<id>.md page (server/src/engine/rules/_docs.ts). `--check` writes nothing and exits 1 when a file
// is stale (test/unit/docs.test.ts checks the same on every `npm test`).
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'scripts/gen-rules.mjs')], { stdio: 'ignore' });
const check = process.argv.includes('--check');
const out = await build({
  stdin: {
    contents: "export * from './_docs'; export { rules } from './registry';",
    resolveDir: join(root, 'server/src/engine/rules'),
    loader: 'ts',
  },
  bundle: true,
  write: false,
  platform: 'node',
  format: 'cjs',
  logLevel: 'warning',
});
const mod = { exports: {} };
new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
const d = mod.exports;

const stale = [];
function update(rel, text) {
  const file = join(root, rel);
  if (text === undefined) {
    stale.push(`${rel}: the generated-table markers are missing`);
    return;
  }
  if (readFileSync(file, 'utf8') === text) return;
  stale.push(rel);
  if (!check) writeFileSync(file, text);
}
// The rule count in the sentence above the table is generated too.
const readme = readFileSync(join(root, 'README.md'), 'utf8').replace(
  /^\d+ rules; each has a page/m,
  `${d.rules.length} rules; each has a page`,
);
update('README.md', d.replaceBetween(readme, d.README_BEGIN, d.README_END, d.readmeTable(d.rules)));
for (const r of d.rules) {
  const rel = `docs/rules/${r.meta.id}.md`;
  update(rel, d.replaceBetween(readFileSync(join(root, rel), 'utf8'), d.PAGE_BEGIN, d.PAGE_END, d.pageTable(r.meta)));
}
if (check && stale.length) {
  console.error(`gen-docs: stale (run \`npm run docs\`):\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
console.log(check ? 'gen-docs: up to date' : `gen-docs: ${stale.length} file(s) updated`);
