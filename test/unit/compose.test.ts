/**
 * The engine's composer (parse/compose.ts) builds the Documents `yaml`'s parseAllDocuments builds, node for node:
 * on every YAML file and YAML block of the repository, on mutations of them, and on generated documents mixing the
 * constructs the fast path takes with those it hands to `yaml`. And it takes the fast path where it should.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { composeDocuments, PARSE_OPTIONS, type ComposeStats } from '../../server/src/engine/parse/compose';
import { mutatedTexts, valuesDocument, yamlCorpus } from '../fuzz/yamlTexts';

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

test('the corpus: every file and block composes to the same documents, most of them on the fast path', () => {
  const files = yamlCorpus();
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

test('mutations of the corpus compose to the same documents', () => {
  const texts = mutatedTexts(20261203, 12);
  for (const t of texts) same(t);
  assert.ok(texts.length > 1000, `${texts.length} mutations`);
});

test('generated documents compose to the same documents (fast-check)', () => {
  fc.assert(
    fc.property(valuesDocument, (text) => same(text)),
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
