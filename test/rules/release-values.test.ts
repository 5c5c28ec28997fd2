/** release-values: a source of a Helm release that Helm cannot apply, reported at the flag or file (table). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, lintRelease, type ValuesSource } from '../../server/src/engine/index';

const BASE =
  'ingress:\n  enabled: true\n  host: off\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.example.com"\n    nginx.ingress.kubernetes.io/cors-max-age: "600"\n';
const base: ValuesSource = { kind: 'file', name: 'base.yaml', text: BASE };
const set = (text: string): ValuesSource => ({ kind: 'set', name: '--set', text });

interface Row {
  name: string;
  source: ValuesSource;
  /** `line:col-endCol message` of the release-values finding on that source, or none. */
  expected: string[];
}

const rows: Row[] = [
  { name: 'valid --set: nothing', source: set('ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/cors-max-age=600'), expected: [] },
  {
    name: 'key without a value',
    source: set('ingress.path'),
    expected: ['1:1-1:13 `--set ingress.path` cannot be applied: key "path" has no value.'],
  },
  {
    name: 'trailing comma after a key',
    source: set('a=1,b,'),
    expected: ['1:5-1:7 `--set a=1,b,` cannot be applied: key "b" has no value (cannot end with ,).'],
  },
  // `host: off` is the boolean false for Helm (YAML 1.1), so `host.name` cannot go into it.
  {
    name: 'into a scalar of a file',
    source: set('ingress.host.name=x'),
    expected: ['1:1-1:14 `--set ingress.host.name=x` cannot be applied: unable to parse key: `host` is the boolean false, not a map.'],
  },
  {
    name: 'list index into a map',
    source: set('ingress[0]=x'),
    expected: ['1:1-1:11 `--set ingress[0]=x` cannot be applied: unable to parse key: `ingress` is a map, not a list.'],
  },
  {
    name: 'unterminated list',
    source: set('a={x,y'),
    expected: ["1:1-1:7 `--set a={x,y` cannot be applied: list must terminate with '}'."],
  },
  {
    name: 'invalid JSON',
    source: { kind: 'set-json', name: '--set-json', text: 'a={x' },
    expected: ['1:3-1:5 `--set-json a={x` cannot be applied: invalid JSON value: ' + jsonError('{x') + '.'],
  },
  {
    name: 'a values file that is a list',
    source: { kind: 'file', name: 'list.yaml', text: '- a\n- b\n' },
    expected: [
      '1:1-3:1 list.yaml cannot be used as Helm values: the values must be a mapping of keys to values (Helm cannot read this file).',
    ],
  },
];

function jsonError(s: string): string {
  try {
    JSON.parse(s);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

for (const row of rows) {
  test(`release-values: ${row.name}`, () => {
    const r = lintRelease({ name: 'r', sources: [base, row.source] });
    const res = r.results[2];
    const got = (res?.findings ?? [])
      .filter((f) => f.ruleId === 'release-values')
      .map((f) => {
        const s = res!.lines.position(f.range.start);
        const e = res!.lines.position(f.range.end);
        return `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1} ${f.message}`;
      });
    assert.deepEqual(got, row.expected);
    for (const f of res?.findings ?? []) if (f.ruleId === 'release-values') assert.equal(f.severity, 'error');
  });
}

test('release-values: off in the config reports nothing', () => {
  const config = { ...DEFAULT_CONFIG, rules: { 'release-values': 'off' as const } };
  const r = lintRelease({ name: 'r', sources: [base, set('ingress.path')], config });
  assert.deepEqual(r.results[2]?.findings ?? [], []);
});
