/**
 * Shape checks of the `cors` plugin configuration of Kong (kong/plugins/cors/schema.lua) and APISIX
 * (apisix/plugins/cors.lua `schema` and `check_schema`). Neither CRD validates `config` (free JSON): the
 * gateway does, and then refuses the configuration (docs/reference/kong.md, docs/reference/apisix.md).
 */
import { isPair, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { ManifestField, PluginTarget, Range } from '../types';
import type { SchemaProblem } from './chart';
import { k8sType, type K8sType } from './crdShape';
import { keyText, nodeRange } from '../parse/parse';
import { KONG_METHODS } from '../policy/kong';
import { apisixSchemaError, APISIX_ORIGINS_PATTERN } from '../policy/apisix';
import { levenshtein } from '../util/levenshtein';
import { q } from '../util/markdown';

interface Ctx {
  out: SchemaProblem[];
  who: string;
}

function add(c: Ctx, range: Range | undefined, path: string, message: string): void {
  if (range) c.out.push({ range, path, message: `${q(path)} ${message}: ${c.who}.`, messageId: 'plugin' });
}

function expect(c: Ctx, f: ManifestField | undefined, want: K8sType): boolean {
  if (!f) return false;
  const got = k8sType(f.pair.value);
  if (got === want || (want === 'number' && got === 'integer')) return true;
  add(
    c,
    f.value.range,
    f.label,
    `must be ${want === 'integer' || want === 'array' ? 'an' : 'a'} ${want}, not ${got === 'integer' || got === 'array' || got === 'object' ? 'an' : 'a'} ${got}`,
  );
  return false;
}

/** String items of a list field, each with its range (non-strings reported). */
function items(c: Ctx, f: ManifestField): { value: string; range: Range; index: number }[] {
  if (!expect(c, f, 'array') || !isSeq(f.pair.value)) return [];
  const out: { value: string; range: Range; index: number }[] = [];
  f.pair.value.items.forEach((n, index) => {
    const r = nodeRange(n as Node);
    if (!r) return;
    if (k8sType(n) !== 'string' || !isScalar(n)) add(c, r, `${f.label}[${index}]`, `must be a string, not ${k8sType(n)}`);
    else out.push({ value: String(n.value), range: r, index });
  });
  return out;
}

function regexError(re: string): string | undefined {
  try {
    new RegExp(re, 'u');
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: (\/.*\/[a-z]*: )?/s, '');
  }
}

function unknownKeys(c: Ctx, t: PluginTarget, known: readonly string[]): void {
  for (const it of t.block?.items ?? []) {
    if (!isPair(it)) continue;
    const k = keyText(it.key);
    if (k === undefined || known.includes(k)) continue;
    const near = known.map((n) => ({ n, d: levenshtein(k, n, 3) })).sort((a, b) => a.d - b.d)[0];
    add(
      c,
      nodeRange(it.key as Node),
      `${t.path}.${k}`,
      `is not a field of the cors plugin${near.d <= 3 ? ` (did you mean ${q(near.n)}?)` : ''}`,
    );
  }
}

export const KONG_FIELDS = [
  'origins',
  'headers',
  'exposed_headers',
  'methods',
  'max_age',
  'credentials',
  'private_network',
  'preflight_continue',
  'allow_origin_absent',
];

function kong(c: Ctx, t: PluginTarget): void {
  unknownKeys(c, t, KONG_FIELDS);
  const F = (n: string) => t.fields.get(n);
  const origins = F('origins');
  if (origins)
    for (const i of items(c, origins)) {
      const err = i.value === '*' ? undefined : regexError(i.value);
      if (err) add(c, i.range, `${origins.label}[${i.index}]`, `${q(i.value)} is neither \`*\` nor a valid regex (${err})`);
    }
  const methods = F('methods');
  if (methods)
    for (const i of items(c, methods))
      if (!KONG_METHODS.includes(i.value))
        add(c, i.range, `${methods.label}[${i.index}]`, `${q(i.value)} is not one of ${KONG_METHODS.map(q).join(', ')} (case-sensitive)`);
  for (const n of ['headers', 'exposed_headers']) {
    const f = F(n);
    if (f) items(c, f);
  }
  expect(c, F('max_age'), 'number');
  for (const n of ['credentials', 'private_network', 'preflight_continue', 'allow_origin_absent']) expect(c, F(n), 'boolean');
}

export const APISIX_FIELDS = [
  'allow_origins',
  'allow_methods',
  'allow_headers',
  'expose_headers',
  'max_age',
  'allow_credential',
  'allow_origins_by_regex',
  'allow_origins_by_metadata',
  'timing_allow_origins',
  'timing_allow_origins_by_regex',
];

function apisix(c: Ctx, t: PluginTarget): void {
  const F = (n: string) => t.fields.get(n);
  for (const n of ['allow_origins', 'allow_methods', 'allow_headers', 'expose_headers']) expect(c, F(n), 'string');
  expect(c, F('max_age'), 'integer');
  expect(c, F('allow_credential'), 'boolean');
  const of = F('allow_origins');
  if (of && k8sType(of.pair.value) === 'string' && !APISIX_ORIGINS_PATTERN.test(of.value.text)) {
    const space = /,\s|\s,/.test(of.value.text) ? ' (no spaces around the commas)' : '';
    add(
      c,
      of.value.range,
      of.label,
      `${q(of.value.text)} does not match the schema pattern: \`*\`, \`**\`, \`null\` or \`scheme://host\` entries joined by \`,\`${space}`,
    );
  } else {
    const err = apisixSchemaError(t);
    if (err)
      add(
        c,
        F('allow_credential')?.value.range,
        F('allow_credential')?.label ?? 'allow_credential',
        `is \`true\` while ${err.replace(/ while allow_credential is `true`$/, '')}`,
      );
  }
  const rf = F('allow_origins_by_regex');
  if (rf) {
    const list = items(c, rf);
    if (isSeq(rf.pair.value) && rf.pair.value.items.length === 0)
      add(c, rf.value.range, rf.label, 'must have at least one item (minItems 1)');
    list.forEach((i, k) => {
      if (list.findIndex((j) => j.value === i.value) < k)
        add(c, i.range, `${rf.label}[${i.index}]`, 'repeats an earlier item (uniqueItems)');
      const err = regexError(i.value);
      if (err) add(c, i.range, `${rf.label}[${i.index}]`, `${q(i.value)} does not compile (${err})`);
    });
  }
}

/** Shape problems of a Kong or APISIX `cors` plugin configuration. */
export function validatePluginTarget(target: PluginTarget): SchemaProblem[] {
  if (target.kind === 'kong') {
    const c: Ctx = { out: [], who: 'Kong rejects the plugin configuration and the controller cannot apply it' };
    kong(c, target);
    return c.out;
  }
  const c: Ctx = { out: [], who: 'APISIX rejects the plugin configuration (`check_schema`)' };
  apisix(c, target);
  return c.out;
}
