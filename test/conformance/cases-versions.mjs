// Controller-version cases for the nginx conformance run (docs/reference/controller-versions.md).
// Each case lints the annotations with `controllers:` set to an older ingress-nginx, and nginx is served the
// cors.Config that version's Parse builds (`corsAllowOrigin`, transcribed from internal/ingress/annotations/cors/
// main.go at that tag) through the same template (buildCorsOriginRegex is identical from v1.0.5 to v1.15.1).
// Real nginx must answer exactly what simulate() predicts for the version's policy.

const on = (origin) => ({ 'enable-cors': 'true', 'cors-allow-origin': origin });

export const versionCases = [
  {
    // v1.8.1 keeps the empty last entry: the regex gets an empty alternative and matches every origin.
    name: 'v1.8.1 trailing comma → every origin echoed',
    ann: on('https://a.com, https://b.com,'),
    controllers: { 'ingress-nginx': '1.8.1' },
    validation: false,
    corsAllowOrigin: ['https://a.com', 'https://b.com', ''],
  },
  {
    name: 'v1.8.1 comma in the middle → the two origins',
    ann: on('https://a.com,,https://b.com'),
    controllers: { 'ingress-nginx': '1.8.1' },
    validation: false,
    corsAllowOrigin: ['https://a.com', '', 'https://b.com'],
  },
  {
    // v1.11: https?:// only in corsOriginRegex, so capacitor:// is skipped.
    name: 'v1.11.3 custom scheme skipped',
    ann: on('capacitor://localhost, https://a.com'),
    controllers: { 'ingress-nginx': '1.11.3' },
    validation: false,
    corsAllowOrigin: ['https://a.com'],
  },
];

/** The policy nginx is served: the engine's policy with the origin list that version's Parse builds. */
export function versionRenderPolicy(c) {
  return c.corsAllowOrigin ? { ...c.policy, origins: c.corsAllowOrigin.map((value) => ({ value })) } : c.policy;
}
