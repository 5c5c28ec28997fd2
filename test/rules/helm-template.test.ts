import { ruleTester } from './_ruleTester';

const CHART = 'charts/api/templates/ingress.yaml';
const ingress = (annotations: string, head = '') => `${head}apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "api.fullname" . }}
  annotations:
${annotations}
spec:
  ingressClassName: nginx
`;
const IN_TEMPLATE =
  'The rules that check this value skip it; lint the rendered output (`helm template … | vcluster-cors lint --stdin-filename rendered.yaml -`) to check it.';
const IN_VALUES =
  'Helm renders `{{ }}` in a values file only when the chart passes the value through `tpl`, which vcluster-cors cannot see for this chart, so the rules that check this value skip it. Lint the rendered output (`helm template`) to check it.';

ruleTester('helm-template', {
  valid: [
    {
      name: 'a template with literal CORS values',
      filename: CHART,
      code: ingress(
        '    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.example.com"',
      ),
    },
    {
      name: 'actions outside CORS values',
      filename: CHART,
      code: ingress('    {{- toYaml .Values.ingress.annotations | nindent 4 }}\n    nginx.ingress.kubernetes.io/enable-cors: "true"'),
    },
    {
      name: 'vCluster Platform values: `{{ }}` is literal there (invalid-origin reports it)',
      filename: 'vcluster-platform.yaml',
      code: 'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.{{ .Values.domain }}"\n',
    },
  ],
  invalid: [
    {
      name: 'chart template: templated origin and max-age; the wildcard fallback is not claimed',
      filename: CHART,
      code: ingress(
        '    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: {{ .Values.cors.origins | quote }}\n    nginx.ingress.kubernetes.io/cors-max-age: "{{ .Values.cors.maxAge }}"',
        '{{- if .Values.ingress.enabled }}\n',
      ),
      errors: [
        { message: IN_TEMPLATE, line: 8, column: 52, endColumn: 86, severity: 'info' },
        { message: IN_TEMPLATE, line: 9, column: 47, endColumn: 74, severity: 'info' },
      ],
    },
    {
      name: "another chart's values file",
      filename: 'charts/grafana/values.yaml',
      code: 'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://grafana.{{ .Values.domain }}"\n',
      errors: [{ message: IN_VALUES, line: 5, column: 52, severity: 'info' }],
    },
    {
      name: 'Traefik Middleware in a chart template',
      filename: CHART,
      code: 'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: cors\nspec:\n  headers:\n    accessControlAllowOriginList:\n      {{- toYaml .Values.origins | nindent 6 }}\n    accessControlAllowCredentials: {{ .Values.credentials }}\n',
      errors: [{ message: IN_TEMPLATE, line: 9, column: 36 }],
    },
  ],
});
