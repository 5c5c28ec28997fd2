/**
 * The engine's composer (parse/compose.ts) builds the Documents `yaml`'s parseAllDocuments builds, node for node:
 * on every YAML file and YAML block of the repository, on mutations of them, and on generated documents mixing the
 * constructs the fast path takes with those it hands to `yaml`. And it takes the fast path where it should.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { composeDocuments, PARSE_OPTIONS, type ComposeStats } from '../../server/src/engine/parse/compose';
import { prng } from '../fuzz/corpus';

const root = join(__dirname, '../../..');

const NODE_TYPE = Symbol.for('yaml.node.type');

/**
 * A composed tree as plain data: every object's class and `yaml` node type (parse/fastNodes.ts puts the type on a
 * prototype, `yaml` on the node), its own enumerable properties (string and symbol keys), and for collections their
 * non-enumerable `schema`: its attributes and whether it is the document's. Functions and regular expressions stay
 * as they are (compared by identity and by pattern).
 */
function canonical(x: unknown, docSchema?: unknown): unknown {
  if (typeof x !== 'object' || x === null || x instanceof RegExp) return x;
  if (Array.isArray(x)) return x.map((v) => canonical(v, docSchema));
  const o = x as Record<string | symbol, unknown>;
  const type = o[NODE_TYPE];
  const schema = type === undefined ? undefined : Object.getOwnPropertyDescriptor(o, 'schema');
  const out: Record<string, unknown> = { $class: (o.constructor as { name?: string } | undefined)?.name, $type: String(type) };
  if (schema) out.$schema = [schema.enumerable, schema.writable, schema.configurable, schema.value === docSchema];
  const inner = type === Symbol.for('yaml.document') ? o.schema : docSchema;
  for (const k of Reflect.ownKeys(o)) if (Object.getOwnPropertyDescriptor(o, k)!.enumerable) out[String(k)] = canonical(o[k], inner);
  return out;
}

/** Composes `text` both ways and asserts the documents (and the line starts) are the same. */
function same(text: string, stats?: ComposeStats): void {
  const lcYaml = new LineCounter();
  const lcOurs = new LineCounter();
  let expected: unknown[];
  try {
    expected = [...parseAllDocuments(text, { lineCounter: lcYaml, ...PARSE_OPTIONS })];
  } catch (e) {
    assert.throws(() => composeDocuments(text, lcOurs), (e as Error).constructor as new () => Error);
    return;
  }
  const actual = composeDocuments(text, lcOurs, stats);
  // Each document's options hold its parse's line counter (compared by identity, then compared as line starts).
  const detach = (docs: unknown[], lc: LineCounter) =>
    docs.forEach((d) => {
      const o = (d as { options: { lineCounter?: LineCounter } }).options;
      assert.equal(o.lineCounter, lc);
      o.lineCounter = undefined;
    });
  detach(actual, lcOurs);
  detach(expected, lcYaml);
  assert.deepStrictEqual(canonical(actual), canonical(expected), `documents differ for ${JSON.stringify(text)}`);
  assert.deepStrictEqual(lcOurs.lineStarts, lcYaml.lineStarts);
}

/** Every .yaml/.yml file under the repository's examples, fixtures and docs, and every ```yaml block of its Markdown. */
function corpus(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e)) out.push({ name: p.slice(root.length + 1), text: readFileSync(p, 'utf8') });
      else if (e.endsWith('.md')) {
        const md = readFileSync(p, 'utf8');
        let i = 0;
        for (const m of md.matchAll(/```ya?ml\n([\s\S]*?)```/g)) out.push({ name: `${p.slice(root.length + 1)} block ${++i}`, text: m[1] });
      }
    }
  };
  for (const d of ['examples', 'test/fixtures', 'docs']) walk(join(root, d));
  out.push({ name: 'README.md', text: '' });
  return out;
}

test('the corpus: every file and block composes to the same documents, most of them on the fast path', () => {
  const files = corpus();
  assert.ok(files.length > 80, `corpus of ${files.length}`);
  const stats: ComposeStats = { fast: 0, yaml: 0 };
  for (const f of files) {
    const s: ComposeStats = { fast: 0, yaml: 0 };
    same(f.text, s);
    stats.fast += s.fast;
    stats.yaml += s.yaml;
  }
  // Block scalars (snippets), anchors and flow lists are common in the corpus; most documents still take the fast path.
  assert.ok(stats.fast > 2 * stats.yaml, `fast ${stats.fast}, yaml ${stats.yaml}`);
});

const PIECES = [
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '#',
  ' #',
  ':',
  ': ',
  '- ',
  '-',
  "'",
  '"',
  "''",
  '\\',
  '\\"',
  '\\x4',
  '\\u00e9',
  '{}',
  '[]',
  '[a, b]',
];
const MORE = [
  '{',
  '}',
  '[',
  ']',
  ',',
  '&a ',
  '*a',
  '!!str ',
  '? ',
  '|',
  '>',
  '%',
  '@',
  '`',
  '---',
  '...',
  'null',
  '~',
  '0x1F',
  '1.50',
  '.inf',
  'x',
];

test('mutations of the corpus compose to the same documents', () => {
  const next = prng(20261203);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  let n = 0;
  for (const f of corpus()) {
    if (!f.text) continue;
    for (let k = 0; k < 12; k++) {
      let t = f.text;
      const edits = 1 + Math.floor(next() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * (t.length + 1));
        const r = next();
        if (r < 0.3) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(next() * 3));
        else if (r < 0.8) t = t.slice(0, at) + pick(next() < 0.6 ? PIECES : MORE) + t.slice(at);
        else {
          // a line repeated, dropped or re-indented
          const ls = t.split('\n');
          const i = Math.floor(next() * ls.length);
          if (r < 0.87) ls.splice(i, 0, ls[i]);
          else if (r < 0.94) ls.splice(i, 1);
          else ls[i] = ' ' + ls[i];
          t = ls.join('\n');
        }
      }
      same(t);
      n++;
    }
  }
  assert.ok(n > 1000, `${n} mutations`);
});

/** Lines of a values-like document built from pieces the fast path takes and pieces it hands over. */
const line = fc
  .tuple(
    fc.constantFrom('', '  ', '    ', '      ', '- ', '  - ', '    - ', ' ', '\t'),
    fc.constantFrom('key', 'a-b.c/d', '"quoted key"', "'q'", '', '? k', '&a k', '*a', 'on', '0', '- x'),
    fc.constantFrom(':', ': ', ':  ', '', ' :'),
    fc.constantFrom(
      '',
      'value',
      'true',
      'Null',
      '~',
      '12',
      '-0.50',
      '0o17',
      '0xfF',
      '1e3',
      '.NaN',
      '"x\\ty\\u263A\\"z"',
      '"bad \\q"',
      '"open',
      "'it''s'",
      "'open",
      '{}',
      '[]',
      '{ }',
      '[a]',
      '{a: 1}',
      '{a: 1, b}',
      '{a: [x, "y"], b: {}, c: }',
      '{a: 1,}',
      '[a: 1]',
      '[a,,b]',
      '[, a]',
      '[a, [b, c],]',
      '[\n  a,\n  b\n]',
      '{ a: 1 } # c',
      '|',
      '>-',
      '*a',
      '&b v',
      '!!int 3',
      'a: b',
      '@x',
      '`x',
      'x #c',
      'x#c',
    ),
    fc.constantFrom('', ' # c', '  #', '#c', '\t# t'),
  )
  .map((parts) => parts.join(''));

test('generated documents compose to the same documents (fast-check)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof({ weight: 8, arbitrary: line }, fc.constantFrom('', '---', '--- # d', '...', '%YAML 1.2', '# c', '  # c')), {
        maxLength: 14,
      }),
      fc.constantFrom('\n', '\r\n'),
      fc.boolean(),
      (lines, eol, lastEol) => same(lines.join(eol) + (lastEol ? eol : '')),
    ),
    { numRuns: 4000, seed: 7 },
  );
});

test('the fast path takes values files and hands the rest to yaml, document by document', () => {
  const cases: [string, number, number][] = [
    [readFileSync(join(root, 'examples/vcluster-platform.yaml'), 'utf8'), 1, 0],
    ['a: 1\nb:\n  - x\n  - "y\\u00e9"\n  -\nc: {}\nd: [] # e\n', 1, 0],
    ['# top\n\na: b\n--- # doc\nc: d\n...\n# after\n', 2, 0],
    ['a: &x 1\nb: *x\n', 0, 1],
    ['a: |\n  text\n---\nb: c\n', 1, 1],
    ['a: [x, "y", [z], []]\nb: [\n  x,\n]\n', 1, 0],
    ['a: {x: 1, "y": [z], w: , v: {}}\n', 1, 0],
    ['a: {x}\n', 0, 1],
    ['a: [x: 1]\n', 0, 1],
    ['a: [x, # c\n  y]\n', 0, 1],
    ['a:\n  b: 1\n   c: 2\n', 0, 1],
    ['%YAML 1.2\n---\na: b\n', 0, 1],
    ['', 0, 0],
  ];
  for (const [text, fast, yaml] of cases) {
    const stats: ComposeStats = { fast: 0, yaml: 0 };
    same(text, stats);
    assert.deepStrictEqual(stats, { fast, yaml }, JSON.stringify(text));
    // Without a line counter (the incremental parser's blocks): parseAllDocuments without one.
    assert.deepStrictEqual(canonical(composeDocuments(text, undefined)), canonical([...parseAllDocuments(text, PARSE_OPTIONS)]));
  }
});
