/**
 * Quiet while typing. A half-typed key (`cors`) is briefly a YAML error, a null value and an unknown annotation at
 * once; like the TypeScript and YAML servers, diagnostics on the line being typed wait until the user pauses:
 * while the last change of a document was typing on one line (an edit inside that line, no line break) less than
 * `quietMs` ago, the diagnostics that touch that line are held back. When the pause is over the client is told to
 * fetch the diagnostics again (pull: workspace/diagnostic/refresh; push: a new publish). Any other change (a paste of
 * several lines, an undo across lines, a quick fix) shows everything at once.
 */
import type { Diagnostic } from 'vscode-languageserver/node';

/** How long a pause in typing has to be before the line's diagnostics show. */
export const DEFAULT_QUIET_MS = 800;

interface ContentChange {
  range?: { start: { line: number }; end: { line: number } };
  text?: unknown;
}

/** The line being typed on, when a didChange is typing: one edit within one line that inserts no line break. */
export function typedLine(changes: readonly unknown[]): number | undefined {
  if (changes.length !== 1) return undefined;
  const c = changes[0] as ContentChange;
  if (!c.range || typeof c.text !== 'string' || /[\r\n]/.test(c.text)) return undefined;
  return c.range.start.line === c.range.end.line ? c.range.start.line : undefined;
}

export class TypingQuiet {
  private readonly typing = new Map<string, { line: number; version: number; timer: ReturnType<typeof setTimeout> }>();

  /** `quietMs` 0 turns it off; `resume` asks the client for fresh diagnostics once the pause is over. */
  constructor(
    public quietMs: number,
    private readonly resume: (uri: string) => void,
  ) {}

  /** A change of `uri` to `version`: typing on `line`, or (undefined) any other change. */
  changed(uri: string, version: number, line: number | undefined): void {
    this.forget(uri);
    if (line === undefined || this.quietMs <= 0) return;
    const timer = setTimeout(() => {
      this.typing.delete(uri);
      this.resume(uri);
    }, this.quietMs);
    this.typing.set(uri, { line, version, timer });
  }

  forget(uri: string): void {
    const t = this.typing.get(uri);
    if (t) clearTimeout(t.timer);
    this.typing.delete(uri);
  }

  /** The line held back for this version of the document (undefined: show everything). */
  quietLine(uri: string, version: number): number | undefined {
    const t = this.typing.get(uri);
    return t && t.version === version ? t.line : undefined;
  }

  /** The diagnostics to show now. */
  filter(uri: string, version: number, diagnostics: Diagnostic[]): Diagnostic[] {
    const line = this.quietLine(uri, version);
    if (line === undefined) return diagnostics;
    return diagnostics.filter((d) => d.range.end.line < line || d.range.start.line > line);
  }
}
