/** `vcluster-cors simulate`: one fetch() from a page's origin against each policy of a file, as JSON or text. */
import type { EffectivePolicy, SimulationRequest, SimulationResult, LineIndex } from '../../engine/index';
import type { Painter } from '../color';
import { NOT_ACCESS_CONTROL } from '../../engine/index';

export interface SimulateReport {
  file: string;
  lines: LineIndex;
  items: { policy: EffectivePolicy; result: SimulationResult }[];
}

/**
 * The JSON contract: an array with one object per policy, keys in this order. `browserVerdict` is present
 * only when current browsers decide differently from the Fetch Standard (it follows `verdict`).
 */
export function formatSimulateJson(reports: readonly SimulateReport[]): string {
  const out: Record<string, unknown>[] = [];
  for (const r of reports) {
    for (const { policy, result } of r.items) {
      const o: Record<string, unknown> = {
        file: r.file,
        controller: policy.controller,
        source: policy.source,
        preflight: result.preflight,
        verdict: result.verdict,
      };
      if (result.browserVerdict !== result.verdict) o.browserVerdict = result.browserVerdict;
      o.reason = result.reason;
      o.preflightResponse = result.preflightResponse
        ? { status: result.preflightResponse.status, headers: { ...result.preflightResponse.headers } }
        : null;
      o.responseHeaders = { ...result.responseHeaders };
      out.push(o);
    }
  }
  return JSON.stringify(out, null, 2) + '\n';
}

function describeRequest(req: SimulationRequest, result: SimulationResult): string {
  const parts = [`${result.method} from ${req.origin}`];
  parts.push(req.credentials ? 'with credentials' : 'without credentials');
  if (req.headers && req.headers.length > 0) parts.push(`headers: ${req.headers.join(', ')}`);
  return parts.join(', ');
}

function headerLines(h: Record<string, string>, indent: string, p: Painter): string {
  const names = Object.keys(h);
  if (names.length === 0) return `${indent}${p.dim('(no CORS headers)')}\n`;
  return names.map((n) => `${indent}${n}: ${h[n]}\n`).join('');
}

function status(s: number | 'backend'): string {
  return s === 'backend' ? 'passed to the backend (auth or the app answers)' : String(s);
}

export function formatSimulateText(reports: readonly SimulateReport[], req: SimulationRequest, p: Painter): string {
  const blocks: string[] = [];
  for (const r of reports) {
    let out = `${p.underline(r.file)}\n`;
    if (r.items.length === 0) {
      out += `  ${p.dim('no CORS configuration found (no chart values with an `ingress` block)')}\n`;
      blocks.push(out);
      continue;
    }
    for (const { policy, result } of r.items) {
      const line = r.lines.position(policy.anchor.start).line + 1;
      out += `\n  ${p.bold(`${policy.controller}: ${policy.source}`)} ${p.dim(`(line ${line})`)}\n`;
      out += `    request    ${describeRequest(req, result)}\n`;
      if (result.preflightResponse) {
        out += `    preflight  OPTIONS → ${status(result.preflightResponse.status)}`;
        if (result.requestHeaders.length > 0) out += p.dim(` (Access-Control-Request-Headers: ${result.requestHeaders.join(',')})`);
        out += '\n' + headerLines(result.preflightResponse.headers, '                 ', p);
      } else {
        out += `    preflight  ${p.dim(result.actualRequestSent ? 'not needed' : 'none: fetch() throws before sending anything')}\n`;
      }
      if (result.actualRequestSent) {
        out += `    response   ${result.method} → ${status(result.responseStatus)}\n`;
        out += headerLines(result.responseHeaders, '                 ', p);
      } else {
        out += `    response   ${p.dim('the browser does not send the request')}\n`;
      }
      const v = result.verdict === 'allowed' ? p.green('allowed') : p.red('blocked');
      out += `    verdict    ${p.bold(v)}: ${result.reason}\n`;
      if (result.browserVerdict !== result.verdict) {
        const b = result.browserVerdict === 'allowed' ? p.yellow('allowed') : p.red('blocked');
        out += `    browsers   ${b} today (current browsers deviate from the Fetch Standard here)\n`;
      }
      for (const n of result.notes) out += `    note       ${n}\n`;
      if (policy.enabled) out += `    ${p.dim(NOT_ACCESS_CONTROL)}\n`;
    }
    blocks.push(out);
  }
  return blocks.join('\n');
}
