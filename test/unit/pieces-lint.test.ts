/**
 * The language server's path for a big document, run on small ones: the document copy keeps the text in pieces
 * (lsp/textCopy.ts, here from 0 characters and in pieces of a few characters, so that every search and slice of
 * the engine crosses piece boundaries), the change events go through applyChanges/takeEdit and the Analyzer lints
 * what the copy hands it, as server.ts wires them. After every edit the findings, their fixes and the policies equal
 * a full lint of the text as one string; and an edit the incremental parser follows never joins the pieces.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../server/src/engine/lint';
import { PieceText } from '../../server/src/engine/util/pieceText';
import type { LintResult } from '../../server/src/engine/types';
import { Analyzer } from '../../server/src/lsp/analysis';
import { applyChanges, takeEdit } from '../../server/src/lsp/documents';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { TextCopy } from '../../server/src/lsp/textCopy';

const examples = join(__dirname, '../../../examples');
const FILE = 'file:///work/vcluster-platform.yaml';

/** Values with findings of many rules (most with fixes), then a block big enough for the incremental parser. */
const BAD = `# values
ingress:
  enabled: true
  host: "platform.example.com"
  annotations:
    nginx.ingress.kubernetes.io/enable-cors: "true"
    nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.example.com/, http://localhost:3000, null"
    nginx.ingress.kubernetes.io/cors-allow-methods: "GET, POST, patch, TRACE"
    nginx.ingress.kubernetes.io/cors-allow-headers: "Content-Type, X-Custom"
    nginx.ingress.kubernetes.io/cors-max-age: 86400
  tls:
    enabled: false
commonAnnotations:
  nginx.ingress.kubernetes.io/cors-allow-credentials: "yes"
agentValues:
  cluster:
${Array.from({ length: 12 }, (_, i) => `    component-${i}:\n      replicas: ${i % 3}\n      image:\n        tag: "v${i}"\n      # note ${i}\n`).join('')}`;

const BASES = [
  BAD,
  readFileSync(join(examples, 'vcluster-platform.yaml'), 'utf8'),
  readFileSync(join(examples, 'controllers/traefik-middleware.yaml'), 'utf8'),
];

function observable(r: LintResult) {
  return {
    environment: r.environment,
    findings: r.findings.map((f) => ({
      id: f.ruleId,
      sev: f.severity,
      msg: f.message,
      range: f.range,
      fixes: f.fixes,
      related: f.related,
    })),
    policies: r.policies.map((p) => ({
      controller: p.controller,
      origins: p.origins.map((o) => [o.value, o.range]),
      methods: p.allowMethods,
    })),
  };
}

/** A document copy in pieces of `size` characters and an Analyzer, wired as server.ts wires them. */
function server(text: string, size: number) {
  const doc = new TextCopy(FILE, 'yaml', 1, text, 0, size);
  const analyzer = new Analyzer({ workspaceFolders: () => [], log: () => {}, editOf: (d) => takeEdit(d) });
  return { doc, analyzer, lint: () => analyzer.analyze(doc, DEFAULT_SETTINGS).analysis };
}

const alphabet = fc.constantFrom(
  ':',
  '"',
  ' ',
  '\n',
  '-',
  '#',
  'a',
  'x',
  ',',
  '*',
  '  ',
  'k: v\n',
  '\n      c: 1\n',
  'https://a.example.com',
);
const anEdit = fc.record({ at: fc.nat(), del: fc.nat(8), ins: fc.string({ maxLength: 4, unit: alphabet }) });

test('pieces: after random edits, the server path on pieces lints as a full lint of the string', () => {
  fc.assert(
    fc.property(
      fc.nat(BASES.length - 1),
      fc.integer({ min: 3, max: 40 }),
      fc.array(anEdit, { minLength: 1, maxLength: 8 }),
      (which, size, edits) => {
        const s = server(BASES[which], size);
        s.lint();
        let version = 1;
        for (const e of edits) {
          const text = s.doc.getText();
          const at = e.at % (text.length + 1);
          const range = { start: s.doc.positionAt(at), end: s.doc.positionAt(Math.min(text.length, at + e.del)) };
          applyChanges(s.doc, [{ range, text: e.ins }], ++version);
          const a = s.lint();
          const expected = lintText(s.doc.getText(), { filePath: a.filePath, config: a.config });
          assert.ok(a.result, 'linted');
          assert.deepEqual(observable(a.result), observable(expected), `edit ${JSON.stringify(e)}`);
        }
      },
    ),
    { numRuns: 150, seed: 17 },
  );
});

test('pieces: an edit the incremental parser follows lints without joining the pieces', () => {
  const s = server(BAD, 64);
  const first = s.lint();
  assert.ok(first.findings.length >= 8, `findings: ${first.findings.map((f) => f.ruleId).join(', ')}`);
  const joins = PieceText.joins;
  const site = BAD.indexOf('replicas: 1') + 'replicas: '.length;
  const near = BAD.indexOf('86400');
  for (let i = 0; i < 10; i++) {
    const [at, len, ins] = i % 2 === 0 ? [site, 1, String(i)] : [near, 5, String(3600 + i).padEnd(5, '0')];
    applyChanges(s.doc, [{ range: { start: s.doc.positionAt(at), end: s.doc.positionAt(at + len) }, text: ins }], i + 2);
    const a = s.lint();
    assert.equal(a.findings.length, first.findings.length, `edit ${i + 1}`);
  }
  assert.equal(PieceText.joins, joins, 'no join on the edit path');
  // The findings are those of the text as a string (this joins, once).
  const a = s.lint();
  assert.deepEqual(observable(a.result!), observable(lintText(s.doc.getText(), { filePath: a.filePath, config: a.config })));
});
