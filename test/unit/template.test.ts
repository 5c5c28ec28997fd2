import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { findTemplateActions, maskTemplateActions, isTemplatePath } from '../../server/src/engine/parse/template';
import { lintText } from '../../server/src/engine/lint';
import { computePolicies } from '../../server/src/engine/index';

const slices = (text: string) => findTemplateActions(text).map((a) => [text.slice(a.range.start, a.range.end), a.standalone, a.control]);

describe('template actions', () => {
  test('inline, standalone and control actions', () => {
    const text = '{{- if .Values.on }}\n  name: {{ .Values.name }}-tls\n  {{- toYaml . | nindent 4 }}\n{{- end }}{{ end }}\n';
    assert.deepEqual(slices(text), [
      ['{{- if .Values.on }}', true, true],
      ['{{ .Values.name }}', false, false],
      ['{{- toYaml . | nindent 4 }}', true, false],
      ['{{- end }}', true, true],
      ['{{ end }}', true, true],
    ]);
  });
  test('strings inside an action may hold `}}`; raw strings span lines; an unclosed action runs to the end', () => {
    assert.deepEqual(slices('a: {{ printf "}}" }}x'), [['{{ printf "}}" }}', false, false]]);
    assert.deepEqual(slices('{{ `a\n}}` }}\n'), [['{{ `a\n}}` }}', true, false]]);
    assert.deepEqual(slices('a: {{ .x'), [['{{ .x', false, false]]);
  });
  test('masking keeps the length and the line breaks', () => {
    const text = 'a: {{ .x }}-tls\n{{- if .y }}\nb: "{{ include "q" . }}"\n{{ /* c\n d */ }}\n';
    const m = maskTemplateActions(text, findTemplateActions(text));
    assert.equal(m.length, text.length);
    assert.equal(m, 'a: ________-tls\n            \nb: "___________________"\n       \n        \n');
  });
  test('templates/ folders', () => {
    assert.equal(isTemplatePath('chart/templates/ingress.yaml'), true);
    assert.equal(isTemplatePath('C:\\chart\\templates\\ingress.yaml'), true);
    assert.equal(isTemplatePath('templates.yaml'), false);
    assert.equal(isTemplatePath('chart/values.yaml'), false);
  });
});

const TEMPLATE = `{{- if .Values.ingress.enabled -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "api.fullname" . }}
  annotations:
    nginx.ingress.kubernetes.io/enable-cors: "true"
    nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.example.com/"
    {{- with .Values.ingress.annotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  tls:
    - secretName: {{ .Values.name }}-tls
{{- end }}
`;

describe('chart templates are linted around their actions', () => {
  const ids = (text: string, filePath: string) => lintText(text, { filePath }).findings.map((f) => `${f.ruleId}@${f.range.start}`);
  test('under templates/: no yaml-syntax error, literal CORS values still checked at their exact position', () => {
    const r = lintText(TEMPLATE, { filePath: 'chart/templates/ingress.yaml' });
    const at = TEMPLATE.indexOf('https://dashboard.example.com/');
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, f.range.start]).filter(([id]) => id === 'invalid-origin' || id === 'yaml-syntax'),
      [['invalid-origin', at]],
    );
    assert.equal(r.policies[0].source, 'Ingress/{{ include "api.fullname" . }}');
  });
  test('by content: a file outside templates/ that only parses once its actions are masked', () => {
    assert.deepEqual(ids(TEMPLATE, 'deploy/ingress.yaml'), ids(TEMPLATE, 'chart/templates/ingress.yaml'));
  });
  test('a values file is parsed as written (its `{{ }}` is text)', () => {
    const r = lintText('ingress:\n  host: "{{ .Values.domain }}"\n', { filePath: 'vcluster-platform.yaml' });
    assert.deepEqual(r.findings, []);
    assert.equal(r.parsed.template?.masked, false);
  });
  test('a values file whose `{{` breaks YAML for Helm too keeps its yaml-syntax error', () => {
    const r = lintText('ingress:\n  host: {{ .Values.domain }\n', { filePath: 'vcluster-platform.yaml' });
    assert.ok(r.findings.some((f) => f.ruleId === 'yaml-syntax'));
  });
  test('the same key in if/else branches is not a duplicate; in one branch it is', () => {
    const branches = 'apiVersion: v1\nkind: ConfigMap\ndata:\n{{- if .Values.a }}\n  k: "1"\n{{- else }}\n  k: "2"\n{{- end }}\n';
    assert.deepEqual(ids(branches, 'c/templates/cm.yaml'), []);
    const same = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  k: {{ .a }}\n  k: "2"\n';
    assert.deepEqual(ids(same, 'c/templates/cm.yaml'), [`duplicate-key@${same.lastIndexOf('k:')}`]);
  });
  test('policy: a templated origin makes the policy unknown until rendered', () => {
    const t = TEMPLATE.replace('"https://dashboard.example.com/"', '{{ .Values.cors.origins | quote }}');
    const p = computePolicies(t, { filePath: 'chart/templates/ingress.yaml' }).policies[0];
    assert.deepEqual(p.unknown, ['origin']);
    assert.equal(
      p.notes[0],
      'nginx.ingress.kubernetes.io/cors-allow-origin is set by a template action: the effective policy is unknown until Helm renders it.',
    );
    assert.ok(!p.notes.some((n) => n.includes('{{') || /any origin/.test(n)));
  });
});

test('policy notes say what the controller does with native-app origins', () => {
  const text =
    'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "capacitor://localhost, https://app.example.com"\n';
  const p = computePolicies(text, { filePath: 'vcluster-platform.yaml' }).policies[0];
  assert.deepEqual(
    p.notes.filter((n) => n.includes('capacitor')),
    [
      "`capacitor://localhost` is not a web origin (scheme `capacitor`): it is the fixed origin of a native app's web view (Capacitor, Ionic), which the controller matches like any other origin, character for character; no web page can send it.",
    ],
  );
});
