/**
 * The tables generated from the rules' meta: the rule table in README.md and the header table of each
 * docs/rules/<id>.md page. scripts/gen-docs.mjs writes them (`npm run docs`); test/unit/docs.test.ts fails
 * when a file is stale. Not a rule: the `_` prefix keeps it out of the registry.
 */
import type { Rule, RuleMeta } from './rule';
import { PROFILES } from '../policy/profiles';

export const README_BEGIN = "<!-- rules:begin (generated from the rules' meta by `npm run docs`: do not edit) -->";
export const README_END = '<!-- rules:end -->';
export const PAGE_BEGIN = "<!-- meta:begin (generated from the rule's meta by `npm run docs`: do not edit) -->";
export const PAGE_END = '<!-- meta:end -->';

/** "`error` in production, `warning` in development". */
export function severityText(meta: RuleMeta): string {
  if (meta.docs.severity) return meta.docs.severity;
  const env = meta.environments ?? {};
  const base = `\`${meta.defaultSeverity}\``;
  const dev = env.development;
  const prod = env.production ?? meta.defaultSeverity;
  if (!dev && !env.production) return base;
  const devText = dev === 'off' ? 'not reported in development' : `\`${dev ?? meta.defaultSeverity}\` in development`;
  const prodText = prod === 'off' ? 'not reported in production' : `\`${prod}\` in production`;
  return `${prodText}, ${devText}`;
}

export function fixableText(meta: RuleMeta): string {
  if (meta.fixable === false) return 'no';
  return `yes (${meta.fixable}${meta.docs.fix ? `: ${meta.docs.fix}` : ''})`;
}

export function controllersText(meta: RuleMeta): string {
  if (meta.docs.controllers) return meta.docs.controllers;
  return meta.controllers ? meta.controllers.map((c) => PROFILES[c].title).join(', ') : 'all';
}

export function layerText(meta: RuleMeta): string {
  if (meta.controllers) return `${meta.kind} (${controllersText(meta)})`;
  return meta.kind === 'semantic' ? 'semantic (every controller)' : 'syntax (any file)';
}

/** The README's rule table. */
export function readmeTable(rules: readonly Rule[]): string {
  const rows = [...rules]
    .sort((a, b) => a.meta.id.localeCompare(b.meta.id))
    .map(
      ({ meta: m }) =>
        `| [${m.id}](docs/rules/${m.id}.md) | ${severityText(m)} | ${fixableText(m)} | ${controllersText(m)} | ${m.docs.summary} |`,
    );
  return ['| id | severity | fixable | controllers | reported when |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** The header table of docs/rules/<id>.md. */
export function pageTable(meta: RuleMeta): string {
  return [
    '| Default severity | Fixable | Layer |',
    '|---|---|---|',
    `| ${severityText(meta)} | ${fixableText(meta)} | ${layerText(meta)} |`,
  ].join('\n');
}

/** Replaces the text between two markers (both kept); undefined when the markers are missing. */
export function replaceBetween(text: string, begin: string, end: string, body: string): string | undefined {
  const i = text.indexOf(begin);
  const j = text.indexOf(end, i + begin.length);
  if (i < 0 || j < 0) return undefined;
  return text.slice(0, i + begin.length) + '\n' + body + '\n' + text.slice(j);
}
