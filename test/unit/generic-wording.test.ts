import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { lintText } from '../../server/src/engine/lint';

const EXAMPLES = path.resolve(__dirname, '../../../examples/controllers');

/** A generic Ingress with every kind of CORS mistake, and no vCluster anywhere. */
const GRAFANA = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: grafana
  annotations:
    nginx.ingress.kubernetes.io/enable-cors: true
    nginx.ingress.kubernetes.io/cors-allow-origin: "https://grafana.example.com, https://ops.example.com/, http://localhost:3000, null"
    nginx.ingress.kubernetes.io/cors-allow-headers: "Content-Type, *"
    nginx.ingress.kubernetes.io/cors-allow-methods: "get, TRACE"
    nginx.ingress.kubernetes.io/cors-max-age: "86400"
    nginx.ingress.kubernetes.io/cors-allow-origins: "https://a.example.com"
    kubernetes.io/ingress.class: traefik
spec:
  ingressClassName: nginx
  rules:
    - host: grafana.example.com
`;

test('outside vCluster Platform values files no message mentions vCluster or the Platform', () => {
  const files: [string, string][] = [['grafana/ingress.yaml', GRAFANA]];
  for (const f of fs.readdirSync(EXAMPLES)) files.push([`controllers/${f}`, fs.readFileSync(path.join(EXAMPLES, f), 'utf8')]);
  let count = 0;
  for (const [name, text] of files) {
    for (const f of lintText(text, { filePath: name }).findings) {
      count++;
      assert.doesNotMatch(f.message, /vCluster|Platform/, `${name}: ${f.ruleId}: ${f.message}`);
    }
  }
  assert.ok(count > 10, `expected findings to check, got ${count}`);
});
