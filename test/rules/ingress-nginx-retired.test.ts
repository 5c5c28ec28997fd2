import { ruleTester, values } from './_ruleTester';

const MESSAGE =
  'ingress-nginx is retired: no releases or security fixes since March 2026. Existing deployments keep working, but vulnerabilities found from now on stay open. ' +
  'Move this CORS policy to a maintained controller: `vcluster-cors migrate --to gateway-api FILE` (or traefik, istio, envoy-gateway) writes the new configuration and lists every difference a browser will see; in the editor, use "Migrate CORS to …".';

const INGRESS = (annotations: string, name = 'platform') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  annotations:
${annotations}
spec:
  rules:
    - host: platform.example.com
`;

ruleTester('ingress-nginx-retired', {
  valid: [
    { name: 'CORS switched off', code: values('enable-cors: "false"\ncors-allow-origin: "https://a.example.com"') },
    { name: 'no CORS annotation at all', code: 'ingress:\n  enabled: true\n  host: "platform.example.com"\n' },
    { name: 'turned off in the configuration', code: values('enable-cors: "true"'), config: { rules: { 'ingress-nginx-retired': 'off' } } },
    {
      name: 'Gateway API',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: p
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: [https://dashboard.example.com]
`,
    },
  ],
  invalid: [
    {
      name: 'values file: at the enable-cors key, info',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://a.example.com"'),
      errors: [{ message: MESSAGE, line: 5, column: 5, endLine: 5, endColumn: 44, severity: 'info' }],
    },
    {
      name: 'once per file, for two Ingresses',
      code:
        INGRESS('    nginx.ingress.kubernetes.io/enable-cors: "true"') +
        '---\n' +
        INGRESS('    nginx.ingress.kubernetes.io/enable-cors: "true"', 'other'),
      errors: [{ message: MESSAGE, line: 6, column: 5, severity: 'info' }],
    },
    {
      name: 'the configuration can raise it',
      code: values('enable-cors: "true"'),
      config: { rules: { 'ingress-nginx-retired': 'warning' } },
      errors: [{ message: MESSAGE, line: 5, column: 5, severity: 'warning' }],
    },
  ],
});
