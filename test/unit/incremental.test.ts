/**
 * Incremental parsing (language server) gives exactly the same documents, findings and policies as a full
 * parse, across sequences of random edits anywhere in a big values file (top-level blocks and blocks nested
 * deep inside the largest one), and re-parses only the block an edit touched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isPair, isScalar, isSeq, type YAMLMap } from 'yaml';
import { lintText } from '../../server/src/engine/lint';
import { INCREMENTAL_MIN_LENGTH, ParseCache, commonPrefix, commonSuffix, textDiff } from '../../server/src/engine/parse/incremental';
import { parseText } from '../../server/src/engine/parse/parse';
import { isDeferred } from '../../server/src/engine/parse/incrementalShift';
import { DEFAULT_CONFIG } from '../../server/src/engine/config/config';
import type { LintResult } from '../../server/src/engine/types';

const SEED = `# values
ingress:
  enabled: true
  host: "platform.example.com"
  annotations:
    nginx.ingress.kubernetes.io/enable-cors: "true"
    nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.example.com/, http://localhost:3000"
    nginx.ingress.kubernetes.io/cors-allow-methods: "GET, POST, patch"
    nginx.ingress.kubernetes.io/cors-max-age: 86400
  tls:
    enabled: true
commonAnnotations:
  nginx.ingress.kubernetes.io/cors-allow-credentials: "yes"
`;

/** Top-level blocks, then one big block with nested mappings, block and flow lists, comments, duplicate keys (`dups`). */
function big(dups = true): string {
  let t = SEED;
  for (let i = 0; i < 20; i++)
    t += `section${i}:\n  enabled: ${i % 2 === 0}\n  name: "component-${i}"\n  list:\n    - a\n    - b: ${i}\n  # comment ${i}\n`;
  t += 'agentValues:\n  cluster:\n    components:\n';
  for (let i = 0; t.length < 24_000; i++) {
    t +=
      `      component-${i}:\n        # settings ${i}\n        replicas: ${i % 5}\n        image:\n          tag: "v${i}"\n` +
      `        env:\n          - name: A\n            value: "${i}"\n          - name: B\n        tolerations: [{key: k, value: "${i}"}]\n` +
      (dups && i % 30 === 7 ? `        replicas: 9\n` : '') +
      `\n`;
  }
  return t;
}

/** Everything observable about a lint, as plain data. */
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
      ...p,
      target: undefined,
      fields: Object.keys(p.fields),
      origins: p.origins.map((o) => [o.value, o.range]),
      writtenOrigins: p.writtenOrigins.map((o) => [o.value, o.range]),
    })),
  };
}

/** Every node of a document as [kind, value, range], in document order: two equal trees give equal lists. */
function tree(doc: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (n: unknown): void => {
    if (isPair(n)) {
      out.push('pair');
      walk(n.key);
      walk(n.value);
    } else if (isScalar(n)) out.push(['s', n.value, n.type, n.range]);
    else if (isMap(n) || isSeq(n)) {
      out.push([isMap(n) ? 'map' : 'seq', n.flow ?? false, n.range, n.items.length]);
      for (const it of n.items as unknown[]) walk(it);
    } else out.push(n === null ? null : typeof n);
  };
  walk((doc as { contents: unknown }).contents);
  return out;
}

const opts = { filePath: 'vcluster-platform.yaml', config: DEFAULT_CONFIG };

function sameAsFull(t: string, cache: ParseCache): void {
  const inc = parseText(t, DEFAULT_CONFIG.maxFileSize, cache);
  const full = parseText(t, DEFAULT_CONFIG.maxFileSize);
  assert.equal(inc.docs.length, full.docs.length);
  if (!inc.fatal && inc.docs.length === 1) assert.deepEqual(tree(inc.docs[0].doc), tree(full.docs[0].doc));
  assert.deepEqual(inc.lineCounter.lineStarts, full.lineCounter.lineStarts);
  const norm = (ps: typeof inc.problems) => [...ps].sort((a, b) => a.range.start - b.range.start || a.kind.localeCompare(b.kind));
  assert.deepEqual(norm(inc.problems), norm(full.problems));
}

test('incremental: a cached lint equals a full lint, and an edit re-parses only the block it touched', () => {
  const cache = new ParseCache();
  const t = big();
  assert.deepEqual(observable(lintText(t, { ...opts, parseCache: cache })), observable(lintText(t, opts)));
  assert.equal(cache.full, 1);
  // A value deep inside the largest block: only that line is parsed again.
  const at = t.indexOf('replicas: 3', t.length / 2);
  const edited = t.slice(0, at) + 'replicas: 42' + t.slice(at + 'replicas: 3'.length);
  assert.deepEqual(observable(lintText(edited, { ...opts, parseCache: cache })), observable(lintText(edited, opts)));
  assert.equal(cache.parsed, 1);
  assert.ok(cache.lastParsedChars < 40, `re-parsed ${cache.lastParsedChars} characters`);
  sameAsFull(edited, cache);
  // The ingress block: everything after it moves, and still matches a full parse.
  const e2 = edited.replace('"GET, POST, patch"', '"GET, POST, PATCH, DELETE"');
  assert.deepEqual(observable(lintText(e2, { ...opts, parseCache: cache })), observable(lintText(e2, opts)));
  assert.ok(cache.lastParsedChars < 100, `re-parsed ${cache.lastParsedChars} characters`);
  sameAsFull(e2, cache);
  // A new component typed in the middle of the big block: its parent's entries are spliced.
  const mid = e2.indexOf('      component-50:');
  const e3 = e2.slice(0, mid) + '      component-new:\n        replicas: 1\n' + e2.slice(mid);
  sameAsFull(e3, cache);
  // (the new lines and the component they were typed in front of)
  assert.ok(cache.lastParsedChars < 400, `re-parsed ${cache.lastParsedChars} characters`);
});

test('incremental: duplicate keys follow edits (added, removed, moved)', () => {
  const cache = new ParseCache();
  // (with a block big enough to wait for its moves, away from the duplicates)
  let t = big().replace(
    'agentValues:\n',
    `bigSection:\n${Array.from({ length: 40 }, (_, i) => `  key${i}: value ${i}\n`).join('')}agentValues:\n`,
  );
  sameAsFull(t, cache);
  const dupsOf = (x: string) => parseText(x, DEFAULT_CONFIG.maxFileSize, cache).problems.filter((p) => p.kind === 'duplicate-key').length;
  const before = dupsOf(t);
  assert.ok(before > 0);
  // a new duplicate inside a component
  const at = t.indexOf('        image:\n', t.length / 2);
  t = t.slice(0, at) + '        replicas: 7\n' + t.slice(at);
  assert.equal(dupsOf(t), before + 1);
  sameAsFull(t, cache);
  // rename it away again
  t = t.replace('        replicas: 7\n', '        replicaz: 7\n');
  assert.equal(dupsOf(t), before);
  sameAsFull(t, cache);
  // an edit near the top moves the duplicates below it (their records point past the deferred collections)
  for (const methods of ['"GET"', '"GET, POST, PATCH, DELETE"']) {
    t = t.replace(/cors-allow-methods: "[^"]*"/, `cors-allow-methods: ${methods}`);
    const inc = parseText(t, DEFAULT_CONFIG.maxFileSize, cache).problems.filter((p) => p.kind === 'duplicate-key');
    const full = parseText(t, DEFAULT_CONFIG.maxFileSize).problems.filter((p) => p.kind === 'duplicate-key');
    assert.equal(inc.length, before);
    assert.deepEqual(inc, full);
  }
  assert.equal(cache.full, 1);
  // Only the way to the records' mappings was brought up to date: the blocks in between still wait.
  const root = parseText(t, DEFAULT_CONFIG.maxFileSize, cache).docs[0].doc.contents as YAMLMap;
  const section = root.items.find((p) => isScalar(p.key) && p.key.value === 'bigSection')!;
  assert.ok(isDeferred(section.value as object));
});

test('incremental: an edit near the top moves the rest of the file lazily, and what is read is where a full parse puts it', () => {
  const cache = new ParseCache();
  const t = big(false);
  lintText(t, { ...opts, parseCache: cache });
  const edited = t.replace('"GET, POST, patch"', '"GET, POST, PATCH, DELETE"');
  const inc = parseText(edited, DEFAULT_CONFIG.maxFileSize, cache);
  assert.equal(cache.full, 1);
  assert.equal(cache.parsed, 1);
  const root = inc.docs[0].doc.contents as YAMLMap;
  const agent = root.items.find((p) => isScalar(p.key) && p.key.value === 'agentValues')!;
  // The big block's entries wait: its mapping moved, what it holds did not yet.
  assert.ok(isDeferred(agent.value as object));
  const full = parseText(edited, DEFAULT_CONFIG.maxFileSize).docs[0].doc.contents as YAMLMap;
  const fullAgent = full.items.find((p) => isScalar(p.key) && p.key.value === 'agentValues')!;
  assert.deepEqual((agent.value as YAMLMap).range, (fullAgent.value as YAMLMap).range);
  // Reading it moves one level: the mapping below is deferred in turn.
  const cluster = (agent.value as YAMLMap).items[0];
  assert.ok(!isDeferred(agent.value as object));
  assert.ok(isDeferred(cluster.value as object));
  assert.deepEqual(tree(inc.docs[0].doc), tree(parseText(edited, DEFAULT_CONFIG.maxFileSize).docs[0].doc));
  assert.ok(!isDeferred(cluster.value as object));
  assert.equal(cache.waiting.size, 0);
});

const alphabet = fc.constantFrom(
  ':',
  '"',
  "'",
  ' ',
  '\n',
  '-',
  '#',
  '{',
  '[',
  '*',
  '&',
  'a',
  'x',
  ',',
  '|',
  '\t',
  '---\n',
  'k: v\n',
  '  ',
  '\n  - i\n',
  '\n      c: 1\n',
  '    ',
  '\n        key: 2',
);

/** An edit anywhere: `del` characters at `at` (modulo the text's length) replaced by `ins`. */
const anyEdit = fc.record({ at: fc.nat(), del: fc.nat(8), ins: fc.string({ maxLength: 5, unit: alphabet }) });

/** Applies the edits one by one, each linted with the cache and compared with a full lint; returns the cache. */
function editEverywhere(base: string, edits: { at: number; del: number; ins: string }[]): ParseCache {
  const cache = new ParseCache();
  let t = base;
  lintText(t, { ...opts, parseCache: cache });
  for (const e of edits) {
    const at = e.at % (t.length + 1);
    t = t.slice(0, at) + e.ins + t.slice(Math.min(t.length, at + e.del));
    assert.deepEqual(observable(lintText(t, { ...opts, parseCache: cache })), observable(lintText(t, opts)));
    sameAsFull(t, cache);
  }
  return cache;
}

test('incremental: random edit sequences anywhere give the same result as full parses', () => {
  fc.assert(
    fc.property(fc.boolean(), fc.array(anyEdit, { minLength: 1, maxLength: 6 }), (dups, edits) => {
      editEverywhere(big(dups), edits);
    }),
    { numRuns: 40, seed: 11 },
  );
});

test("incremental: an edit that joins or splits lines around a block's end gives the full parse's result", () => {
  const base = big();
  const cases: [string, (t: string) => string][] = [
    // The line break before a top-level key goes: its line joins a comment, its entries join the section before.
    ['line break before a key removed', (t) => t.replace('nt 3\nsection4:', 'section4:')],
    // A line break inside a comment: its rest starts a line (a syntax error here).
    ['comment split', (t) => t.replace('# comment 5\n', '# c---\nomment 5\n')],
    ['comment split into a key', (t) => t.replace('# comment 5\n', '# c\nomment: 5\n')],
    // A section's trailing comment edited, or joined to the section's last entry: the section's range follows.
    ['trailing comment edited', (t) => t.replace('# comment 6\n', '# c[|omment 6\n')],
    ['last entry joined with the trailing comment', (t) => t.replace('b: 2\n  # c', 'b::,')],
    ['trailing comment and a line of blanks and a tab', (t) => t.replace('# comment 3\n', '# comment|----\n    \t\n')],
    // An empty last node takes the comment lines after it; a key-less entry is placed by the line before it.
    ['last item emptied into a comment', (t) => t.replace('    - a\n    - b: 4\n', '    - #b: 4\n')],
    ['key removed', (t) => t.replace('  list:\n    - a\n    - b: 1\n', '  :\n    - a\n    - b: 1\n')],
    ['value emptied, a comment on its line', (t) => t.replace('section0:\n  enabled: true\n', 'section0:\n  enabled: # true\n')],
  ];
  for (const [name, edit] of cases) cachedEdit(base, edit(base), name);
});

/** Lints `base` with a cache, then `edited` with it: the same lint and tree as a full parse. Returns the cache. */
function cachedEdit(base: string, edited: string, name = ''): ParseCache {
  const cache = new ParseCache();
  lintText(base, { ...opts, parseCache: cache });
  assert.notEqual(edited, base, name);
  assert.deepEqual(observable(lintText(edited, { ...opts, parseCache: cache })), observable(lintText(edited, opts)), name);
  sameAsFull(edited, cache);
  return cache;
}

test('incremental: a key whose value is not typed yet (an empty node) re-parses only its block', () => {
  const base = big();
  const cache = cachedEdit(base, base.replace('        replicas: 1\n', '        replicas:\n'));
  assert.equal(cache.full, 1);
  assert.equal(cache.parsed, 1);
});

/** The example values file (examples/vcluster-platform.yaml): 18 lines, the seed of the benchmarks. */
const EXAMPLE = readFileSync(join(__dirname, '../../../examples/vcluster-platform.yaml'), 'utf8');

test('incremental: random edit sequences on small files give the same result as full parses', () => {
  const bases = [EXAMPLE, SEED + big().slice(SEED.length, SEED.length + 600)];
  let hits = 0;
  fc.assert(
    fc.property(fc.nat(1), fc.array(anyEdit, { minLength: 1, maxLength: 10 }), (which, edits) => {
      hits += editEverywhere(bases[which], edits).parsed;
    }),
    { numRuns: 400, seed: 5 },
  );
  assert.ok(hits > 300, `incremental re-parses: ${hits}`);
});

test('incremental: an edit of the example file re-parses only the block it touched', () => {
  const cache = cachedEdit(EXAMPLE, EXAMPLE.replace('cors-max-age: "3600"', 'cors-max-age: "360"'));
  assert.equal(cache.full, 1);
  assert.equal(cache.parsed, 1);
  assert.equal(cache.parsedChars, '    nginx.ingress.kubernetes.io/cors-max-age: "360"\n'.length);
});

test('incremental: random edits inside the nested blocks of the largest block', () => {
  const bases = [big(), big(false)];
  const start = bases[0].indexOf('agentValues:');
  const edit = fc.record({ at: fc.nat(), del: fc.nat(12), ins: fc.string({ maxLength: 6, unit: alphabet }) });
  let hits = 0;
  fc.assert(
    fc.property(fc.boolean(), fc.array(edit, { minLength: 1, maxLength: 15 }), (dups, edits) => {
      const cache = new ParseCache();
      let t = bases[dups ? 0 : 1];
      lintText(t, { ...opts, parseCache: cache });
      for (const e of edits) {
        const at = start + (e.at % (t.length - start + 1));
        t = t.slice(0, at) + e.ins + t.slice(Math.min(t.length, at + e.del));
        sameAsFull(t, cache);
      }
      hits += cache.parsed;
      assert.deepEqual(observable(lintText(t, { ...opts, parseCache: cache })), observable(lintText(t, opts)));
    }),
    { numRuns: 16, seed: 7 },
  );
  assert.ok(hits > 30, `incremental re-parses: ${hits}`);
});

test('incremental: not used for tiny files, several documents or anchors', () => {
  const tiny = 'ingress:\n  enabled: true\n  host: platform.example.com\n';
  assert.ok(tiny.length < INCREMENTAL_MIN_LENGTH);
  for (const t of [tiny, big() + '---\na: 1\n', big().replace('enabled: true\n  host', 'enabled: &on true\n  host')]) {
    const cache = new ParseCache();
    lintText(t, { ...opts, parseCache: cache });
    lintText(t.replace('platform.example.com', 'platform2.example.com'), { ...opts, parseCache: cache });
    assert.equal(cache.parsed, 0);
    assert.equal(cache.full, 0);
  }
});

/** Reads one random path down from the root (settling the collections on it), as a rule or an editor feature would. */
function peek(doc: unknown, path: number[]): void {
  let n: unknown = (doc as { contents: unknown }).contents;
  for (const k of path) {
    if (!isMap(n) && !isSeq(n)) return;
    const items = n.items as unknown[];
    if (!items.length) return;
    const e = items[k % items.length];
    n = isPair(e) ? e.value : e;
  }
}

test('incremental: deferred moves add up across edits, whatever was read in between', () => {
  // Mostly edits that keep the file clean (so that several incremental parses follow one another), some not.
  const gentle = fc.record({ at: fc.nat(), del: fc.nat(2), ins: fc.string({ maxLength: 4, unit: fc.constantFrom('a', '7', ' x') }) });
  const rough = fc.record({ at: fc.nat(), del: fc.nat(8), ins: fc.string({ maxLength: 5, unit: alphabet }) });
  const edit = fc.record({
    change: fc.oneof({ weight: 4, arbitrary: gentle }, { weight: 1, arbitrary: rough }),
    read: fc.option(fc.array(fc.nat(40), { maxLength: 6 })),
  });
  let hits = 0;
  fc.assert(
    fc.property(fc.boolean(), fc.array(edit, { minLength: 1, maxLength: 10 }), (dups, edits) => {
      const cache = new ParseCache();
      let t = big(dups);
      lintText(t, { ...opts, parseCache: cache });
      for (const { change: e, read } of edits) {
        // Mostly before the big block, so that most edits move it.
        const at = e.at % 2 === 0 ? e.at % (t.indexOf('agentValues:') + 1) : e.at % (t.length + 1);
        t = t.slice(0, at) + e.ins + t.slice(Math.min(t.length, at + e.del));
        const r = parseText(t, DEFAULT_CONFIG.maxFileSize, cache);
        if (read && r.docs.length === 1) peek(r.docs[0].doc, read);
      }
      hits += cache.parsed;
      sameAsFull(t, cache);
      assert.deepEqual(observable(lintText(t, { ...opts, parseCache: cache })), observable(lintText(t, opts)));
    }),
    { numRuns: 30, seed: 5 },
  );
  assert.ok(hits > 40, `incremental re-parses: ${hits}`);
});

test('incremental: common prefix and suffix of long texts', () => {
  const a = 'x'.repeat(200_000) + 'abc' + 'y'.repeat(100_000);
  const b = 'x'.repeat(200_000) + 'aXXc' + 'y'.repeat(100_000);
  assert.equal(commonPrefix(a, b), 200_001);
  assert.equal(commonSuffix(a, b, a.length - 200_001), 100_001);
  assert.equal(commonPrefix(a, a), a.length);
  // textDiff: the same answer, kept for the last pair only (another pair is compared again).
  assert.deepEqual({ ...textDiff(a, b) }, { a, b, prefix: 200_001, suffix: 100_001 });
  assert.equal(textDiff(a, b).prefix, 200_001);
  assert.deepEqual({ ...textDiff(b, a + 'z') }, { a: b, b: a + 'z', prefix: 200_001, suffix: 0 });
  assert.deepEqual({ ...textDiff(a, a) }, { a, b: a, prefix: a.length, suffix: 0 });
});
