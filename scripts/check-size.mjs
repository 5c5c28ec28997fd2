// Reports the files over 400 lines and the functions over 80 lines in server/src and client/src (tests and
// generated files aside). `--json` prints { files: {path: lines}, functions: {"path#name": lines} } for
// test/unit/size.test.ts, which keeps the list from growing (a ratchet: known offenders may only shrink).
import ts from 'typescript';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAX_FILE_LINES = 400;
export const MAX_FUNCTION_LINES = 80;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (p.endsWith('.ts') && !p.endsWith('.generated.ts') && !p.endsWith('.d.ts')) yield p;
  }
}

const files = {};
const functions = {};
for (const base of ['server/src', 'client/src']) {
  for (const abs of walk(join(root, base))) {
    const rel = relative(root, abs);
    const text = readFileSync(abs, 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (lines > MAX_FILE_LINES) files[rel] = lines;
    const sf = ts.createSourceFile(abs, text, ts.ScriptTarget.Latest, true);
    const visit = (node, owner) => {
      const isFn =
        ts.isFunctionDeclaration(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isFunctionExpression(node) ||
        ts.isArrowFunction(node) ||
        ts.isConstructorDeclaration(node);
      let name = owner;
      if (isFn) {
        const n =
          node.name && ts.isIdentifier(node.name)
            ? node.name.text
            : ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)
              ? node.parent.name.text
              : ts.isPropertyAssignment(node.parent) && ts.isIdentifier(node.parent.name)
                ? node.parent.name.text
                : '(anonymous)';
        name = owner ? `${owner}>${n}` : n;
        const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
        const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
        const span = end - start + 1;
        if (span > MAX_FUNCTION_LINES) functions[`${rel}#${name}`] = span;
      }
      ts.forEachChild(node, (c) => visit(c, name));
    };
    visit(sf, '');
  }
}

if (process.argv.includes('--json')) console.log(JSON.stringify({ files, functions }, null, 2));
else {
  for (const [f, n] of Object.entries(files)) console.log(`${f}: ${n} lines (max ${MAX_FILE_LINES})`);
  for (const [f, n] of Object.entries(functions)) console.log(`${f}: function of ${n} lines (max ${MAX_FUNCTION_LINES})`);
  const count = Object.keys(files).length + Object.keys(functions).length;
  console.log(count ? `check-size: ${count} over the limits` : 'check-size: every file and function within the limits');
}
