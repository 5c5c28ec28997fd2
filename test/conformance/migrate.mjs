// Issue 17: `migrate --to ingress-nginx` and from it, verified on real nginx and Chromium.
//
// From ingress-nginx: the annotations (A) go to another controller and back to ingress-nginx (B). Real nginx
// serves both A and B; every request of migrate's generated request set must get exactly the status and CORS
// headers simulate() predicts on each side, Chromium's fetch() outcome must equal simulate()'s browserVerdict on
// each side, and every request whose verdict differs between A and B must be a verdict difference in the
// behaviour diff (with an intended change as its cause).
// To ingress-nginx: a Gateway API / Traefik / Istio object (G, simulated only: no such engine here) is migrated
// to annotations (B); real nginx and Chromium run B, and every verdict change from G to B must be in the diff.

const P = '{P}';

export const migrateCases = [
  {
    name: 'seed-like list → Gateway API → ingress-nginx',
    ann: {
      'enable-cors': 'true',
      'cors-allow-origin': `http://app.test:${P}`,
      'cors-allow-methods': 'GET, POST, PUT, DELETE, PATCH, OPTIONS',
      'cors-allow-headers': 'Authorization, Content-Type',
      'cors-allow-credentials': 'true',
      'cors-max-age': '3600',
    },
    via: 'gateway-api',
  },
  {
    name: 'wildcard subdomain with the defaults → Gateway API → ingress-nginx',
    ann: { 'enable-cors': 'true', 'cors-allow-origin': `http://*.app.test:${P}` },
    via: 'gateway-api',
  },
  { name: '`*` with the default credentials → Istio → ingress-nginx', ann: { 'enable-cors': 'true' }, via: 'istio' },
  {
    name: 'lower-case method, null → Traefik → ingress-nginx',
    ann: {
      'enable-cors': 'true',
      'cors-allow-origin': `http://app.test:${P}, null`,
      'cors-allow-methods': 'GET, patch',
      'cors-max-age': '600',
    },
    via: 'traefik',
  },
  {
    name: 'Gateway API any-depth wildcard → ingress-nginx',
    manifest: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: platform, namespace: vcluster-platform }
spec:
  hostnames: [platform.example.com]
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["http://*.app.test:${P}"]
            allowCredentials: true
            allowMethods: [GET, PUT]
            allowHeaders: [Authorization]
            maxAge: 600
      backendRefs: [{ name: loft, port: 80 }]
`,
  },
  {
    name: 'Traefik `*` with credentials (echoes any origin) → ingress-nginx',
    manifest: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: { name: platform-cors, namespace: vcluster-platform }
spec:
  headers:
    accessControlAllowOriginList: ["*"]
    accessControlAllowCredentials: true
    accessControlAllowMethods: [GET, PUT]
    accessControlAllowHeaders: [Authorization]
    accessControlMaxAge: 600
    addVaryHeader: true
`,
  },
];

const valuesText = (ann) =>
  `ingress:\n  enabled: true\n  host: "platform.example.com"\n  annotations:\n${Object.entries(ann)
    .map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${JSON.stringify(v)}`)
    .join('\n')}\n`;

function one(engine, text, filePath, to) {
  const r = engine.migrate({ text, filePath, to });
  if (r.migrations.length !== 1) throw new Error(`migrate --to ${to} ${filePath}: ${JSON.stringify(r.skipped)}`);
  return r.migrations[0];
}

/** Builds the sides (policies) of every case. `port` replaces {P}. */
export function prepareMigrateCases(engine, port) {
  return migrateCases.map((c, i) => {
    const sub = (s) => s.replaceAll(P, String(port));
    if (c.ann) {
      const text = valuesText(Object.fromEntries(Object.entries(c.ann).map(([k, v]) => [k, sub(v)])));
      const a = engine.computePolicies(text).policies[0];
      const mid = one(engine, text, 'vcluster-platform.yaml', c.via);
      const rt = one(engine, mid.files[0].text, 'mid.yaml', 'ingress-nginx');
      const b = rt.newPolicy;
      const requests = engine.requestSet([a, b]);
      const diff = engine.behaviourDiff(a, b, requests, [...mid.changes, ...rt.changes]);
      return {
        index: i + 1,
        name: c.name,
        old: { label: 'A', policy: a, real: true },
        sides: [
          { label: 'A', policy: a },
          { label: 'B', policy: b },
        ],
        requests,
        diff,
        text: rt.files[0].text,
      };
    }
    const text = sub(c.manifest);
    const g = engine.computePolicies(text).policies[0];
    const rt = one(engine, text, 'manifest.yaml', 'ingress-nginx');
    return {
      index: i + 1,
      name: c.name,
      old: { label: 'G', policy: g, real: false },
      sides: [{ label: 'B', policy: rt.newPolicy }],
      requests: engine.requestSet([g, rt.newPolicy]),
      diff: rt.diff,
      text: rt.files[0].text,
    };
  });
}

/** Each side is served like the other browser policies, at bp-<name>.api.test. */
export const browserPolicyName = (mc, side) => `mig${mc.index}-${side.label.toLowerCase()}`;
const serverName = (mc, side) => `bp-${browserPolicyName(mc, side)}.api.test`;

/** Checks of the diff itself: every verdict change between the old side and the new one is a verdict difference of the diff. */
export function diffProblems(engine, mc) {
  const problems = [];
  for (const d of mc.diff.differences)
    if (d.unexplained) problems.push(`diff: ${d.field} ${d.where} ${d.old} → ${d.new} has no intended change as its cause`);
  const newSide = mc.sides[mc.sides.length - 1].policy;
  const verdictGroups = mc.diff.differences.filter((d) => d.field === 'verdict');
  for (const r of mc.requests) {
    const req = { origin: r.origin, method: r.method, headers: r.headers, credentials: r.credentials };
    const a = engine.simulate(mc.old.policy, req);
    const b = engine.simulate(newSide, req);
    if (a.browserVerdict === b.browserVerdict && a.verdict === b.verdict) continue;
    const show = (s) => (s.verdict === s.browserVerdict ? s.verdict : `${s.browserVerdict} (Fetch Standard: ${s.verdict})`);
    if (!verdictGroups.some((d) => d.old === show(a) && d.new === show(b)))
      problems.push(`diff: ${JSON.stringify(req)} changes ${show(a)} → ${show(b)} but the diff does not say so`);
  }
  return problems;
}

async function pool(jobs, size) {
  const out = [];
  let i = 0;
  const worker = async () => {
    while (i < jobs.length) {
      const j = i++;
      out[j] = await jobs[j]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, jobs.length) }, worker));
  return out;
}

/** Every generated request on every side, against real nginx: status and CORS headers as simulate() predicts. */
export async function runMigrateNginx(engine, mc, { port, httpRequest, compare }) {
  const problems = [];
  const jobs = [];
  for (const side of mc.sides) {
    const host = serverName(mc, side);
    for (const r of mc.requests) {
      const sim = engine.simulate(side.policy, { origin: r.origin, method: r.method, headers: r.headers, credentials: r.credentials });
      const what = `${side.label}: ${r.method}${r.headers.length ? ' ' + r.headers.join(',') : ''} Origin: ${r.origin}`;
      if (sim.preflight) {
        jobs.push(async () => {
          const actual = await httpRequest({
            port,
            host,
            method: 'OPTIONS',
            headers: {
              Origin: r.origin,
              'Access-Control-Request-Method': sim.method,
              ...(sim.requestHeaders.length ? { 'Access-Control-Request-Headers': sim.requestHeaders.join(',') } : {}),
            },
          });
          for (const p of compare(actual, sim.preflightResponse, { backendStatus: 404 })) problems.push(`${what} (preflight): ${p}`);
        });
      }
      if (!sim.preflight || sim.actualRequestSent) {
        jobs.push(async () => {
          const actual = await httpRequest({ port, host, method: sim.method, headers: { Origin: r.origin } });
          for (const p of compare(actual, { status: sim.responseStatus, headers: sim.responseHeaders }, { backendStatus: 200 }))
            problems.push(`${what}: ${p}`);
        });
      }
    }
  }
  await pool(
    jobs.map((j) => () => j().catch((e) => problems.push(`request failed: ${e.message}`))),
    32,
  );
  return { problems, probes: jobs.length };
}

/** Browser cases: each page origin × a simple GET / a preflighted PUT with Authorization × credentials, on every side. */
export function migrateBrowserCases(mcs) {
  const out = [];
  for (const mc of mcs)
    for (const side of mc.sides)
      for (const from of ['app.test', 'x.app.test', 'a.b.app.test', 'evil.test', 'sandbox'])
        for (const [method, headers] of [
          ['GET', []],
          ['PUT', ['Authorization: Bearer x']],
        ])
          for (const credentials of [false, true])
            out.push({
              name: `migrate #${mc.index} ${side.label}: ${method}${headers.length ? ' + Authorization' : ''} from ${from}${credentials ? ', credentials' : ''}`,
              policy: browserPolicyName(mc, side),
              from,
              method,
              headers,
              credentials,
            });
  return out;
}
