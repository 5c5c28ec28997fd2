/** `vcluster-cors policy`: the effective CORS policy of each target, as JSON or as a readable table. */
import type { EffectivePolicy, PolicyField, LineIndex } from '../../engine/index';
import type { Painter } from '../color';
import { NOT_ACCESS_CONTROL } from '../../engine/index';

export interface PolicyReport {
  file: string;
  policies: EffectivePolicy[];
  lines: LineIndex;
  /** Release: where an offset of the merged values comes from (`base.yaml:5`, `--set a=b`). */
  where?: (offset: number) => string;
}

function lineOf(lines: LineIndex, offset: number): number {
  return lines.position(offset).line + 1;
}

/** policy.origins as values: ['*'] for any origin, [] for none. */
export function originValues(p: EffectivePolicy): string[] {
  if (p.origins.length === 1 && p.origins[0].kind === 'any') return ['*'];
  return p.origins.map((o) => o.value);
}

/** CORS switched off: no header is sent, so no default is shown as if it were (the `policy` command never invents one). */
function offNotes(p: EffectivePolicy): string[] {
  const why = p.notes.filter((n) => /\boff\b|not switched on|no CORS/i.test(n));
  return why.length ? why : [...p.notes];
}

/** The authentication in front of a policy (authGates), one line each: what it is and whether a preflight passes. */
function authLines(pol: EffectivePolicy, lines: LineIndex): string[] {
  return (pol.authGates ?? []).map(
    (g) =>
      `${g.source} (line ${lineOf(lines, g.range.start)}, ${g.kind}): ${g.exemptsPreflight ? 'the preflight gets through' : `the preflight gets ${g.preflightStatus ?? 'an error'}`}: ${g.why}.`,
  );
}

export function formatPolicyJson(reports: readonly PolicyReport[]): string {
  const out = reports.map((r) => ({
    file: r.file,
    policies: r.policies.map((p) =>
      !p.configured
        ? {
            controller: p.controller,
            source: p.source,
            line: lineOf(r.lines, p.anchor.start),
            ...(r.where ? { from: r.where(p.anchor.start) } : {}),
            enabled: false,
            allowOrigins: [],
            allowCredentials: false,
            allowMethods: '',
            allowHeaders: '',
            exposeHeaders: '',
            maxAge: null,
            notes: offNotes(p),
            ...(p.authGates ? { authentication: authLines(p, r.lines) } : {}),
          }
        : {
            controller: p.controller,
            source: p.source,
            line: lineOf(r.lines, p.anchor.start),
            ...(r.where ? { from: r.where(p.anchor.start) } : {}),
            enabled: p.enabled,
            allowOrigins: originValues(p),
            allowCredentials: p.allowCredentials,
            allowMethods: p.allowMethods,
            allowHeaders: p.allowHeaders,
            exposeHeaders: p.exposeHeaders,
            maxAge: p.maxAge,
            ...(p.unknown ? { unknownUntilRendered: [...p.unknown] } : {}),
            notes: [...p.notes],
            ...(p.authGates ? { authentication: authLines(p, r.lines) } : {}),
          },
    ),
  }));
  return JSON.stringify(out, null, 2) + '\n';
}

export interface PolicyRow {
  setting: string;
  value: string;
  from: string;
}

/** The settings table of a policy (also shown by the web playground). */
export function policyRows(p: EffectivePolicy, lines: LineIndex, where?: (offset: number) => string): PolicyRow[] {
  const from = (field: PolicyField) => {
    const f = p.fields[field];
    if (f && where) return (f.via ? `${f.via}, ` : '') + where(f.value.range.start);
    if (f?.via) return `${f.via}, line ${lineOf(lines, f.keyRange.start)}`;
    return f ? `line ${lineOf(lines, f.keyRange.start)}` : 'default';
  };
  const origins = originValues(p);
  const originText =
    origins.length === 1 && origins[0] === '*'
      ? '* (any origin)'
      : origins.length === 0
        ? '(none: no CORS headers are sent)'
        : origins.join(', ');
  const orNotSent = (s: string) => (s === '' ? '(not sent)' : s);
  const unknown = (field: PolicyField, row: PolicyRow): PolicyRow =>
    p.unknown?.includes(field) ? { ...row, value: 'unknown until rendered' } : row;
  const rowsOut = [
    { setting: 'enable-cors', value: p.configured ? 'true' : 'false', from: from('enable') },
    { setting: 'allow-origin', value: originText, from: from('origin') },
    { setting: 'allow-credentials', value: String(p.allowCredentials), from: from('credentials') },
    { setting: 'allow-methods', value: orNotSent(p.allowMethods), from: from('methods') },
    { setting: 'allow-headers', value: orNotSent(p.allowHeaders), from: from('headers') },
    { setting: 'expose-headers', value: orNotSent(p.exposeHeaders), from: from('expose') },
    { setting: 'max-age', value: p.maxAge === null ? '(not sent)' : String(p.maxAge), from: from('maxAge') },
  ];
  const fields: PolicyField[] = ['enable', 'origin', 'credentials', 'methods', 'headers', 'expose', 'maxAge'];
  return rowsOut.map((r, i) => unknown(fields[i], r));
}

export function formatPolicyText(reports: readonly PolicyReport[], p: Painter): string {
  const blocks: string[] = [];
  for (const r of reports) {
    let out = `${p.underline(r.file)}\n`;
    if (r.policies.length === 0) {
      out += `  ${p.dim('no CORS configuration found')}\n`;
      blocks.push(out);
      continue;
    }
    for (const pol of r.policies) {
      const undecided = pol.unknown?.some((f) => f === 'enable' || f === 'origin' || f === 'credentials');
      const state = undecided
        ? p.yellow('unknown until Helm renders it')
        : pol.enabled
          ? p.green('CORS headers are sent')
          : p.yellow('no CORS headers are sent');
      out += `\n  ${p.bold(`${pol.controller}: ${pol.source}`)} ${p.dim(`(${r.where ? r.where(pol.anchor.start) : `line ${lineOf(r.lines, pol.anchor.start)}`})`)}: ${state}\n\n`;
      if (!pol.configured && !undecided) {
        // CORS is off: no table of defaults that are never sent, only why.
        for (const n of offNotes(pol)) out += `    - ${n}\n`;
        for (const a of authLines(pol, r.lines)) out += `    - ${p.bold('Auth:')} ${a}\n`;
        continue;
      }
      const table = policyRows(pol, r.lines, r.where);
      const head: PolicyRow = { setting: 'Setting', value: 'Effective value', from: 'From' };
      const wS = Math.max(...[head, ...table].map((x) => x.setting.length));
      const wV = Math.max(...[head, ...table].map((x) => x.value.length));
      out += `    ${p.bold(head.setting.padEnd(wS))}  ${p.bold(head.value.padEnd(wV))}  ${p.bold(head.from)}\n`;
      for (const x of table) out += `    ${x.setting.padEnd(wS)}  ${x.value.padEnd(wV)}  ${p.dim(x.from)}\n`;
      if (pol.notes.length > 0) {
        out += `\n    ${p.bold('Notes:')}\n`;
        for (const n of pol.notes) out += `    - ${n}\n`;
      }
      const auth = authLines(pol, r.lines);
      if (auth.length > 0) out += `\n    ${p.bold('Authentication in front:')}\n${auth.map((a) => `    - ${a}\n`).join('')}`;
      if (pol.enabled) out += `\n    ${p.dim(NOT_ACCESS_CONTROL)}\n`;
    }
    blocks.push(out);
  }
  return blocks.join('\n');
}
