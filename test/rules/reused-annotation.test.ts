/** reused-annotation: with --reuse-values, a CORS annotation only the previous values still set (table). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRelease, type ValuesSource } from '../../server/src/engine/index';

const ANN = 'nginx.ingress.kubernetes.io';
const previous = (lines: string[]): ValuesSource => ({
  kind: 'reuse-values',
  name: 'previous.yaml',
  text: `ingress:\n  enabled: true\n  annotations:\n${lines.map((l) => `    ${l}\n`).join('')}`,
});
const file = (lines: string[]): ValuesSource => ({
  kind: 'file',
  name: 'values.yaml',
  text: `ingress:\n  annotations:\n${lines.map((l) => `    ${l}\n`).join('')}`,
});
const CORS_OK = [
  `${ANN}/enable-cors: "true"`,
  `${ANN}/cors-allow-origin: "https://a.example.com"`,
  `${ANN}/cors-allow-credentials: "false"`,
  `${ANN}/cors-max-age: "600"`,
];

interface Row {
  name: string;
  sources: ValuesSource[];
  /** `line:col annotation` of each reused-annotation finding in previous.yaml. */
  expected: string[];
}

const rows: Row[] = [
  { name: 'every annotation still set by a file: nothing', sources: [previous(CORS_OK), file(CORS_OK)], expected: [] },
  {
    name: 'an annotation dropped from the file',
    sources: [previous([...CORS_OK, `${ANN}/cors-expose-headers: "X-Id"`]), file(CORS_OK)],
    expected: ['8:5 cors-expose-headers'],
  },
  {
    name: 'several dropped, in file order',
    sources: [previous(CORS_OK), file([`${ANN}/enable-cors: "true"`])],
    expected: ['5:5 cors-allow-origin', '6:5 cors-allow-credentials', '7:5 cors-max-age'],
  },
  {
    name: 'a null in the file does not remove it on that upgrade',
    sources: [previous(CORS_OK), file([...CORS_OK.slice(0, 3), `${ANN}/cors-max-age: null`])],
    expected: ['7:5 cors-max-age'],
  },
  {
    name: 'non-CORS annotations are not this rule’s business',
    sources: [previous([...CORS_OK, `${ANN}/proxy-body-size: "0"`]), file(CORS_OK)],
    expected: [],
  },
  {
    name: 'a --set-string flag sets it: nothing',
    sources: [
      previous(CORS_OK),
      file(CORS_OK.slice(0, 3)),
      { kind: 'set-string', name: '--set-string', text: `ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/cors-max-age=600` },
    ],
    expected: [],
  },
  {
    name: 'commonAnnotations too',
    sources: [
      { kind: 'reuse-values', name: 'previous.yaml', text: `commonAnnotations:\n  ${ANN}/enable-cors: "true"\n` },
      file(CORS_OK.slice(1)),
    ],
    expected: ['2:3 enable-cors'],
  },
  { name: 'no previous values: never', sources: [file(CORS_OK)], expected: [] },
];

for (const row of rows) {
  test(`reused-annotation: ${row.name}`, () => {
    const r = lintRelease({ name: 'r', sources: row.sources });
    const got: string[] = [];
    r.results.forEach((res) => {
      for (const f of res?.findings ?? []) {
        if (f.ruleId !== 'reused-annotation') continue;
        assert.equal(res!.filePath, 'previous.yaml');
        assert.equal(f.severity, 'warning');
        const p = res!.lines.position(f.range.start);
        got.push(`${p.line + 1}:${p.character + 1} ${/^`([^`]+)`/.exec(f.message)![1]}`);
      }
    });
    assert.deepEqual(got, row.expected);
  });
}
