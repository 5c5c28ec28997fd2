/** Terminal colors (ANSI), decided once per output stream. */

/**
 * Whether to color: an explicit --color/--no-color wins; then FORCE_COLOR (any value but `0`/`false`
 * forces colors, `0`/`false` disables them, as in Node itself); then NO_COLOR (set and not empty:
 * no colors); otherwise colors only when the stream is a terminal.
 */
export function shouldColor(flag: boolean | undefined, isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY;
}

export interface Painter {
  readonly enabled: boolean;
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly cyan: (s: string) => string;
  readonly green: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly underline: (s: string) => string;
}

const wrap = (open: number, close: number) => (s: string) => (s === '' ? s : `\u001b[${open}m${s}\u001b[${close}m`);
const id = (s: string) => s;

export function painter(enabled: boolean): Painter {
  if (!enabled) return { enabled, red: id, yellow: id, cyan: id, green: id, dim: id, bold: id, underline: id };
  return {
    enabled,
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    green: wrap(32, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
    underline: wrap(4, 24),
  };
}
