/**
 * Code actions: quick fixes for our diagnostics, per-rule fix-all, suppression comments, rule docs,
 * the file-wide `source.fixAll.vclusterCors`, and the "insert CORS annotations" source action.
 */
import { CodeActionKind } from 'vscode-languageserver/node';
import type { CodeAction, CodeActionParams, Diagnostic, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import {
  fixText,
  type FixTextOptions,
  type FixTextResult,
  minimalEdit,
  docsUrl,
  type Finding,
  type IngressNginxTarget,
  type TextEdit,
  type LineIndex,
  flat,
} from '../engine/index';
import type { Analysis } from './analysis';
import { migrateActions } from './migrate';
import { findingForDiagnostic, toLspRange } from './diagnostics';
import { disableFileEdit, disableLineEdit } from './disable';
import { FIX_ALL_KIND, INSERT_BLOCK_COMMAND, INSERT_BLOCK_KIND, OPEN_RULE_DOC_COMMAND, type InsertCorsBlockArgs } from '../protocol';

export interface CodeActionOptions {
  /** Use versioned `documentChanges` (client capability workspace.workspaceEdit.documentChanges). */
  documentChanges: boolean;
  /** Runs fix-all (the server's runs cooperatively and can be cancelled); default: fixText. */
  fix?: (text: string, options: FixTextOptions) => Promise<FixTextResult>;
}

function runFix(opts: CodeActionOptions, text: string, options: FixTextOptions): Promise<FixTextResult> {
  return opts.fix ? opts.fix(text, options) : Promise.resolve(fixText(text, options));
}

export function toLspEdits(lines: LineIndex, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: toLspRange(lines, { start: e.start, end: e.end }), newText: e.newText }));
}

export function workspaceEdit(a: Analysis, edits: readonly TextEdit[], opts: CodeActionOptions): WorkspaceEdit {
  const lsp = toLspEdits(a.lines, edits);
  if (opts.documentChanges) return { documentChanges: [{ textDocument: { uri: a.uri, version: a.version }, edits: lsp }] };
  return { changes: { [a.uri]: lsp } };
}

/** Whether an action of `kind` was asked for (`only` lists kinds and their parents). */
export function kindRequested(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

/** `source.fixAll.vclusterCors` or a plain `source.fixAll` request: only the fix-all action answers it. */
export function isFixAllRequest(only: readonly string[] | undefined): boolean {
  return !!only && only.some((o) => o === FIX_ALL_KIND || o === CodeActionKind.SourceFixAll);
}

/**
 * The single minimal edit that applies every safe fix of the file (multi-pass), or undefined. Nothing when
 * fix-all stopped at its pass limit: a fix that does not converge would make the file worse.
 */
export async function fixAllEdit(a: Analysis, opts: CodeActionOptions = { documentChanges: false }): Promise<TextEdit | undefined> {
  if (!a.validated) return undefined;
  const result = await runFix(opts, flat(a.text), { ...a.options });
  if (result.fixed === 0 || result.stopped === 'max-passes') return undefined;
  return minimalEdit(flat(a.text), result.text);
}

export async function fixAllAction(a: Analysis, opts: CodeActionOptions): Promise<CodeAction | undefined> {
  const edit = await fixAllEdit(a, opts);
  if (!edit) return undefined;
  return { title: 'Fix all auto-fixable vcluster-cors problems', kind: FIX_ALL_KIND, edit: workspaceEdit(a, [edit], opts) };
}

/** Whether the values file has no CORS configuration at all (no enable-cors and no cors-* annotation). */
export function hasNoCorsConfiguration(a: Analysis): boolean {
  const targets = (a.result?.policies ?? [])
    .map((p) => p.target)
    .filter((t): t is IngressNginxTarget => t.kind === 'ingress-nginx' && !!t.values);
  if (targets.length === 0) return false;
  return targets.every((t) => ![...t.byKey.keys()].some((k) => k === `${t.prefix}/enable-cors` || k.startsWith(`${t.prefix}/cors-`)));
}

function insertBlockAction(a: Analysis): CodeAction {
  const args: InsertCorsBlockArgs = { uri: a.uri };
  return {
    title: 'Insert CORS annotations (ingress-nginx)…',
    kind: INSERT_BLOCK_KIND,
    command: { title: 'Insert CORS annotations', command: INSERT_BLOCK_COMMAND, arguments: [args] },
  };
}

function fixableCount(a: Analysis, ruleId: string): number {
  return a.findings.filter((f) => f.ruleId === ruleId && f.fixes.some((x) => x.safe && x.edits.length > 0)).length;
}

export async function codeActions(a: Analysis, params: CodeActionParams, opts: CodeActionOptions): Promise<CodeAction[]> {
  if (!a.validated) return [];
  const only = params.context.only;
  if (isFixAllRequest(only)) {
    const fa = await fixAllAction(a, opts);
    return fa ? [fa] : [];
  }
  const out: CodeAction[] = [];
  if (kindRequested(only, CodeActionKind.QuickFix)) out.push(...(await quickFixes(a, params.context.diagnostics, opts)));
  if (only && only.includes(CodeActionKind.Source)) {
    const fa = await fixAllAction(a, opts);
    if (fa) out.push(fa);
  }
  if (kindRequested(only, INSERT_BLOCK_KIND) && hasNoCorsConfiguration(a)) out.push(insertBlockAction(a));
  out.push(...migrateActions(a, params));
  return out;
}

async function quickFixes(a: Analysis, diagnostics: readonly Diagnostic[], opts: CodeActionOptions): Promise<CodeAction[]> {
  const fixes: CodeAction[] = [];
  const fixAlls: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const docs: CodeAction[] = [];
  const seen = new Set<string>();
  const once = (key: string) => (seen.has(key) ? false : (seen.add(key), true));
  const shown = new Map<string, CodeAction>();

  for (const d of diagnostics) {
    const hit = findingForDiagnostic(a, d);
    if (!hit) continue;
    const f: Finding = hit.finding;
    const id = f.ruleId;
    const preferred = f.fixes.findIndex((x) => x.safe && x.edits.length > 0);
    f.fixes.forEach((fx, i) => {
      if (fx.edits.length === 0) return;
      // Two rules can offer the very same repair (replacing `*` with an explicit origin; a consequence offers its
      // cause's fix): show it once, for all the diagnostics it resolves, preferred if it is for any of them.
      const key = `fix:${fx.title}:${JSON.stringify(fx.edits)}`;
      const same = shown.get(key);
      if (same) {
        same.diagnostics!.push(d);
        if (i === preferred) same.isPreferred = true;
        return;
      }
      const action: CodeAction = {
        title: fx.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: i === preferred ? true : undefined,
        edit: workspaceEdit(a, fx.edits, opts),
      };
      shown.set(key, action);
      fixes.push(action);
    });

    if (once(`all:${id}`) && fixableCount(a, id) >= 2) {
      const result = await runFix(opts, flat(a.text), { ...a.options, filter: (x) => x.ruleId === id });
      const edit = result.fixed > 0 && result.stopped !== 'max-passes' ? minimalEdit(flat(a.text), result.text) : undefined;
      if (edit)
        fixAlls.push({ title: `Fix all ${id} problems in this file`, kind: CodeActionKind.QuickFix, edit: workspaceEdit(a, [edit], opts) });
    }

    // Disable comments (skipped when the id is already in the comment: the edit would change nothing).
    const line = a.lines.position(f.range.start).line;
    const lineEdit = once(`line:${id}:${line}`) ? disableLineEdit(flat(a.text), a.lines, line, id) : undefined;
    if (lineEdit && lineEdit.newText !== '') {
      disables.push({
        title: `Disable ${id} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: workspaceEdit(a, [lineEdit], opts),
      });
    }
    const fileEdit = once(`file:${id}`) ? disableFileEdit(flat(a.text), a.lines, id) : undefined;
    if (fileEdit && fileEdit.newText !== '') {
      disables.push({ title: `Disable ${id} for this file`, kind: CodeActionKind.QuickFix, edit: workspaceEdit(a, [fileEdit], opts) });
    }
    if (once(`doc:${id}`)) {
      const url = docsUrl(id);
      docs.push({
        title: `Show documentation for ${id}`,
        kind: CodeActionKind.QuickFix,
        command: { title: `Show documentation for ${id}`, command: OPEN_RULE_DOC_COMMAND, arguments: [url] },
      });
    }
  }
  return [...fixes, ...fixAlls, ...disables, ...docs];
}
