/**
 * The suppression-comment parser (config/suppressions.ts): which comments are directives, what they
 * cover, and the ranges the unused-disable fixes rely on. End-to-end behaviour is in
 * test/rules/unused-disable.test.ts.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { isSuppressed, parseDirectives, type Directive } from '../../server/src/engine/config/suppressions';
import { LineIndex } from '../../server/src/engine/parse/positions';

const parse = (text: string) => parseDirectives(text, new LineIndex(text));
const slice = (text: string, r: { start: number; end: number }) => text.slice(r.start, r.end);
/** The directive as plain data: kind, line, ids, reason, own line, and the texts of its ranges. */
const shape = (text: string, d: Directive) => ({
  kind: d.kind,
  line: d.line,
  ids: d.ids.map((i) => i.id),
  idTexts: d.ids.map((i) => slice(text, i.range)),
  idsText: slice(text, d.idsRange),
  comment: slice(text, d.commentRange),
  ownLine: d.ownLine,
  reason: d.reason,
});

describe('parseDirectives: the three forms', () => {
  test('next-line, with ids and a reason', () => {
    const text = 'a:\n  # vcluster-cors-disable-next-line wildcard-origin, null-origin -- public API\n  b: 1\n';
    assert.deepEqual(
      parse(text).map((d) => shape(text, d)),
      [
        {
          kind: 'disable-next-line',
          line: 1,
          ids: ['wildcard-origin', 'null-origin'],
          idTexts: ['wildcard-origin', 'null-origin'],
          idsText: 'wildcard-origin, null-origin',
          comment: '# vcluster-cors-disable-next-line wildcard-origin, null-origin -- public API',
          ownLine: true,
          reason: 'public API',
        },
      ],
    );
  });

  test('same line, after a value', () => {
    const text = 'origin: "*"  # vcluster-cors-disable-line wildcard-origin\n';
    assert.deepEqual(
      parse(text).map((d) => shape(text, d)),
      [
        {
          kind: 'disable-line',
          line: 0,
          ids: ['wildcard-origin'],
          idTexts: ['wildcard-origin'],
          idsText: 'wildcard-origin',
          comment: '# vcluster-cors-disable-line wildcard-origin',
          ownLine: false,
          reason: undefined,
        },
      ],
    );
  });

  test('whole file, without ids', () => {
    const text = 'a: 1\n# vcluster-cors-disable\n';
    const [d] = parse(text);
    assert.equal(d.kind, 'disable');
    assert.equal(d.line, 1);
    assert.deepEqual(d.ids, []);
    // The (empty) id list sits at the end of the comment, where an id would be inserted.
    assert.deepEqual(d.idsRange, { start: text.length - 1, end: text.length - 1 });
  });

  test('a reason without ids', () => {
    const [d] = parse('# vcluster-cors-disable-next-line -- generated\nx: 1\n');
    assert.deepEqual(d.ids, []);
    assert.equal(d.reason, 'generated');
  });

  test('ids separated by commas, spaces or both', () => {
    const text = '# vcluster-cors-disable a,b c , d,\n';
    assert.deepEqual(
      parse(text)[0].ids.map((i) => slice(text, i.range)),
      ['a', 'b', 'c', 'd'],
    );
  });

  test('no space after #, tabs as separators', () => {
    const text = 'x: 1\t#vcluster-cors-disable-line\tnull-origin\n';
    const [d] = parse(text);
    assert.equal(d.kind, 'disable-line');
    assert.deepEqual(
      d.ids.map((i) => i.id),
      ['null-origin'],
    );
    assert.equal(d.ownLine, false);
  });

  test('CRLF: the comment range stops before the carriage return', () => {
    const text = '# vcluster-cors-disable-next-line null-origin\r\nx: 1\r\n';
    const [d] = parse(text);
    assert.equal(slice(text, d.commentRange), '# vcluster-cors-disable-next-line null-origin');
    assert.equal(slice(text, d.idsRange), 'null-origin');
  });

  test('several directives, in file order', () => {
    const text = '# vcluster-cors-disable a\nx: 1 # vcluster-cors-disable-line b\n# vcluster-cors-disable-next-line c\ny: 2\n';
    assert.deepEqual(
      parse(text).map((d) => [d.kind, d.line, d.ids.map((i) => i.id)]),
      [
        ['disable', 0, ['a']],
        ['disable-line', 1, ['b']],
        ['disable-next-line', 2, ['c']],
      ],
    );
  });
});

describe('parseDirectives: what is not a directive', () => {
  const cases: Array<[string, string]> = [
    ['no vcluster-cors text at all', 'a: 1 # a normal comment\n'],
    ['a longer word', '# vcluster-cors-disable-lines null-origin\n'],
    ['another word after the marker', '# vcluster-cors-disabled\n'],
    ['the marker not right after #', '# see vcluster-cors-disable in the docs\n'],
    ['no space before # (not a YAML comment)', 'a: b#vcluster-cors-disable-line null-origin\n'],
    ['upper case', '# VCLUSTER-CORS-DISABLE null-origin\n'],
    ['the environment comment', '# vcluster-cors: env=development\n'],
  ];
  for (const [name, text] of cases) test(name, () => assert.deepEqual(parse(text), []));

  test('a marker inside a quoted value', () => {
    assert.deepEqual(parse('note: "see # vcluster-cors-disable-line null-origin"\n'), []);
  });

  test('a marker inside a block scalar', () => {
    assert.deepEqual(parse('note: |\n  # vcluster-cors-disable-next-line null-origin\nx: 1\n'), []);
  });

  test('a marker inside a quoted value does not hide a real one after it on the line', () => {
    const text = 'a: {b: "x # vcluster-cors-disable-line y", c: 1} # vcluster-cors-disable-line z -- why\n';
    assert.deepEqual(
      parse(text).map((d) => shape(text, d)),
      [
        {
          kind: 'disable-line',
          line: 0,
          ids: ['z'],
          idTexts: ['z'],
          idsText: 'z',
          comment: '# vcluster-cors-disable-line z -- why',
          ownLine: false,
          reason: 'why',
        },
      ],
    );
  });
});

describe('isSuppressed', () => {
  const text = [
    '# vcluster-cors-disable wildcard-origin', // 0
    'a: 1 # vcluster-cors-disable-line null-origin, same-origin', // 1
    '# vcluster-cors-disable-next-line', // 2
    'b: 2', // 3
    '# vcluster-cors-disable-next-line insecure-origin', // 4
    '', // 5
    'c: 3', // 6
  ].join('\n');

  test('file-level: every line, only the named rule', () => {
    const ds = parse(text);
    assert.equal(isSuppressed(ds, 'wildcard-origin', 6), true);
    assert.equal(isSuppressed(ds, 'wildcard-origin', 0), true);
    assert.equal(isSuppressed(ds, 'null-origin', 6), false);
  });

  test('same line: only that line', () => {
    const ds = parse(text);
    assert.equal(isSuppressed(ds, 'null-origin', 1), true);
    assert.equal(isSuppressed(ds, 'null-origin', 2), false);
  });

  test('next line without ids: every rule on the next line only', () => {
    const ds = parse(text);
    assert.equal(isSuppressed(ds, 'anything', 3), true);
    assert.equal(isSuppressed(ds, 'anything', 2), false);
    assert.equal(isSuppressed(ds, 'anything', 4), false);
  });

  test('next line means the very next line, even when it is blank', () => {
    const ds = parse(text);
    assert.equal(isSuppressed(ds, 'insecure-origin', 6), false);
    assert.equal(isSuppressed(ds, 'insecure-origin', 5), true);
  });

  test('used flags: the directive, and each id separately', () => {
    const ds = parse(text);
    isSuppressed(ds, 'null-origin', 1);
    const line1 = ds[1];
    assert.equal(line1.used, true);
    assert.deepEqual(
      line1.ids.map((i) => [i.id, i.used]),
      [
        ['null-origin', true],
        ['same-origin', false],
      ],
    );
    assert.equal(ds[0].used, false);
    assert.equal(ds[2].used, false);
  });

  test('a miss marks nothing', () => {
    const ds = parse(text);
    assert.equal(isSuppressed(ds, 'null-origin', 6), false);
    assert.deepEqual(
      ds.map((d) => d.used),
      [false, false, false, false],
    );
  });

  test('ids are matched exactly (case-sensitive)', () => {
    const ds = parse('a: 1 # vcluster-cors-disable-line Null-Origin\n');
    assert.equal(isSuppressed(ds, 'null-origin', 0), false);
  });

  test('two directives covering the same finding are both used', () => {
    const ds = parse('# vcluster-cors-disable null-origin\n# vcluster-cors-disable-next-line null-origin\nx: 1\n');
    assert.equal(isSuppressed(ds, 'null-origin', 2), true);
    assert.deepEqual(
      ds.map((d) => d.used),
      [true, true],
    );
  });
});
