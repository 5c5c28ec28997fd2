/**
 * The vCluster Platform chart's own defaults for `ingress.*`, as data: the first source of every release
 * merge, and the values the rules assume when a file does not set a key (ingress.enabled → false,
 * ingress.ingressClass → nginx, ingress.tls.enabled → true). Source: the chart's values.yaml
 * (loft-sh/loft chart/values.yaml, identical for `ingress` from v3.4.0 to v4.12); see
 * docs/reference/helm-values-merge.md and /docs/reference on the chart.
 */

export interface ChartIngressDefaults {
  enabled: boolean;
  name: string;
  host: string;
  ingressClass: string;
  path: string;
  tls: { enabled: boolean; secret: string; clusterIssuer?: string };
}

export interface ChartDefaultsEntry {
  /** Lowest chart version (inclusive) these defaults apply to. */
  from: string;
  ingress: ChartIngressDefaults;
}

/** Newest first. v3.3 and older also carried an unused `ingress.tls.clusterIssuer`. */
export const CHART_DEFAULTS: readonly ChartDefaultsEntry[] = [
  {
    from: '3.4.0',
    ingress: {
      enabled: false,
      name: 'loft-ingress',
      host: 'loft.mydomain.tld',
      ingressClass: 'nginx',
      path: '/',
      tls: { enabled: true, secret: 'loft-tls' },
    },
  },
  {
    from: '0.0.0',
    ingress: {
      enabled: false,
      name: 'loft-ingress',
      host: 'loft.mydomain.tld',
      ingressClass: 'nginx',
      path: '/',
      tls: { enabled: true, secret: 'loft-tls', clusterIssuer: 'lets-encrypt-http-issuer' },
    },
  },
];

function versionParts(v: string): number[] {
  return v
    .replace(/^v/, '')
    .split(/[.-]/)
    .slice(0, 3)
    .map((x) => Number.parseInt(x, 10) || 0);
}

/** The chart's ingress defaults for a chart version (the newest when the version is not given). */
export function chartIngressDefaults(version?: string): ChartIngressDefaults {
  if (!version) return CHART_DEFAULTS[0].ingress;
  const v = versionParts(version);
  for (const e of CHART_DEFAULTS) {
    const f = versionParts(e.from);
    const cmp = v[0] - f[0] || v[1] - f[1] || v[2] - f[2];
    if (cmp >= 0) return e.ingress;
  }
  return CHART_DEFAULTS[CHART_DEFAULTS.length - 1].ingress;
}

/** The defaults as a values file (the first source of a release), one key per line. */
export function chartDefaultsYaml(version?: string): string {
  const d = chartIngressDefaults(version);
  const lines = [
    'ingress:',
    `  enabled: ${d.enabled}`,
    `  name: ${d.name}`,
    `  host: ${d.host}`,
    `  ingressClass: ${d.ingressClass}`,
    `  path: ${d.path}`,
    '  tls:',
    `    enabled: ${d.tls.enabled}`,
    `    secret: ${d.tls.secret}`,
  ];
  if (d.tls.clusterIssuer) lines.push(`    clusterIssuer: ${d.tls.clusterIssuer}`);
  return lines.join('\n') + '\n';
}

export const CHART_DEFAULTS_NAME = 'chart defaults';
