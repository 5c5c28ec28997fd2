/**
 * Helm's values merge, table-driven. Every expectation follows helm/helm (pkg/cli/values/options.go,
 * pkg/strvals/parser.go, pkg/chart/v2/loader MergeMaps, pkg/chart/common/util/coalesce.go,
 * pkg/action/upgrade.go); docs/reference/helm-values-merge.md cites the lines.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mergeValues, toPlain, valueChain, lintRelease, type ValuesSource } from '../../server/src/engine/index';

const file = (text: string, name = 'f.yaml'): ValuesSource => ({ kind: 'file', name, text });
const set = (text: string): ValuesSource => ({ kind: 'set', name: '--set', text });
const str = (text: string): ValuesSource => ({ kind: 'set-string', name: '--set-string', text });
const json = (text: string): ValuesSource => ({ kind: 'set-json', name: '--set-json', text });
const reuse = (text: string): ValuesSource => ({ kind: 'reuse-values', name: 'previous.yaml', text });
const defaults = (text: string): ValuesSource => ({ kind: 'chart-defaults', name: 'chart defaults', text });

interface Case {
  name: string;
  sources: ValuesSource[];
  /** Merged user values (what `helm get values` shows). */
  user?: unknown;
  /** Values the templates see (after the chart defaults). */
  values?: unknown;
  /** Problem messages (substring), in order. */
  problems?: string[];
}

const cases: Case[] = [
  // maps
  { name: 'one file', sources: [file('a: 1\nb: x\n')], user: { a: 1, b: 'x' } },
  { name: 'maps merge deeply', sources: [file('a:\n  b: 1\n  c: 2\n'), file('a:\n  c: 3\n  d: 4\n')], user: { a: { b: 1, c: 3, d: 4 } } },
  { name: 'later file wins for a scalar', sources: [file('a: 1\n'), file('a: 2\n')], user: { a: 2 } },
  { name: 'scalar replaces a map', sources: [file('a:\n  b: 1\n'), file('a: x\n')], user: { a: 'x' } },
  { name: 'map replaces a scalar', sources: [file('a: x\n'), file('a:\n  b: 1\n')], user: { a: { b: 1 } } },
  {
    name: 'three layers',
    sources: [file('a: {x: 1, y: 1, z: 1}\n'), file('a: {y: 2}\n'), file('a: {z: 3}\n')],
    user: { a: { x: 1, y: 2, z: 3 } },
  },
  { name: 'empty file changes nothing', sources: [file('a: 1\n'), file('')], user: { a: 1 } },
  { name: 'comment-only file changes nothing', sources: [file('a: 1\n'), file('# nothing\n')], user: { a: 1 } },
  {
    name: 'YAML 1.1 booleans and ints as Helm reads them',
    sources: [file('a: yes\nb: off\nc: 0x1F\nd: "yes"\n')],
    user: { a: true, b: false, c: 31, d: 'yes' },
  },
  { name: 'duplicate key: the last one wins', sources: [file('a: 1\na: 2\n')], user: { a: 2 } },
  { name: 'aliases are expanded', sources: [file('x: &v {p: 1}\na: *v\n')], user: { x: { p: 1 }, a: { p: 1 } } },
  {
    name: 'merge key fills missing keys only',
    sources: [file('base: &b {p: 1, q: 1}\na:\n  <<: *b\n  q: 2\n')],
    user: { base: { p: 1, q: 1 }, a: { q: 2, p: 1 } },
  },
  // lists
  { name: 'lists replace whole', sources: [file('l: [1, 2, 3]\n'), file('l: [9]\n')], user: { l: [9] } },
  {
    name: 'list of maps replaces whole',
    sources: [file('l:\n  - {a: 1}\n  - {b: 2}\n'), file('l:\n  - {c: 3}\n')],
    user: { l: [{ c: 3 }] },
  },
  { name: '--set index changes one item of a file list', sources: [file('l: [a, b, c]\n'), set('l[1]=x')], user: { l: ['a', 'x', 'c'] } },
  { name: '--set index past the end pads with null', sources: [set('l[2]=x')], user: { l: [null, null, 'x'] } },
  { name: '--set list {a,b}', sources: [set('l={a,b,3}')], user: { l: ['a', 'b', 3] } },
  { name: '--set {} is a list with one empty string', sources: [set('l={}')], user: { l: [''] } },
  { name: '--set nested index', sources: [set('l[0][1]=x')], user: { l: [[null, 'x']] } },
  { name: '--set map in a list item', sources: [set('l[0].a=1,l[0].b=2')], user: { l: [{ a: 1, b: 2 }] } },
  // nulls
  {
    name: 'null in a later file deletes the key (templates)',
    sources: [defaults('a: 1\nb: 2\n'), file('a: null\n')],
    user: { a: null },
    values: { b: 2 },
  },
  { name: 'empty value is null', sources: [defaults('a:\n  b: 1\n'), file('a:\n')], values: {} },
  {
    name: 'null deletes a default map',
    sources: [defaults('ingress:\n  tls:\n    enabled: true\n'), file('ingress:\n  tls: null\n')],
    values: { ingress: {} },
  },
  { name: '--set k=null deletes a default', sources: [defaults('a: 1\n'), set('a=null')], values: {} },
  { name: '--set NULL is null (any case)', sources: [set('a=NULL')], user: { a: null } },
  { name: 'chart default nulls are not copied', sources: [defaults('a: null\nb: 1\n')], values: { b: 1 } },
  // --set typing
  { name: '--set types true/false (any case)', sources: [set('a=true,b=False,c=TRUE')], user: { a: true, b: false, c: true } },
  { name: '--set types int64', sources: [set('a=3600,b=-1,c=+5,d=0')], user: { a: 3600, b: -1, c: 5, d: 0 } },
  {
    name: '--set keeps leading zeros, floats and exponents strings',
    sources: [set('a=0123,b=1.5,c=1e3')],
    user: { a: '0123', b: '1.5', c: '1e3' },
  },
  { name: '--set int beyond int64 stays a string', sources: [set('a=9223372036854775808')], user: { a: '9223372036854775808' } },
  { name: '--set-string never types', sources: [str('a=true,b=3600,c=null')], user: { a: 'true', b: '3600', c: 'null' } },
  { name: '--set-string list items are strings', sources: [str('l={1,true}')], user: { l: ['1', 'true'] } },
  { name: '--set a= is an empty string', sources: [set('a=')], user: { a: '' } },
  { name: '--set value may hold =', sources: [set('a=b=c')], user: { a: 'b=c' } },
  // --set grammar
  { name: '--set nested path', sources: [set('a.b.c=1')], user: { a: { b: { c: 1 } } } },
  {
    name: '--set escaped dots in a key',
    sources: [set('ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/enable-cors=true')],
    user: { ingress: { annotations: { 'nginx.ingress.kubernetes.io/enable-cors': true } } },
  },
  { name: '--set escaped comma in a value', sources: [set('a=x\\,y,b=2')], user: { a: 'x,y', b: 2 } },
  { name: '--set several assignments', sources: [set('a=1,b.c=2')], user: { a: 1, b: { c: 2 } } },
  { name: '--set tolerates one trailing comma', sources: [set('a=1,b=2,')], user: { a: 1, b: 2 } },
  { name: '--set empty pairs fail', sources: [set('a=1,,,,b=2,')], problems: ['key "" has no value (cannot end with ,)'] },
  { name: '--set merges into a file map', sources: [file('a:\n  b: 1\n'), set('a.c=2')], user: { a: { b: 1, c: 2 } } },
  { name: '--set scalar replaces a file map', sources: [file('a:\n  b: 1\n'), set('a=x')], user: { a: 'x' } },
  {
    name: '--set into a scalar fails',
    sources: [file('a: x\n'), set('a.b=1')],
    user: { a: 'x' },
    problems: ['`a` is the string "x", not a map'],
  },
  { name: '--set into null fails', sources: [file('a:\n'), set('a.b=1')], problems: ['`a` is null, not a map'] },
  { name: '--set index into a map fails', sources: [file('a: {b: 1}\n'), set('a[0]=1')], problems: ['not a list'] },
  { name: '--set key without value fails', sources: [set('a.b')], problems: ['key "b" has no value'] },
  { name: '--set trailing comma fails', sources: [set('a=1,b,')], problems: ['key "b" has no value (cannot end with ,)'] },
  { name: '--set unterminated list fails', sources: [set('a={x,y')], problems: ["list must terminate with '}'"] },
  { name: '--set negative index fails', sources: [set('a[-1]=x')], problems: ['negative -1 index not allowed'] },
  { name: '--set index above 65536 fails', sources: [set('a[65537]=x')], problems: ['greater than maximum supported index of 65536'] },
  {
    name: '--set more than 30 nested names fails',
    sources: [set(Array.from({ length: 32 }, (_, i) => `k${i}`).join('.') + '=1')],
    problems: ['nested level'],
  },
  // --set-json
  {
    name: '--set-json object value replaces the key',
    sources: [file('a: {x: 1}\n'), json('a={"y":[1,"z"]}')],
    user: { a: { y: [1, 'z'] } },
  },
  { name: '--set-json scalar values', sources: [json('a=1.5,b="s",c=true')], user: { a: 1.5, b: 's', c: true } },
  { name: '--set-json empty is null', sources: [json('a=')], user: { a: null } },
  { name: '--set-json whole object merges (Helm 4)', sources: [file('a: {x: 1}\n'), json('{"a":{"y":2}}')], user: { a: { x: 1, y: 2 } } },
  { name: '--set-json invalid JSON fails', sources: [json('a={x')], problems: ['invalid JSON value'] },
  // ordering
  { name: 'flags go over files whatever the command-line order', sources: [set('a=1'), file('a: 2\n')], user: { a: 1 } },
  {
    name: '--set-string goes over --set, --set over --set-json',
    sources: [str('a=s'), set('a=2'), json('a=3'), set('b=2'), json('b=3')],
    user: { a: 's', b: 2 },
  },
  { name: 'within a kind the order given counts', sources: [set('a=1'), set('a=2')], user: { a: 2 } },
  {
    name: '--reuse-values: previous values first, then the files',
    sources: [file('a: {x: 2}\n'), reuse('a: {x: 1, y: 1}\nb: 1\n')],
    user: { a: { x: 2, y: 1 }, b: 1 },
  },
  {
    name: '--reuse-values: a null over a previous value does not remove it on that upgrade (helm/helm#30765)',
    sources: [reuse('a: 1\nb: 1\n'), file('a: null\n')],
    values: { a: 1, b: 1 },
  },
  {
    name: '--reuse-values: a null with no previous value removes the chart default',
    sources: [defaults('a: 1\n'), reuse('b: 1\n'), file('a: null\n')],
    values: { b: 1 },
  },
  {
    name: 'chart defaults come under everything',
    sources: [file('a: {x: 2}\n'), defaults('a: {x: 1, y: 1}\n')],
    values: { a: { x: 2, y: 1 } },
  },
  { name: 'user scalar over a default map keeps the scalar', sources: [defaults('a: {x: 1}\n'), file('a: s\n')], values: { a: 's' } },
  { name: 'a values file that is a list fails', sources: [file('- a\n')], problems: ['must be a mapping'] },
  {
    name: 'a values file that is just null is empty (helm get values -o yaml of a release without values)',
    sources: [reuse('null\n'), file('a: 1\n')],
    user: { a: 1 },
  },
];

describe('Helm values merge (table)', () => {
  for (const c of cases) {
    test(c.name, () => {
      const m = mergeValues(c.sources);
      if (c.user !== undefined) assert.deepEqual(toPlain(m.user), c.user);
      if (c.values !== undefined) assert.deepEqual(toPlain(m.values), c.values);
      const problems = m.problems.map((p) => p.message);
      assert.equal(problems.length, (c.problems ?? []).length, `problems: ${JSON.stringify(problems)}`);
      (c.problems ?? []).forEach((p, i) => assert.ok(problems[i].includes(p), `${problems[i]} should include ${p}`));
    });
  }
  test('at least 40 cases', () => assert.ok(cases.length >= 40));
});

describe('provenance', () => {
  const base = 'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/cors-max-age: "86400"\n';
  const prod = 'ingress:\n  annotations:\n    nginx.ingress.kubernetes.io/cors-max-age: "600"\n';
  const KEY = ['ingress', 'annotations', 'nginx.ingress.kubernetes.io/cors-max-age'];

  test('a leaf keeps the file and range that set it, and the values it overrode', () => {
    const r = lintRelease({ name: 'r', sources: [file(base, 'base.yaml'), file(prod, 'prod.yaml')] });
    const chain = valueChain(r, KEY)!;
    assert.deepEqual(
      chain.steps.map((s) => [
        r.sources[s.source].name,
        base.length > 0 ? r.sources[s.source].text.slice(s.origin.range.start, s.origin.range.end) : '',
      ]),
      [
        ['base.yaml', '"86400"'],
        ['prod.yaml', '"600"'],
      ],
    );
    assert.equal(chain.value, '600');
    const last = chain.steps[1].origin;
    assert.equal(prod.slice(last.keyRange!.start, last.keyRange!.end), 'nginx.ingress.kubernetes.io/cors-max-age');
  });

  test('a chart default is the first step of the chain', () => {
    const r = lintRelease({ name: 'r', sources: [file(base, 'base.yaml')] });
    const chain = valueChain(r, ['ingress', 'enabled'])!;
    assert.deepEqual(
      chain.steps.map((s) => r.sources[s.source].kind),
      ['chart-defaults', 'file'],
    );
    assert.equal(valueChain(r, ['ingress', 'ingressClass'])!.value, 'nginx');
  });

  test('a --set leaf points into the flag argument (key and value)', () => {
    const arg = 'ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/cors-max-age=7200';
    const r = lintRelease({ name: 'r', sources: [file(base, 'base.yaml'), set(arg)] });
    const step = valueChain(r, KEY)!.steps.at(-1)!;
    assert.equal(r.sources[step.source].kind, 'set');
    assert.equal(arg.slice(step.origin.range.start, step.origin.range.end), '7200');
    assert.equal(
      arg.slice(step.origin.keyRange!.start, step.origin.keyRange!.end),
      'ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/cors-max-age',
    );
  });

  test('a null marks the key removed, with the file that removed it last', () => {
    const r = lintRelease({
      name: 'r',
      sources: [
        file(base, 'base.yaml'),
        file('ingress:\n  annotations:\n    nginx.ingress.kubernetes.io/cors-max-age: null\n', 'prod.yaml'),
      ],
    });
    const chain = valueChain(r, KEY)!;
    assert.equal(chain.removed, true);
    assert.equal(r.sources[chain.steps.at(-1)!.source].name, 'prod.yaml');
  });
});
