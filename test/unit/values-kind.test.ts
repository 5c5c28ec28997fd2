import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintText } from '../../server/src/engine/lint';
import { computePolicies } from '../../server/src/engine/index';
import { DEFAULT_CONFIG, resolveConfigFor } from '../../server/src/engine/config/config';

/** Another chart's values (Grafana-shaped): its own keys, which are not the vCluster Platform chart's. */
const GRAFANA = `image:
  repository: grafana/grafana
ingress:
  enabled: false
  className: nginx
  annotations:
    nginx.ingress.kubernetes.io/enable-cors: "true"
    nginx.ingress.kubernetes.io/cors-allow-origin: "https://ops.example.com/"
    nginx.ingress.kubernetes.io/cors-allow-credentials: "false"
    nginx.ingress.kubernetes.io/cors-max-age: "600"
  hosts:
    - grafana.example.com
  tls:
    - secretName: grafana-tls
`;

// ingress-nginx-retired (issue 17) reports every file whose CORS runs on ingress-nginx, other charts' included.
const ids = (text: string, filePath: string, config = DEFAULT_CONFIG) =>
  [...new Set(lintText(text, { filePath, config }).findings.map((f) => f.ruleId))].sort();

describe("other charts' values files", () => {
  test('get the CORS rules only: no chart schema, no chart defaults', () => {
    assert.deepEqual(ids(GRAFANA, 'charts/grafana/values.yaml'), ['ingress-nginx-retired', 'invalid-origin', 'wildcard-origin']);
  });
  test('the same file named as a vCluster Platform values file gets the chart rules too', () => {
    assert.deepEqual(ids(GRAFANA, 'vcluster-platform.yaml'), [
      'ingress-disabled',
      'ingress-nginx-retired',
      'invalid-origin',
      'schema',
      'wildcard-origin',
    ]);
  });
  test('vCluster-Platform-only keys decide, whatever the name', () => {
    const t = 'config:\n  loftHost: loft.example.com\ningress:\n  enabled: true\n  hosts: []\n';
    assert.deepEqual(ids(t, 'values.yaml'), ['schema']);
  });
  test('a nested `ingress` block of a component (`server.ingress`) is a target too', () => {
    const t =
      'server:\n  ingress:\n    annotations:\n      nginx.ingress.kubernetes.io/enable-cors: "true"\n      nginx.ingress.kubernetes.io/cors-allow-origin: "*"\n';
    const p = computePolicies(t, { filePath: 'argocd/values.yaml' }).policies;
    assert.deepEqual(
      p.map((x) => x.source),
      ['server.ingress'],
    );
  });
  test('without CORS annotations another chart has no policy at all', () => {
    const t = 'ingress:\n  enabled: true\n  annotations:\n    cert-manager.io/cluster-issuer: letsencrypt\n';
    assert.deepEqual(computePolicies(t, { filePath: 'values.yaml' }).policies, []);
  });
  test('`platformValues` in .vcluster-cors.yaml declares a vCluster Platform values file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vc-kind-'));
    try {
      fs.writeFileSync(path.join(dir, '.vcluster-cors.yaml'), 'platformValues:\n  - "envs/*/platform.yaml"\n');
      const file = path.join(dir, 'envs/prod/platform.yaml');
      const config = resolveConfigFor(file);
      assert.deepEqual(ids(GRAFANA, file, config), [
        'ingress-disabled',
        'ingress-nginx-retired',
        'invalid-origin',
        'schema',
        'wildcard-origin',
      ]);
      assert.deepEqual(ids(GRAFANA, path.join(dir, 'envs/prod/grafana.yaml'), config), [
        'ingress-nginx-retired',
        'invalid-origin',
        'wildcard-origin',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('policy never invents a policy', () => {
  const { formatPolicyJson, formatPolicyText } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../../server/src/cli/format/policy') as typeof import('../../server/src/cli/format/policy');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LineIndex } = require('../../server/src/engine/parse/positions') as typeof import('../../server/src/engine/parse/positions');
  const plain = {
    bold: (s: string) => s,
    dim: (s: string) => s,
    green: (s: string) => s,
    yellow: (s: string) => s,
    red: (s: string) => s,
    underline: (s: string) => s,
  } as never;
  const report = (text: string, file: string) => [
    { file, policies: computePolicies(text, { filePath: file }).policies, lines: new LineIndex(text) },
  ];
  test('an Ingress without CORS annotations has no policy', () => {
    const text =
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    cert-manager.io/cluster-issuer: le\n';
    assert.deepEqual(JSON.parse(formatPolicyJson(report(text, 'web.yaml'))), [{ file: 'web.yaml', policies: [] }]);
    assert.equal(formatPolicyText(report(text, 'web.yaml'), plain), 'web.yaml\n  no CORS configuration found\n');
  });
  test('a vCluster Platform values file without CORS says CORS is off, and why, with no defaults shown', () => {
    const text = 'ingress:\n  enabled: true\n  host: p.example.com\n';
    assert.deepEqual(JSON.parse(formatPolicyJson(report(text, 'vcluster-platform.yaml')))[0].policies, [
      {
        controller: 'ingress-nginx',
        source: 'ingress',
        line: 1,
        enabled: false,
        allowOrigins: [],
        allowCredentials: false,
        allowMethods: '',
        allowHeaders: '',
        exposeHeaders: '',
        maxAge: null,
        notes: ['enable-cors is not set: CORS is off and every cors-* annotation is ignored.'],
      },
    ]);
    assert.equal(
      formatPolicyText(report(text, 'vcluster-platform.yaml'), plain),
      'vcluster-platform.yaml\n\n  ingress-nginx: ingress (line 1): no CORS headers are sent\n\n    - enable-cors is not set: CORS is off and every cors-* annotation is ignored.\n',
    );
  });
});
