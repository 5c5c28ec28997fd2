/**
 * parse/fastParser.ts builds the token tree `yaml`'s Parser builds, token for token, and tells a LineCounter the same
 * line starts; or it leaves (undefined, no line start told) and `yaml` parses the text. Compared on every YAML file and
 * YAML block of the repository, on mutations of them, and on generated documents; and which texts it takes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'yaml';
import { fastTokens } from '../../server/src/engine/parse/fastParser';
import { mutatedTexts, valuesDocument, yamlCorpus } from '../fuzz/yamlTexts';

const root = join(__dirname, '../../..');

/** Whether `text` took the fast path; asserts that when it did, the tree and the line starts are `yaml`'s. */
function same(text: string): boolean {
  const told: number[] = [];
  const actual = fastTokens(text, (o) => told.push(o));
  if (!actual) {
    assert.deepStrictEqual(told, [], `line starts told for a text that left: ${JSON.stringify(text)}`);
    return false;
  }
  const lines: number[] = [];
  const expected = Array.from(new Parser((o) => lines.push(o)).parse(text));
  assert.deepStrictEqual(actual, expected, `token trees differ for ${JSON.stringify(text)}`);
  assert.deepStrictEqual(told, lines, `line starts differ for ${JSON.stringify(text)}`);
  return true;
}

test('the corpus: the same token trees, most files on the fast path', () => {
  const files = yamlCorpus();
  const fast = files.filter((f) => same(f.text)).length;
  assert.ok(fast >= 0.85 * files.length, `fast ${fast} of ${files.length}`);
});

test('the corpus with \\r\\n line breaks: the same token trees, the same files on the fast path', () => {
  const files = yamlCorpus();
  const fast = files.filter((f) => fastTokens(f.text) !== undefined).length;
  assert.equal(files.filter((f) => same(f.text.replace(/\n/g, '\r\n'))).length, fast);
});

test('mutations of the corpus: the same token trees', () => {
  const texts = mutatedTexts(20261204, 12);
  const fast = texts.filter((t) => same(t)).length;
  assert.ok(texts.length > 1000 && fast * 2 > texts.length, `fast ${fast} of ${texts.length}`);
});

test('generated documents: the same token trees (fast-check)', () => {
  let fast = 0;
  fc.assert(
    fc.property(valuesDocument, (text) => {
      if (same(text)) fast++;
    }),
    { numRuns: 6000, seed: 11 },
  );
  assert.ok(fast > 500, `fast ${fast}`);
});

/** Lines made only of what the fast path takes, at indentations that nest, close and mis-nest blocks. */
const subsetLine = fc
  .tuple(
    fc.constantFrom('', ' ', '  ', '   ', '    ', '- ', '  - ', '- - ', '    - '),
    fc.constantFrom('key', 'a-b.c/d', '"k y"', "'k'", '', 'x:y', '-x', ':x', '?x', 'on'),
    fc.constantFrom(':', ': ', ':  ', '', ' :'),
    fc.constantFrom('', 'value', 'v w', '"x\\"y"', "'it''s'", '"open', "'open", 'a: b', 'x #c', 'x#c', ' - y', ':', '---', '--- x'),
    fc.constantFrom('', ' # c', '  #', '#c', ' '),
  )
  .map((parts) => parts.join(''));

test('generated documents inside the subset: the same token trees, a good part on the fast path (fast-check)', () => {
  let fast = 0;
  let runs = 0;
  fc.assert(
    fc.property(
      fc.array(fc.oneof({ weight: 6, arbitrary: subsetLine }, fc.constantFrom('', '---', '# c', '  # c')), { maxLength: 16 }),
      fc.boolean(),
      (lines, lastEol) => {
        runs++;
        if (same(lines.join('\n') + (lastEol ? '\n' : ''))) fast++;
      },
    ),
    { numRuns: 6000, seed: 12 },
  );
  assert.ok(fast * 4 > runs, `fast ${fast} of ${runs}`);
});

/** Odd characters (control characters, `yaml`'s own marker bytes, separators, a lone surrogate) among YAML pieces. */
const oddPiece = fc.constantFrom(
  '\x00',
  '\x02',
  '\x18',
  '\x1f',
  '\u2028',
  '\u0085',
  '\ufeff',
  '😀',
  '\ud800',
  'é',
  '\x7f',
  '\r',
  '\r\n',
  '\n',
  ' ',
  '  ',
  ':',
  ': ',
  '- ',
  '#',
  ' #',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  ',',
  'a',
  'key',
  'v',
);

test('texts with odd characters: the same token trees (fast-check)', () => {
  let fast = 0;
  fc.assert(
    fc.property(fc.array(oddPiece, { minLength: 1, maxLength: 20 }), (pieces) => {
      if (same(pieces.join(''))) fast++;
    }),
    { numRuns: 20000, seed: 13 },
  );
  assert.ok(fast > 2000, `fast ${fast}`);
});

test('which texts take the fast path', () => {
  const seed = readFileSync(join(root, 'examples/vcluster-platform.yaml'), 'utf8');
  const taken = [
    seed,
    '',
    '\n\n',
    '# only a comment',
    'a: 1\nb:\n  - x\n  - "y\\u00e9" # c\n  -\n  - k: v\n    l: w\nc:\n',
    '# top\n\na: b\n--- # doc\nc: d\n---\n- e\n',
    'a: \'it\'\'s\'\n"q": "\\"x\\""\n',
    'a:\n  # indented comment\n\n    # deeper\nb: 1\n  # after\n',
    'a: x:y\nb: http://h:80/p # c\nc: x#y\n',
    'a: 1\n\n\nb: 2',
    '- - a\n  - b\n- c',
    'key value\n',
    'a:\n- x\n- y\n',
    'a: []\nb: {}\nc: [x, "y", [z], {k: v, w: }]\nd: {"k":v, l: [1,2,], m}\n',
    '- [a]\n- {b: c}\n',
    '[a, b]\n',
    '# c\r\n\r\na: 1 # d\r\nb:\r\n  - "x"\r\n  -\r\n  # e\r\nc: [y, {z: 1}]\r\n---\r\nd\r\n',
    'a: 1\r\n\r\n\r\nb: 2',
    '{a: 1} # c\n',
    'a: [b: 1, c]\nd: [e:f, :g]\n',
  ];
  for (const t of taken) assert.equal(same(t), true, `fast path expected for ${JSON.stringify(t)}`);
  const left = [
    'a:\tb\n',
    'a: b\rc: d\n',
    'a: b\r',
    '\ufeffa: b\n',
    '%YAML 1.2\n---\na: b\n',
    'a: b\n...\n',
    'a: [x,\n  y]\n',
    'a: [x, # c\n  y]\n',
    'a: [*x]\n',
    '[a]: b\n',
    'a: [x\n',
    'a: &x 1\nb: *x\n',
    'a: !!str 1\n',
    'a: |\n  text\n',
    'a: >-\n  text\n',
    '? a\n: b\n',
    'a: b\n  c\n',
    'a: "b\n  c"\n',
    "a: 'open\n",
    'a: - b\n',
    // `yaml`'s parser reports an error (a key after the document's indented mapping).
    '  a: 1\nb: 2\n',
    'a: b: c\n'.replace('b: c', 'b\n  c: d'),
  ];
  for (const t of left) assert.equal(fastTokens(t), undefined, `left expected for ${JSON.stringify(t)}`);
});
