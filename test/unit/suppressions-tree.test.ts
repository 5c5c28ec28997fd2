/**
 * Suppression comments told from scalar text by the file's parse (parse/scalarText.ts, what lintText uses) agree
 * with the concrete syntax tree of the whole text (what parseDirectives does alone): on a table of the places a
 * `# vcluster-cors-disable…` can stand, and on random values files. And the lint of an edited big file (its
 * incremental parse) reads them the same as a full lint.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDirectives, type Directive } from '../../server/src/engine/config/suppressions';
import { LineIndex } from '../../server/src/engine/parse/positions';
import { parseText } from '../../server/src/engine/parse/parse';
import { insideScalarText } from '../../server/src/engine/parse/scalarText';
import { DEFAULT_CONFIG, lintText, ParseCache } from '../../server/src/engine/index';

const shape = (text: string, ds: Directive[]) =>
  ds.map((d) => ({
    kind: d.kind,
    line: d.line,
    ids: d.ids.map((i) => i.id),
    comment: text.slice(d.commentRange.start, d.commentRange.end),
  }));

/** The directives found with the CST of the text, and with the file's parse; asserts the text parses cleanly. */
function both(text: string) {
  const parsed = parseText(text);
  assert.deepEqual(
    parsed.problems.filter((p) => p.kind === 'error'),
    [],
    text,
  );
  const lines = new LineIndex(text);
  const cst = shape(text, parseDirectives(text, lines));
  const tree = shape(
    text,
    parseDirectives(text, lines, (o) => !insideScalarText(parsed.docs, text, o)),
  );
  return { cst, tree };
}

const M = 'vcluster-cors-disable';

test('scalar text or comment: the parse and the CST agree on every place a marker can stand', () => {
  const cases: [string, number[]][] = [
    [`a: 1 # ${M}-line null-origin\n`, [0]],
    [`# ${M}-next-line x\na: 1\n`, [0]],
    [`a: "x # ${M}-line y"\n`, []],
    [`a: 'x # ${M}-line y'' z'\n`, []],
    [`a: "one\n  # ${M}-line y\n  two"\nb: 1 # ${M}-line z\n`, [3]],
    [`a: |\n  text\n  # ${M}-next-line y\n  more\nb: 2\n`, []],
    [`a: | # ${M}-line y\n  text\n`, [0]],
    [`a: >-\n  # ${M} y\n\n  more\n# ${M} z\nb: 1\n`, [4]],
    [`a:\n  - x # ${M}-line y\n  - "# ${M}-line q"\n  - |\n    # ${M} r\n`, [1]],
    [`a: {b: "x # ${M}-line y", c: 1} # ${M}-line z\n`, [0]],
    [`a: [1, 2] # ${M}-line z\n`, [0]],
    [`"k # ${M}-line y": 1\n`, []],
    [`a:\n  b:\n    c: 'v'   # ${M}-line deep\n    d: "w"\n# ${M}-next-line e\ne: 1\n`, [2, 4]],
    [`a: 1\n---\n# ${M} x\nb: "# ${M}-line no"\n...\n# ${M} y\n`, [2, 5]],
    [`a: |\n  x\n# ${M} after the block\n`, [2]],
  ];
  for (const [text, lines] of cases) {
    const { cst, tree } = both(text);
    assert.deepEqual(tree, cst, text);
    assert.deepEqual(
      tree.map((d) => d.line),
      lines,
      text,
    );
  }
});

const id = fc.constantFrom('null-origin', 'wildcard-origin', 'x');
const marker = fc.tuple(fc.constantFrom('-line', '-next-line', ''), id).map(([k, i]) => `# ${M}${k} ${i}`);
const maybeComment = fc.option(marker, { nil: undefined }).map((m) => (m ? ` ${m}` : ''));

/** One entry of a mapping at `indent` spaces (a key and its value, with comments and markers around). */
function entry(indent: number, depth: number): fc.Arbitrary<string> {
  const pad = ' '.repeat(indent);
  const inner = ' '.repeat(indent + 2);
  const k = fc.constantFrom('a', 'b', 'host', 'nginx.ingress.kubernetes.io/cors-allow-origin');
  const leaf = fc.oneof(
    fc
      .tuple(k, fc.constantFrom('1', 'true', 'plain text', 'https://x.example'), maybeComment)
      .map(([key, v, c]) => `${pad}${key}: ${v}${c}\n`),
    fc.tuple(k, marker, maybeComment).map(([key, m, c]) => `${pad}${key}: "x ${m}"${c}\n`),
    fc.tuple(k, marker, maybeComment).map(([key, m, c]) => `${pad}${key}: 'it''s ${m}'${c}\n`),
    fc.tuple(k, marker, maybeComment).map(([key, m, c]) => `${pad}${key}: "one\n${inner}${m}\n${inner}two"${c}\n`),
    fc
      .tuple(k, fc.constantFrom('|', '>-', '|+', '>'), maybeComment, marker, fc.boolean())
      .map(([key, h, c, m, blank]) => `${pad}${key}: ${h}${c}\n${inner}text\n${blank ? '\n' : ''}${inner}${m}\n`),
    fc.tuple(k, marker, maybeComment).map(([key, m, c]) => `${pad}${key}: {p: "${m}", q: 1}${c}\n`),
    fc.tuple(k, marker, maybeComment).map(([key, m, c]) => `${pad}${key}:\n${inner}- "${m}"${c}\n${inner}- y${c}\n`),
    marker.map((m) => `${pad}${m}\n`),
  );
  if (depth <= 0) return leaf;
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    {
      weight: 1,
      arbitrary: fc
        .tuple(k, maybeComment, fc.array(entry(indent + 2, depth - 1), { minLength: 1, maxLength: 4 }))
        .map(([key, c, xs]) => `${pad}${key}:${c}\n${xs.join('')}`),
    },
  );
}

test('scalar text or comment: the parse and the CST agree on random values files', () => {
  fc.assert(
    fc.property(fc.array(entry(0, 2), { minLength: 1, maxLength: 8 }), (xs) => {
      // Repeated keys are fine for this check, but keep the text one valid mapping.
      const text = xs.map((x, i) => x.replace(/^(a|b|host|nginx\.ingress\.kubernetes\.io\/cors-allow-origin):/, `k${i}-$1:`)).join('');
      const { cst, tree } = both(text);
      assert.deepEqual(tree, cst);
    }),
    { numRuns: 400 },
  );
});

test('lint: a marker in scalar text stays text after an edit of a big file (incremental parse), as in a full lint', () => {
  const filler = Array.from({ length: 400 }, (_, i) => `  item${i}: ${i}\n`).join('');
  const head =
    'ingress:\n  enabled: true\n  annotations:\n' +
    '    nginx.ingress.kubernetes.io/enable-cors: "true"\n' +
    `    nginx.ingress.kubernetes.io/cors-allow-origin: "*" # ${M}-line wildcard-origin\n` +
    `    note: "see # ${M}-line wildcard-with-credentials"\n` +
    '    nginx.ingress.kubernetes.io/cors-allow-credentials: "true"\n' +
    `extra: |\n  # ${M} wildcard-origin\n`;
  const text = `${head}big:\n${filler}`;
  const opts = (cache?: ParseCache) => ({ filePath: 'vcluster-platform.yaml', config: DEFAULT_CONFIG, parseCache: cache });
  const cache = new ParseCache();
  const first = lintText(text, opts(cache));
  const edited = text.replace('item200: 200', 'item200: 201');
  const second = lintText(edited, opts(cache));
  assert.equal(cache.full, 1, 'the edit was parsed incrementally');
  const full = lintText(edited, opts());
  const ids = (r: ReturnType<typeof lintText>) => r.findings.map((f) => `${f.ruleId}@${f.range.start}`);
  assert.deepEqual(ids(second), ids(full));
  assert.deepEqual(ids(first), ids(lintText(text, opts())));
  // The comment on the origin suppresses wildcard-origin; the markers in the quoted note and the block scalar do not
  // suppress anything (nor are they reported as unused).
  assert.ok(!ids(full).some((x) => x.startsWith('wildcard-origin@')), ids(full).join(' '));
  assert.ok(!ids(full).some((x) => x.startsWith('unused-disable@')), ids(full).join(' '));
  assert.ok(
    ids(full).some((x) => x.startsWith('wildcard-with-credentials@')),
    ids(full).join(' '),
  );
});
