/**
 * "Migrate CORS to …" code actions on a CORS block, and the `vclusterCors/migrate` request that renders the
 * migrated manifests with the behaviour diff as a comment header (the client opens them in an untitled editor).
 */
import { CodeActionKind } from 'vscode-languageserver/node';
import type { CodeAction, CodeActionParams } from 'vscode-languageserver/node';
import {
  controllerLabel,
  diffHeaderComment,
  migrate,
  MIGRATION_TARGETS,
  renderFile,
  type EffectivePolicy,
  type Range,
  flat,
} from '../engine/index';
import type { Analysis } from './analysis';
import { kindRequested } from './codeActions';
import { findingForDiagnostic } from './diagnostics';
import { MIGRATE_COMMAND, MIGRATE_KIND, type MigrateParams, type MigrateResult } from '../protocol';
import { uriToPath } from './selection';

const RETIRED_RULE = 'ingress-nginx-retired';

/** The text span of a policy's CORS settings (every field's key and value). */
function policySpan(p: EffectivePolicy): Range {
  const ranges = Object.values(p.fields).flatMap((f) => (f ? [f.keyRange, f.value.range] : []));
  if (ranges.length === 0) return p.anchor;
  return { start: Math.min(...ranges.map((r) => r.start)), end: Math.max(...ranges.map((r) => r.end)) };
}

export function migrateActions(a: Analysis, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  const retired = params.context.diagnostics.filter((d) => findingForDiagnostic(a, d)?.finding.ruleId === RETIRED_RULE);
  // Requests about other diagnostics get only their quick fixes; the retired finding itself offers the migration.
  if (params.context.diagnostics.length > 0 && retired.length === 0 && !(only && only.length)) return [];
  const kind = retired.length ? CodeActionKind.QuickFix : MIGRATE_KIND;
  if (!kindRequested(only, kind)) return [];
  const start = a.lines.offset(params.range.start.line, params.range.start.character);
  const end = a.lines.offset(params.range.end.line, params.range.end.character);
  const here = (a.result?.policies ?? []).filter((p) => {
    if (!p.configured || !p.enabled) return false;
    const s = policySpan(p);
    return start <= s.end && end >= s.start;
  });
  if (here.length === 0 && retired.length === 0) return [];
  const from = new Set((here.length ? here : (a.result?.policies ?? []).filter((p) => p.enabled)).map((p) => p.controller));
  return MIGRATION_TARGETS.filter((to) => !(from.size === 1 && from.has(to))).map((to) => {
    const args: MigrateParams = { uri: a.uri, to };
    return {
      title: `Migrate CORS to ${controllerLabel(to)}…`,
      kind,
      diagnostics: retired.length ? retired : undefined,
      command: { title: `Migrate CORS to ${controllerLabel(to)}`, command: MIGRATE_COMMAND, arguments: [args] },
    };
  });
}

/** The migrated manifests of the document, headed by the behaviour diff. Throws MigrateUsageError. */
export function migrateDocument(a: Analysis, to: string): MigrateResult {
  const r = migrate({
    text: flat(a.text),
    filePath: a.filePath,
    to: to as (typeof MIGRATION_TARGETS)[number],
    config: a.config,
    environment: a.environment,
  });
  const label = uriToPath(a.uri).path.split(/[\\/]/).pop() || a.uri;
  const parts: string[] = [];
  for (const s of r.skipped) parts.push(`# ${s.source} is not migrated: ${s.reason}.\n`);
  for (const m of r.migrations) {
    const header = diffHeaderComment(m, label) + '\n#\n';
    m.files.forEach((f, i) => parts.push((i === 0 ? header : '') + renderFile(m, f, label)));
  }
  if (r.migrations.length === 0) parts.push('# Nothing to migrate.\n');
  return { content: parts.join('---\n'), changed: r.migrations.some((m) => m.diff.differences.length > 0) };
}
