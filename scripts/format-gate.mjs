// `npm run lint` runs this after ESLint: `prettier --check .` (.prettierrc.json; .prettierignore leaves YAML and
// Markdown alone, they are lint inputs and expected outputs). `npm run format` rewrites what it reports.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(process.execPath, [join(root, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--log-level', 'warn', '.'], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
