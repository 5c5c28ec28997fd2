/**
 * The effective policy as a markdown table, and the simulated preflight response each allowed origin gets: the
 * hover on `enable-cors` (hover.ts) and on a manifest's CORS block (manifestHover.ts).
 */
import { codeSpan, humanSeconds, simulate, NOT_ACCESS_CONTROL, type EffectivePolicy, type OriginMatcher } from '../engine/index';

const code = codeSpan;

function exampleOrigin(m: OriginMatcher): string | undefined {
  if (m.kind === 'wildcard-subdomain') return m.value.replace('*.', 'app.');
  if (m.kind === 'regex') return undefined;
  // A prefix that is not a whole origin yet: complete it to one it matches.
  if (m.kind === 'prefix' && !/^[a-z][a-z0-9+.-]*:\/\/[^/]+\.[a-z]{2,}(:\d+)?$/i.test(m.value))
    return m.value.replace(/[.]$/, '') + (m.value.endsWith('.') ? '.example.com' : 'app.example.com');
  return m.value;
}

/**
 * The effective policy table and the simulated preflight of (at most `simulated`) allowed origins. `lineOf` turns
 * the From column's "written" into the line (`line 7`, as `vcluster-cors policy` says it).
 */
export function policyMarkdown(p: EffectivePolicy, lineOf?: (offset: number) => number, simulated = 5): string {
  const f = p.fields;
  const name = p.profile.title;
  // The ingress-nginx template always sends methods and headers; its CORS has a switch of its own (`enable-cors`).
  const nginx = p.profile.responder === 'nginx-template';
  const src = (k: keyof EffectivePolicy['fields']) => {
    const field = f[k];
    return field ? (lineOf ? `line ${lineOf(field.keyRange.start)}` : 'written') : 'default';
  };
  const any = p.origins.length === 1 && p.origins[0].kind === 'any';
  const originText = (o: OriginMatcher) => (o.kind === 'prefix' || o.kind === 'regex' ? `${o.kind} ${code(o.value)}` : code(o.value));
  const defaultMaxAge = p.profile.defaultMaxAge;
  const rows: [string, string, string][] = [
    ['CORS', p.enabled ? 'on' : 'off', nginx ? (p.configured && !p.enabled ? 'configured, but not in effect' : src('enable')) : 'written'],
    ['Allowed origins', p.origins.length === 0 ? 'none' : any ? '`*` (any)' : p.origins.map(originText).join(', '), src('origin')],
    ['Access-Control-Allow-Origin', p.acaoMode === 'literal-star' ? '`*`' : 'the request Origin, echoed', src('origin')],
    ['Credentials', p.allowCredentials ? '`true`' : '`false`', src('credentials')],
    ['Methods', p.allowMethods || nginx ? code(p.allowMethods) : 'not sent', src('methods')],
    ['Headers', p.allowHeaders || nginx ? code(p.allowHeaders) : 'not sent', src('headers')],
    ['Expose headers', p.exposeHeaders ? code(p.exposeHeaders) : 'not sent', src('expose')],
    [
      'Max-Age',
      p.maxAge === null
        ? 'not sent'
        : `\`${p.maxAge}\` (${humanSeconds(p.maxAge)}${!f.maxAge && p.maxAge === defaultMaxAge ? `, the ${name} default` : ''})`,
      src('maxAge'),
    ],
    ['Vary: Origin', p.varyOrigin ? 'sent' : 'not sent', f.vary ? src('vary') : name],
    ['Preflight (OPTIONS)', `answered by ${name} with ${p.preflightStatus}`, name],
  ];
  const title = nginx ? `**Effective CORS policy** (${name})` : `**Effective CORS policy** (${name}, ${code(p.source)})`;
  const out = [title, '', '| Setting | Effective | From |', '| --- | --- | --- |'];
  for (const [a, b, c] of rows) out.push(`| ${a} | ${b.replace(/\|/g, '\\|')} | ${c} |`);
  out.push('');
  if (!p.enabled) {
    out.push(`**Preflight responses:** none — ${name} sends no CORS headers, so browsers block cross-origin reads.`);
    return out.join('\n');
  }
  out.push(
    '**Preflight responses** for a typical dashboard call: `fetch(url, {credentials: "include"})`, `GET`, `Authorization: Bearer …`',
    '',
  );
  const shown = any ? [p.origins[0]] : p.origins.slice(0, simulated);
  for (const m of shown) {
    const origin = any ? 'https://any.example' : exampleOrigin(m);
    if (origin === undefined) {
      out.push(`From an origin matching ${originText(m)}: not simulated (write a concrete origin to see the exchange).`, '');
      continue;
    }
    const sim = simulate(p, { origin, method: 'GET', headers: ['Authorization'], credentials: true });
    const resp = sim.preflightResponse;
    const lines: string[] = [];
    if (resp) {
      lines.push(
        `HTTP/1.1 ${resp.status === 'backend' ? '(passed on to the backend)' : resp.status === 204 ? '204 No Content' : resp.status === 200 ? '200 OK' : resp.status}`,
      );
      for (const [k, v] of Object.entries(resp.headers)) lines.push(`${k}: ${v}`);
    }
    const label = any
      ? 'From any origin'
      : m.kind === 'wildcard-subdomain' || (m.kind === 'prefix' && origin !== m.value)
        ? `From ${code(origin)} (matches ${originText(m)})`
        : `From ${code(origin)}`;
    out.push(`${label}:`, '');
    if (lines.length) out.push('```http', ...lines, '```', '');
    const verdict = sim.verdict === 'allowed' ? '✅ allowed' : '⛔ blocked';
    const today = sim.browserVerdict !== sim.verdict ? ` (browsers today: ${sim.browserVerdict})` : '';
    out.push(`Browser verdict: **${verdict}**${today} — ${sim.reason.replace(/[.]?$/, '.')}`, '');
  }
  if (!any && p.origins.length > shown.length)
    out.push(`…and ${p.origins.length - shown.length} more origin(s): \`vcluster-cors simulate FILE --origin …\` shows each.`, '');
  out.push(`_${NOT_ACCESS_CONTROL}_`);
  return out.join('\n').trimEnd();
}
