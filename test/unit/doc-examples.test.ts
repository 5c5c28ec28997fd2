/**
 * The examples in docs/rules/<id>.md are run. Each ```yaml fence states what it expects in its info string:
 *
 *   ```yaml file=vcluster-platform.dev.yaml expect=localhost-in-prod,no-vary-origin
 *
 * - `file=` names the file (the environment and the config globs read it; default vcluster-platform.yaml);
 *   `file=.vcluster-cors.yaml` is the page's config file, used by the examples after it;
 * - `expect=` lists exactly the rule ids the example reports (`expect=none`: a silent file);
 * - `fragment` marks a snippet that is not a whole file (it is not run).
 * An example under "### Incorrect" must report the page's rule, one under "### Correct" must not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintText } from '../../server/src/engine/lint';
import { resolveConfigFor } from '../../server/src/engine/config/config';

const root = join(__dirname, '../../..');
const docs = join(root, 'docs/rules');

export interface DocExample {
  line: number;
  section: string;
  attrs: Map<string, string>;
  text: string;
}

/** The ```yaml fences of a page, with their info-string attributes and the `###` section they are in. */
export function docExamples(markdown: string): DocExample[] {
  const lines = markdown.split('\n');
  const out: DocExample[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith('## ')) section = '';
    if (l.startsWith('### ')) section = l.slice(4).trim();
    const m = /^```yaml(\s.*)?$/.exec(l);
    if (!m) continue;
    const attrs = new Map<string, string>();
    for (const a of (m[1] ?? '').trim().split(/\s+/).filter(Boolean)) {
      const eq = a.indexOf('=');
      attrs.set(eq < 0 ? a : a.slice(0, eq), eq < 0 ? '' : a.slice(eq + 1));
    }
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith('```')) body.push(lines[j++]);
    out.push({ line: i + 1, section, attrs, text: body.join('\n') + '\n' });
    i = j;
  }
  return out;
}

for (const page of readdirSync(docs)
  .filter((f) => f.endsWith('.md'))
  .sort()) {
  const id = page.slice(0, -3);
  test(`docs/rules/${page}: every example reports what it states`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcluster-cors-doc-'));
    try {
      const examples = docExamples(readFileSync(join(docs, page), 'utf8'));
      // Rules about Helm releases (several sources) show their sources as fragments and have no single-file example.
      const release =
        /release/.test(readFileSync(join(docs, page), 'utf8').split('\n').slice(0, 6).join(' ')) &&
        !examples.some((e) => e.section.startsWith('Incorrect'));
      if (!release)
        assert.ok(
          examples.some((e) => e.section.startsWith('Incorrect') && e.attrs.has('expect')),
          'the page has no runnable Incorrect example',
        );
      for (const ex of examples) {
        const where = `${page}:${ex.line}`;
        const file = ex.attrs.get('file') ?? 'vcluster-platform.yaml';
        if (file === '.vcluster-cors.yaml') {
          writeFileSync(join(dir, file), ex.text);
          continue;
        }
        if (ex.attrs.has('fragment')) continue;
        const expect = ex.attrs.get('expect');
        assert.ok(expect !== undefined, `${where}: state the expected findings (expect=…) or mark the fence as a fragment`);
        const path = join(dir, file);
        writeFileSync(path, ex.text);
        const res = lintText(ex.text, { filePath: path, config: resolveConfigFor(path) });
        // The once-per-file ingress-nginx-retired notice accompanies every ingress-nginx example; a page states it
        // only where it is the point (its own page, or an expect= that names it).
        const retiredStated = id === 'ingress-nginx-retired' || expect.split(',').includes('ingress-nginx-retired');
        const got = [...new Set(res.findings.map((f) => f.ruleId))].filter((r) => retiredStated || r !== 'ingress-nginx-retired').sort();
        const want = expect === 'none' ? [] : expect.split(',').sort();
        assert.deepEqual(got, want, `${where}: the example reports ${got.join(', ') || 'nothing'}`);
        if (ex.section.startsWith('Incorrect')) assert.ok(got.includes(id), `${where}: an Incorrect example must report ${id}`);
        if (ex.section.startsWith('Correct')) assert.ok(!got.includes(id), `${where}: a Correct example must not report ${id}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
