/**
 * YAML texts for the tests that compare the engine's parse steps with `yaml`'s (compose.test.ts, fast-tokens.test.ts):
 * the repository's YAML files and Markdown YAML blocks, seeded mutations of them, and generated values-like lines that
 * mix what the engine's fast paths take with what they hand to `yaml`.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { prng } from './corpus';

const root = join(__dirname, '../../..');

/** Every .yaml/.yml file under the repository's examples, fixtures and docs, and every ```yaml block of its Markdown. */
export function yamlCorpus(): { name: string; text: string }[] {
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

/** Text pieces the mutations insert: what the fast paths take, */
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
/** and what they hand to `yaml`. */
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

/**
 * `perFile` mutations of each non-empty text of the corpus (deterministic for a seed): one to three edits each, a few
 * characters deleted, a piece inserted, or a line repeated, dropped or re-indented.
 */
export function mutatedTexts(seed: number, perFile: number): string[] {
  const next = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const out: string[] = [];
  for (const f of yamlCorpus()) {
    if (!f.text) continue;
    for (let k = 0; k < perFile; k++) {
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
      out.push(t);
    }
  }
  return out;
}

/** Lines of a values-like document built from pieces the fast paths take and pieces they hand over. */
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

/** Values-like documents: such lines, blank lines, document markers, a directive, comments; `\n` or `\r\n`. */
export const valuesDocument = fc
  .tuple(
    fc.array(fc.oneof({ weight: 8, arbitrary: line }, fc.constantFrom('', '---', '--- # d', '...', '%YAML 1.2', '# c', '  # c')), {
      maxLength: 14,
    }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([lines, eol, lastEol]) => lines.join(eol) + (lastEol ? eol : ''));
