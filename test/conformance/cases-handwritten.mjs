// Issue 11 (items 1 and 4): CORS headers written by hand in ingress-nginx snippets, and error pages of
// `custom-http-errors`, on real nginx (with headers-more) and Chromium.
//
// Each case is a values file; the engine computes its policy (policy/handwritten/). One nginx `server` per case
// is rendered like ingress-nginx's template does (nginx.tmpl at controller-v1.15.1): the server-snippet verbatim at
// server level; in `location /` the controller's own CORS block when enable-cors is on, then the
// configuration-snippet verbatim; for `custom-http-errors`, `proxy_intercept_errors on;` and
// `error_page <code> = @custom_<code>;` with a named location that proxies to a default backend (CUSTOM_ERRORS).
// The backend answers GET / with 200, OPTIONS with 404 and /e404, /e500 with those statuses.
// Every probe's status and CORS headers must equal what controllerResponse() predicts (a header written with
// `add_header` without `always` is predicted absent on an error status); a header sent twice is compared as the
// joined value. Chromium then fetches a duplicate-ACAO server and an echo server: its outcome must equal
// simulate()'s browserVerdict.
import fs from 'node:fs';
import path from 'node:path';
import { corsConfig, freePort, renderCors, startNginx } from './nginx.mjs';

const v = (ann) =>
  'ingress:\n  enabled: true\n  host: "platform.example.com"\n  annotations:\n' +
  Object.entries(ann)
    .map(([k, x]) =>
      x.includes('\n')
        ? `    nginx.ingress.kubernetes.io/${k}: |\n${x
            .trim()
            .split('\n')
            .map((l) => '      ' + l)
            .join('\n')}`
        : `    nginx.ingress.kubernetes.io/${k}: ${JSON.stringify(x)}`,
    )
    .join('\n') +
  '\n';

const ECHO_ALL = `
add_header Access-Control-Allow-Origin $http_origin always;
add_header Access-Control-Allow-Credentials true always;
if ($request_method = OPTIONS) {
  add_header Access-Control-Allow-Origin $http_origin always;
  add_header Access-Control-Allow-Methods "GET, POST, PUT" always;
  add_header Access-Control-Allow-Headers "Authorization, X-Custom" always;
  add_header Access-Control-Allow-Credentials true always;
  return 204;
}
`;

/** name, the values file's annotations, and the origins to probe. */
export const handwrittenCases = [
  {
    name: 'echo any origin with credentials, OPTIONS answered by an if block (add_header always)',
    ann: { 'configuration-snippet': ECHO_ALL },
  },
  {
    name: "add_header without always: gone on 404/500 and on the backend's OPTIONS 404",
    ann: {
      'configuration-snippet': 'add_header Access-Control-Allow-Origin $http_origin;\nadd_header Access-Control-Allow-Credentials true;\n',
    },
  },
  {
    name: 'the OPTIONS if block has add_header of its own: the location-level ones are not inherited',
    ann: {
      'configuration-snippet':
        'add_header Access-Control-Allow-Origin $http_origin always;\nif ($request_method = OPTIONS) {\n  add_header Access-Control-Allow-Methods "GET, PUT" always;\n  return 204;\n}\n',
    },
  },
  {
    name: 'origin regex into a variable, more_set_headers (every status)',
    ann: {
      'configuration-snippet':
        'set $cors_origin "";\nif ($http_origin ~* "^https://(a|b)\\.com$") {\n  set $cors_origin $http_origin;\n}\nmore_set_headers "Access-Control-Allow-Origin: $cors_origin";\nmore_set_headers "Vary: Origin";\n',
    },
  },
  {
    name: 'server-snippet add_header hidden by a configuration-snippet add_header',
    ann: {
      'server-snippet': 'add_header Access-Control-Allow-Origin $http_origin always;\n',
      'configuration-snippet': 'add_header X-Frame-Options DENY always;\n',
    },
  },
  {
    name: 'server-snippet add_header inherited when the location has none',
    ann: { 'server-snippet': 'add_header Access-Control-Allow-Origin $http_origin always;\n' },
  },
  {
    name: 'server-snippet more_set_headers next to a location add_header: still sent',
    ann: {
      'server-snippet': "more_set_headers 'Access-Control-Allow-Origin: https://a.com';\n",
      'configuration-snippet': 'add_header X-Frame-Options DENY always;\n',
    },
  },
  {
    name: 'two add_header Access-Control-Allow-Origin: sent twice',
    ann: {
      'configuration-snippet':
        'add_header Access-Control-Allow-Origin $http_origin always;\nadd_header Access-Control-Allow-Origin "https://a.com" always;\n',
    },
  },
  {
    name: "native CORS plus add_header: a second header line; more_set_headers yields to the controller's",
    ann: {
      'enable-cors': 'true',
      'cors-allow-origin': 'https://a.com',
      'configuration-snippet':
        "add_header Access-Control-Allow-Origin $http_origin always;\nmore_set_headers 'Access-Control-Expose-Headers: X-Total';\n",
    },
  },
  {
    name: 'custom-http-errors with native CORS: the error page has no CORS headers',
    ann: { 'enable-cors': 'true', 'cors-allow-origin': 'https://a.com', 'custom-http-errors': '404,500' },
    errorPages: true,
  },
  {
    name: 'custom-http-errors with hand-written headers (always, more_set_headers): none on the error page',
    ann: {
      'configuration-snippet':
        "add_header Access-Control-Allow-Origin $http_origin always;\nmore_set_headers 'Access-Control-Allow-Credentials: true';\n",
      'custom-http-errors': '404,500',
    },
    errorPages: true,
  },
];

const ORIGINS = ['https://a.com', 'https://B.com', 'https://evil.example'];
const ADD_HEADER_STATUSES = [200, 201, 204, 206, 301, 302, 303, 304, 307, 308];

function renderServer(c, port, backend, defaultBackend) {
  const snippet = (k) => (c.ann[k] ?? '').trim();
  // the controller's own CORS block (only when enable-cors is on: the policy is then the controller's)
  const cors = c.ann['enable-cors'] === 'true' ? renderCors(corsConfig(c.policy)) : '';
  const codes = (c.ann['custom-http-errors'] ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  return [
    `server { listen 127.0.0.1:${port}; server_name ${c.serverName};`,
    snippet('server-snippet'),
    '  location / {',
    cors,
    snippet('configuration-snippet'),
    codes.length ? `proxy_intercept_errors on;\n${codes.map((x) => `error_page ${x} = @custom_${x};`).join('\n')}` : '',
    `    proxy_pass http://127.0.0.1:${backend};`,
    '  }',
    ...codes.map(
      (x) =>
        `  location @custom_${x} { internal; proxy_intercept_errors off; rewrite (.*) /error/${x} break; proxy_pass http://127.0.0.1:${defaultBackend}; }`,
    ),
    '}',
  ].join('\n');
}

function conf({ module, prefix, port, backend, defaultBackend, servers }) {
  return `load_module ${module};
worker_processes 1;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${prefix}/hw_client_body; proxy_temp_path ${prefix}/hw_proxy; fastcgi_temp_path ${prefix}/hw_fastcgi;
  uwsgi_temp_path ${prefix}/hw_uwsgi; scgi_temp_path ${prefix}/hw_scgi;
  server { listen 127.0.0.1:${backend};
    location / { if ($request_method = 'OPTIONS') { return 404; } default_type text/plain; return 200 'ok'; }
    location /e404 { return 404; }
    location /e500 { return 500; }
  }
  # the default backend of custom-http-errors: an error page, no CORS headers
  # (ingress-nginx's default backend answers with the status in X-Code)
  server { listen 127.0.0.1:${defaultBackend}; default_type text/html;
    location /error/404 { return 404 'error page'; }
    location /error/500 { return 500 'error page'; }
  }
${servers.join('\n')}
}
`;
}

/** The prediction for one request: controllerResponse(), minus `add_header` without `always` on an error status. */
function predict(engine, policy, request, backendStatus) {
  const r = engine.controllerResponse(policy, request);
  const status = r.status === 'backend' ? backendStatus : r.status;
  const headers = { ...r.headers };
  if (!ADD_HEADER_STATUSES.includes(status)) for (const n of r.successOnly ?? []) delete headers[n];
  return { status, headers, fromBackend: r.status === 'backend' };
}

function compare(actual, expected) {
  const problems = [];
  if (actual.status !== expected.status) problems.push(`status ${actual.status}, predicted ${expected.status}`);
  const exp = Object.fromEntries(Object.entries(expected.headers).map(([k, x]) => [k.toLowerCase(), x]));
  const names = new Set(
    [...Object.keys(exp), ...Object.keys(actual.headers)].filter((n) => n.startsWith('access-control-') || n === 'vary'),
  );
  for (const n of [...names].sort()) {
    const a = actual.headers[n]?.join(', ');
    if (a !== exp[n])
      problems.push(
        `${n}: ${a === undefined ? 'absent' : JSON.stringify(a)}, predicted ${exp[n] === undefined ? 'absent' : JSON.stringify(exp[n])}`,
      );
  }
  return problems;
}

async function probeCase(engine, c, port, httpRequest) {
  const problems = [];
  let probes = 0;
  const check = async (what, request, backendStatus, pathname = '/') => {
    probes++;
    let expected = predict(engine, c.policy, request, backendStatus);
    // custom-http-errors: the default backend answers an error status of the backend with its page, under that status
    if (c.errorPages && expected.fromBackend && backendStatus >= 400) expected = { status: backendStatus, headers: {} };
    try {
      const actual = await httpRequest({ port, host: c.serverName, method: request.method, pathname, headers: request.headers });
      for (const p of compare(actual, expected)) problems.push(`${what}: ${p}`);
    } catch (e) {
      problems.push(`${what}: request failed: ${e.message}`);
    }
  };
  const jobs = [];
  for (const origin of ORIGINS) {
    const h = { Origin: origin };
    jobs.push(check(`GET / Origin: ${origin}`, { method: 'GET', origin, headers: h }, 200));
    jobs.push(check(`GET /e404 Origin: ${origin}`, { method: 'GET', origin, headers: h }, 404, '/e404'));
    jobs.push(check(`GET /e500 Origin: ${origin}`, { method: 'GET', origin, headers: h }, 500, '/e500'));
    const pre = { ...h, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization' };
    jobs.push(
      check(
        `preflight Origin: ${origin}`,
        { method: 'OPTIONS', origin, requestMethod: 'PUT', requestHeaders: 'authorization', headers: pre },
        404,
      ),
    );
  }
  jobs.push(check('GET without Origin', { method: 'GET', origin: null, headers: {} }, 200));
  await Promise.all(jobs);
  return { problems, probes };
}

/** Chromium: the duplicate-ACAO server blocks, the echo server allows; simulate() must agree. */
async function browserChecks(engine, page, cases, ctx) {
  const out = [];
  const run = async (c, method, credentials) => {
    const pageOrigin = `http://app.test:${ctx.pagePort}`;
    await page.goto(`${pageOrigin}/`);
    const url = `http://${c.serverName}:${ctx.port}/`;
    const result = await page.evaluate(
      async ({ url, init }) => {
        try {
          const r = await fetch(url, init);
          await r.text();
          return { outcome: 'allowed' };
        } catch (e) {
          return { outcome: 'blocked', error: String(e) };
        }
      },
      {
        url,
        init: {
          method,
          credentials: credentials ? 'include' : 'same-origin',
          mode: 'cors',
          headers: method === 'PUT' ? { Authorization: 'Bearer x' } : {},
        },
      },
    );
    const sim = engine.simulate(c.policy, {
      origin: pageOrigin,
      method,
      headers: method === 'PUT' ? ['Authorization: Bearer x'] : [],
      credentials,
    });
    out.push({
      title: `browser (hand-written): ${c.name} — ${method}${credentials ? ' with credentials' : ''} → ${result.outcome}`,
      ok: result.outcome === sim.browserVerdict,
      details: [`Chromium ${result.outcome}${result.error ? ` (${result.error})` : ''}, simulate ${sim.browserVerdict}: ${sim.reason}`],
    });
  };
  for (const c of cases) for (const [method, credentials] of c.browser) await run(c, method, credentials);
  return out;
}

/**
 * Runs the hand-written cases on an nginx of their own. `report(ok, title, details)` prints one line per case;
 * `page` (optional) is a Chromium page that can load http://app.test:<pagePort>/.
 */
export async function runHandwritten({ engine, report, httpRequest, bin, module, tmp, page, pagePort, onNginx }) {
  const [port, backend, defaultBackend] = [await freePort(), await freePort(), await freePort()];
  const cases = handwrittenCases.map((c, i) => ({ ...c, serverName: `hw${i + 1}.test` }));
  for (const c of cases) {
    const r = engine.lintText(v(c.ann), { filePath: 'vcluster-platform.yaml', config: engine.DEFAULT_CONFIG });
    c.policy = r.policies[0];
  }
  // browser servers: echo with credentials (allowed), two ACAO lines (blocked)
  const browserCases = [
    {
      ...cases[0],
      name: 'echo any origin, credentials, preflight by the snippet',
      serverName: 'hw-echo.api.test',
      browser: [
        ['GET', true],
        ['PUT', true],
      ],
    },
    { ...cases[7], name: 'two Access-Control-Allow-Origin lines', serverName: 'hw-dup.api.test', browser: [['GET', false]] },
  ];
  const file = path.join(tmp, 'handwritten.conf');
  const servers = [...cases, ...browserCases].map((c) => renderServer(c, port, backend, defaultBackend));
  fs.writeFileSync(file, conf({ module, prefix: tmp, port, backend, defaultBackend, servers }));
  const proc = await startNginx(bin, file, tmp, [port, backend, defaultBackend], onNginx);
  let probes = 0;
  try {
    for (const c of cases) {
      const r = await probeCase(engine, c, port, httpRequest);
      probes += r.probes;
      report(r.problems.length === 0, `nginx (hand-written): ${c.name} (${r.probes} requests)`, r.problems);
    }
    if (page) {
      for (const r of await browserChecks(engine, page, browserCases, { port, pagePort })) report(r.ok, r.title, r.details);
    }
  } finally {
    proc.kill('SIGTERM');
  }
  return { cases: cases.length, probes };
}
