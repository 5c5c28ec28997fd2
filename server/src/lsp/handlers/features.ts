/** Handlers of the standard requests: pull diagnostics, code actions, completion, hover, executeCommand. */
import { CodeActionKind, DocumentDiagnosticReportKind } from 'vscode-languageserver/node';
import { codeActions } from '../codeActions';
import { completions } from '../completion';
import { diagnosticsFor } from '../diagnostics';
import { hover } from '../hover';
import { clampPosition, clampRange, invalidParams, isRange, paramsObject, requirePosition, requireRange, textDocumentUri } from '../params';
import { GO_TO_WINNING_VALUE, releaseHover, winningValueActions, withReleaseHover } from '../release';
import { checkCancelled, tick } from '../requests';
import type { HandlerContext } from './context';

/** textDocument/diagnostic (pull mode). */
export function registerPullDiagnostics(ctx: HandlerContext): void {
  const { connection, guard, typing } = ctx;
  connection.languages.diagnostics.on(
    guard('textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async (params, token) => {
      const uri = textDocumentUri(params, 'textDocument/diagnostic');
      await tick();
      checkCancelled(token);
      const a = await ctx.analysisFor(uri);
      // The lint ran synchronously: let a `$/cancelRequest` that arrived meanwhile be read before answering.
      await tick();
      checkCancelled(token);
      if (!a) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      // A report that holds back the line being typed has its own id: the one after the pause is then new.
      const resultId = `${a.generation}:${a.version}${typing.quietLine(uri, a.version) === undefined ? '' : ':typing'}`;
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items: typing.filter(uri, a.version, diagnosticsFor(a)) };
    }),
  );
}

/** Throws InvalidParams unless the code action request has a well-formed context. */
function checkCodeActionContext(context: Record<string, unknown>, method: string): void {
  if (!Array.isArray(context.diagnostics)) throw invalidParams(`${method}: \`context.diagnostics\` must be an array.`);
  if (context.only !== undefined && !(Array.isArray(context.only) && context.only.every((k) => typeof k === 'string'))) {
    throw invalidParams(`${method}: \`context.only\` must be an array of strings.`);
  }
  if (!context.diagnostics.every((d) => typeof d === 'object' && d !== null && isRange((d as { range?: unknown }).range))) {
    throw invalidParams(`${method}: every diagnostic in \`context.diagnostics\` needs a range.`);
  }
}

/** textDocument/codeAction. */
export function registerCodeActions(ctx: HandlerContext): void {
  const { connection, guard, documents } = ctx;
  connection.onCodeAction(
    guard('textDocument/codeAction', [], async (params, token) => {
      const method = 'textDocument/codeAction';
      const uri = textDocumentUri(params, method);
      const range = requireRange(params.range, method);
      checkCodeActionContext(paramsObject(params.context, `${method} context`), method);
      await tick();
      checkCancelled(token);
      const a = await ctx.analysisFor(uri);
      if (!a || !documents.trusted(uri)) return [];
      await tick();
      checkCancelled(token);
      const clamped = {
        ...params,
        range: clampRange(a.lines, range).range,
        context: {
          ...params.context,
          diagnostics: params.context.diagnostics.map((d) => ({ ...d, range: clampRange(a.lines, d.range).range })),
        },
      };
      // Fix-all re-lints the file alone: not for a file of a release (its fixes may belong to another file).
      const only = params.context.only;
      if (a.release && only?.some((k) => k.startsWith('source'))) return [];
      const actions = await codeActions(a, clamped, {
        ...ctx.actionOptions(),
        fix: (text, options) => ctx.fixAll.run(uri, a.version, text, options, token),
      });
      if (a.release && (!only || only.some((k) => CodeActionKind.QuickFix.startsWith(k)))) {
        actions.push(...winningValueActions(a.release, a.lines.offset(clamped.range.start.line, clamped.range.start.character)));
      }
      return actions;
    }),
  );
}

/** textDocument/completion, textDocument/hover and the commands the server runs (workspace/executeCommand). */
export function registerCompletionHover(ctx: HandlerContext): void {
  const { connection, guard } = ctx;
  connection.onCompletion(
    guard('textDocument/completion', null, async (params, token) => {
      const uri = textDocumentUri(params, 'textDocument/completion');
      const position = requirePosition(params.position, 'textDocument/completion');
      const a = await ctx.analysisFor(uri);
      if (!a) return null;
      checkCancelled(token);
      const snippets = !!ctx.capabilities().textDocument?.completion?.completionItem?.snippetSupport;
      return completions(a, clampPosition(a.lines, position).position, { snippets });
    }),
  );
  connection.onHover(
    guard('textDocument/hover', null, async (params, token) => {
      const uri = textDocumentUri(params, 'textDocument/hover');
      const position = requirePosition(params.position, 'textDocument/hover');
      const a = await ctx.analysisFor(uri);
      if (!a) return null;
      checkCancelled(token);
      const at = clampPosition(a.lines, position).position;
      const extra = a.release ? releaseHover(a.release, a.lines.offset(at.line, at.character)) : undefined;
      return withReleaseHover(hover(a, at), extra);
    }),
  );
  connection.onExecuteCommand(
    guard('workspace/executeCommand', null, async (params) => {
      if (params.command !== GO_TO_WINNING_VALUE) return null;
      const [uri, range] = (params.arguments ?? []) as [unknown, unknown];
      if (typeof uri !== 'string' || !isRange(range)) throw invalidParams('workspace/executeCommand: expected the arguments [uri, range].');
      await connection.window.showDocument({ uri, selection: range, takeFocus: true });
      return null;
    }),
  );
}
