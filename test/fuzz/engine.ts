/**
 * Engine fuzzing: mutated corpus files (random edits, CRLF, a BOM, duplicated and swapped lines) must never
 * make lint or fix-all throw, and fix-all's output must be safe:
 *  - it parses strictly (no syntax error, no duplicate key) whenever the input did;
 *  - no rule reports more error-severity findings than on the input;
 *  - the file's line breaks and BOM are kept: a CRLF file gets no bare `\n` and no `\r\r`, an LF file gets no
 *    `\r`, a BOM stays; and (one-pass fixes) every line of the input no offered edit touches is still there;
 *  - a second fix-all is a no-op, and fix-all never stops at its pass limit.
 * Used by test/unit/fuzz.test.ts (seeded, bounded: part of `npm test`) and scripts/fuzz.mjs (`npm run fuzz`).
 */
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { fixText, lintText, DEFAULT_CONFIG, type LintResult } from '../../server/src/engine/index';
import type { CorpusFile } from './corpus';

const ALPHABET = [
  ':',
  '"',
  "'",
  ' ',
  '  ',
  '\n',
  '-',
  '- ',
  '#',
  '{',
  '}',
  '[',
  ']',
  ',',
  '*',
  '&a',
  '*a',
  '|',
  '>',
  '!',
  'true',
  '"true"',
  '3600',
  'https://a.example.com',
  'http://localhost:3000',
  '*',
  'null',
  'é',
  '\t',
  'enable-cors',
  'cors-allow-origin',
  'nginx.ingress.kubernetes.io/',
  '# vcluster-cors-disable-line ',
  '--',
];

export type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'dupLine'; line: number }
  | { kind: 'swapLines'; a: number; b: number };

export interface Case {
  file: number;
  mutations: Mutation[];
  crlf: boolean;
  bom: boolean;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(4000),
    text: fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 4 }).map((x) => x.join('')),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(4000), len: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('dupLine' as const), line: fc.nat(200) }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(200), b: fc.nat(200) }),
);

export function caseArbitrary(corpusSize: number): fc.Arbitrary<Case> {
  return fc.record({
    file: fc.nat(corpusSize - 1),
    mutations: fc.array(mutation, { minLength: 0, maxLength: 5 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
  });
}

export function mutate(text: string, c: Case): string {
  let t = text;
  for (const m of c.mutations) {
    if (m.kind === 'insert') {
      const at = m.at % (t.length + 1);
      t = t.slice(0, at) + m.text + t.slice(at);
    } else if (m.kind === 'delete') {
      const at = m.at % (t.length + 1);
      t = t.slice(0, at) + t.slice(at + m.len);
    } else {
      const lines = t.split('\n');
      if (m.kind === 'dupLine') {
        const i = m.line % lines.length;
        lines.splice(i, 0, lines[i]);
      } else {
        const a = m.a % lines.length;
        const b = m.b % lines.length;
        [lines[a], lines[b]] = [lines[b], lines[a]];
      }
      t = lines.join('\n');
    }
  }
  if (c.crlf) t = t.replace(/\r?\n/g, '\r\n');
  if (c.bom && !t.startsWith('\uFEFF')) t = '\uFEFF' + t;
  return t;
}

function strict(text: string): boolean {
  try {
    return parseAllDocuments(text, { uniqueKeys: true }).every((d) => d.errors.length === 0);
  } catch {
    return false;
  }
}

function errorsByRule(r: LintResult): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of r.findings) if (f.severity === 'error') m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return m;
}

/** Lines of `before` that no edit touches must appear, in order, in `after`. */
export function untouchedLinesKept(before: string, after: string, edits: readonly { start: number; end: number }[]): boolean {
  const lines = before.split('\n');
  let off = 0;
  const kept: string[] = [];
  for (const l of lines) {
    const s = off;
    const e = off + l.length;
    off = e + 1;
    if (!edits.some((x) => x.start <= e + 1 && x.end >= s)) kept.push(l);
  }
  const out = after.split('\n');
  let j = 0;
  for (const l of kept) {
    while (j < out.length && out[j] !== l) j++;
    if (j === out.length) return false;
    j++;
  }
  return true;
}

/** Checks one case; throws an Error describing the first property that fails. */
export function checkCase(corpus: readonly CorpusFile[], c: Case): void {
  const file = corpus[c.file % corpus.length];
  const text = mutate(file.text, c);
  const opts = { filePath: file.name, config: DEFAULT_CONFIG };
  const show = () => `${file.name} mutated:\n${JSON.stringify(text)}`;
  const before = lintText(text, opts);
  const res = fixText(text, opts);
  if (res.stopped === 'max-passes') throw new Error(`fix-all did not converge (${res.passes} passes) on ${show()}`);
  if (res.text === text) return;
  if (strict(text) && !strict(res.text))
    throw new Error(`fix-all output does not parse strictly: ${show()}\n--- output:\n${JSON.stringify(res.text)}`);
  const was = errorsByRule(before);
  for (const [id, n] of errorsByRule(res.result)) {
    if (n > (was.get(id) ?? 0)) throw new Error(`fix-all added a ${id} error: ${show()}\n--- output:\n${JSON.stringify(res.text)}`);
  }
  if (text.startsWith('\uFEFF') !== res.text.startsWith('\uFEFF')) throw new Error(`fix-all changed the BOM: ${show()}`);
  const crlfOnly = text.includes('\r\n') && !/(^|[^\r])\n/.test(text);
  if (crlfOnly && /(^|[^\r])\n|\r\r/.test(res.text))
    throw new Error(`fix-all wrote an LF or \\r\\r into a CRLF file: ${show()}\n--- output:\n${JSON.stringify(res.text)}`);
  if (!text.includes('\r') && res.text.includes('\r'))
    throw new Error(`fix-all wrote a \\r into an LF file: ${show()}\n--- output:\n${JSON.stringify(res.text)}`);
  // Every safe edit offered on the input: a superset of what a one-pass fix-all applied.
  const offered = before.findings.flatMap((f) => f.fixes.filter((x) => x.safe).flatMap((x) => x.edits));
  if (res.passes === 1 && !untouchedLinesKept(text, res.text, offered)) {
    throw new Error(`fix-all changed a line no edit touches: ${show()}\n--- output:\n${JSON.stringify(res.text)}`);
  }
  const again = fixText(res.text, opts);
  if (again.text !== res.text)
    throw new Error(
      `a second fix-all changed the file again: ${show()}\n--- first:\n${JSON.stringify(res.text)}\n--- second:\n${JSON.stringify(again.text)}`,
    );
}

/** Runs `numRuns` seeded cases; returns the number of runs (throws fast-check's report, with seed and path, on failure). */
export function fuzzEngine(corpus: readonly CorpusFile[], seed: number, numRuns: number): number {
  fc.assert(
    fc.property(caseArbitrary(corpus.length), (c) => checkCase(corpus, c)),
    { seed, numRuns, endOnFailure: false, includeErrorInReport: true },
  );
  return numRuns;
}
