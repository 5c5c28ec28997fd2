/** Folder search picks up every file with CORS configuration, plus the `files:` globs of .vcluster-cors.yaml. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { looksLikeCorsConfig } from '../../server/src/engine/targets/sniff';

const CLI = path.resolve(__dirname, '../../..', 'server/out/cli.js');

function write(dir: string, rel: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

test("folder search: other charts' values, other controllers' CORS prefixes, `files:` globs", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vc-search-'));
  try {
    write(dir, '.vcluster-cors.yaml', 'root: true\nfiles:\n  - "platform/*.yaml"\n');
    write(
      dir,
      'charts/grafana/values.yaml',
      'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://ops.example.com"\n    nginx.ingress.kubernetes.io/cors-max-age: "600"\n',
    );
    write(
      dir,
      'k8s/haproxy.yaml',
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: api\n  annotations:\n    ingress.kubernetes.io/enable-cors: "true"\nspec:\n  ingressClassName: haproxy\n',
    );
    write(dir, 'platform/prod.yaml', 'ingress:\n  enabled: true\n  host: p.example.com\n');
    write(dir, 'k8s/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n');
    write(
      dir,
      'charts/api/templates/ingress.yaml',
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {{ include "api.fullname" . }}\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: {{ .Values.origins | quote }}\n',
    );
    write(dir, 'charts/redis/values.yaml', 'ingress:\n  enabled: false\n  annotations: {}\n');
    write(
      dir,
      'stack/compose.yaml',
      'services:\n  api:\n    labels:\n      - traefik.http.middlewares.c.headers.accesscontrolalloworiginlist=https://a.example.com\n',
    );
    write(dir, 'stack/compose.override.yaml', 'services:\n  api:\n    labels:\n      - traefik.enable=true\n');
    const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout) as { file: string; diagnostics: { ruleId: string }[] }[];
    assert.deepEqual(
      out.map((f) => f.file),
      ['charts/api/templates/ingress.yaml', 'charts/grafana/values.yaml', 'k8s/haproxy.yaml', 'platform/prod.yaml', 'stack/compose.yaml'],
    );
    assert.deepEqual(
      out.map((f) => f.diagnostics.map((d) => d.ruleId)),
      [['helm-template'], ['ingress-nginx-retired'], ['unknown-cors-annotation'], [], ['missing-vary-header']],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('looksLikeCorsConfig', () => {
  assert.equal(looksLikeCorsConfig('server:\n  ingress:\n    annotations:\n      nginx.ingress.kubernetes.io/enable-cors: "true"\n'), true);
  assert.equal(looksLikeCorsConfig('ingress:\n  annotations:\n    cert-manager.io/cluster-issuer: x\n'), false);
  assert.equal(looksLikeCorsConfig('apiVersion: v1\nkind: Ingress\nmetadata:\n  annotations:\n    nginx.org/cors-allow-origin: x\n'), true);
});
