/**
 * Hand-written argument parsing for `vcluster-cors` (no dependencies); how each option sets CliOptions: argsApply.ts.
 *
 * Accepted forms: `--name value`, `--name=value`, `-o value`, boolean flags, `--no-color`, and `--`
 * to end the options. A lone `-` is a path (standard input).
 */
import { MIGRATION_TARGETS, type Environment } from '../engine/index';
import { apply, DEFAULT_TIMEOUT_S, UsageError } from './argsApply';

export { DEFAULT_TIMEOUT_S, MAX_TIMEOUT_S, UsageError } from './argsApply';

export type Command = 'lint' | 'policy' | 'simulate' | 'verify' | 'migrate';
export type LintFormat = 'stylish' | 'json' | 'sarif' | 'github' | 'gitlab' | 'junit';
export const LINT_FORMATS: readonly LintFormat[] = ['stylish', 'json', 'sarif', 'github', 'gitlab', 'junit'];
export type PolicyFormat = 'text' | 'json';

export interface CliOptions {
  command: Command;
  paths: string[];
  format: string;
  output?: string;
  env?: Environment;
  maxWarnings?: number;
  quiet: boolean;
  fix: boolean;
  fixDryRun: boolean;
  config?: string;
  printConfig?: string;
  color?: boolean;
  stdinFilename?: string;
  help: boolean;
  /** simulate/verify: the page's origin (Origin header). */
  origin?: string;
  /** simulate: the method passed to fetch() (default GET). */
  method: string;
  /** simulate: request headers set by the script (`Name` or `Name: value`), in order. */
  headers: string[];
  /** simulate: credentials: 'include'. */
  credentials: boolean;
  /** verify: the URL the preflight is sent to (default https://<ingress.host>/kubernetes/management/apis). */
  url?: string;
  /** verify: an extra PEM file of CA certificates trusted next to the system ones. */
  ca?: string;
  /** verify: seconds before giving up on the live answer. */
  timeout: number;
  /** lint/policy/simulate: a Helm release: `-f/--values` files in order. */
  values: string[];
  /** `--set`, `--set-string`, `--set-json` in the order given (Helm applies them by kind: json, set, string). */
  sets: { kind: 'set' | 'set-string' | 'set-json'; text: string }[];
  /** `--reuse-values FILE`: the previous release's values (`helm get values RELEASE -o yaml`). */
  reuseValues?: string;
  /** migrate: the target controller, and where the new object routes to. */
  to?: string;
  gateway?: string;
  hostnames: string[];
  service?: string;
  namespace?: string;
}

/** Whether the options describe a Helm release (values files and/or flags) rather than files one by one. */
export function isRelease(o: CliOptions): boolean {
  return o.values.length > 0 || o.sets.length > 0 || o.reuseValues !== undefined;
}

export type ParsedArgs = { kind: 'help'; command?: Command } | { kind: 'version' } | { kind: 'run'; options: CliOptions };

interface OptionSpec {
  /** Long name without dashes. */
  name: string;
  short?: string;
  /** Whether the option takes a value. */
  value: boolean;
  commands: readonly Command[];
}

const ALL: readonly Command[] = ['lint', 'policy', 'simulate', 'verify', 'migrate'];
const MIGRATE: readonly Command[] = ['migrate'];
const LINT: readonly Command[] = ['lint'];
const SIMULATE: readonly Command[] = ['simulate'];
const VERIFY: readonly Command[] = ['verify'];
const SIMULATE_VERIFY: readonly Command[] = ['simulate', 'verify'];
const RELEASE: readonly Command[] = ['lint', 'policy', 'simulate'];

const SPECS: readonly OptionSpec[] = [
  // `-f` means what it means to Helm users (a values file); `--format` has only its long form.
  { name: 'format', value: true, commands: ALL },
  { name: 'values', short: 'f', value: true, commands: RELEASE },
  { name: 'set', value: true, commands: RELEASE },
  { name: 'set-string', value: true, commands: RELEASE },
  { name: 'set-json', value: true, commands: RELEASE },
  { name: 'reuse-values', value: true, commands: RELEASE },
  { name: 'output', short: 'o', value: true, commands: ALL },
  { name: 'config', short: 'c', value: true, commands: ALL },
  { name: 'stdin-filename', value: true, commands: ALL },
  { name: 'color', value: false, commands: ALL },
  { name: 'no-color', value: false, commands: ALL },
  { name: 'help', short: 'h', value: false, commands: ALL },
  { name: 'env', value: true, commands: ['lint', 'migrate'] },
  { name: 'max-warnings', value: true, commands: LINT },
  { name: 'quiet', value: false, commands: LINT },
  { name: 'fix', value: false, commands: LINT },
  { name: 'fix-dry-run', value: false, commands: LINT },
  { name: 'print-config', value: true, commands: LINT },
  { name: 'origin', value: true, commands: SIMULATE_VERIFY },
  { name: 'method', short: 'X', value: true, commands: SIMULATE },
  { name: 'header', short: 'H', value: true, commands: SIMULATE },
  { name: 'credentials', value: false, commands: SIMULATE },
  { name: 'url', value: true, commands: VERIFY },
  { name: 'ca', value: true, commands: VERIFY },
  { name: 'timeout', value: true, commands: VERIFY },
  { name: 'to', value: true, commands: MIGRATE },
  { name: 'gateway', value: true, commands: MIGRATE },
  { name: 'hostname', value: true, commands: MIGRATE },
  { name: 'service', value: true, commands: MIGRATE },
  { name: 'namespace', value: true, commands: MIGRATE },
];

const COMMANDS: readonly Command[] = ['lint', 'policy', 'simulate', 'verify', 'migrate'];

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0) throw new UsageError('a command is required: `lint`, `policy`, `simulate`, `verify` or `migrate`');
  const first = argv[0];
  if (first === '-h' || first === '--help' || first === 'help') {
    const topic = argv[1];
    return { kind: 'help', command: COMMANDS.includes(topic as Command) ? (topic as Command) : undefined };
  }
  if (first === '-v' || first === '--version' || first === 'version') return { kind: 'version' };
  if (!COMMANDS.includes(first as Command)) {
    if (first.startsWith('-') && first !== '-') {
      throw new UsageError(`a command is required before options: \`vcluster-cors lint ${argv.join(' ')}\``);
    }
    throw new UsageError(`\`${first}\` is not a command; to lint it, run \`vcluster-cors lint ${argv.join(' ')}\``);
  }
  const command = first as Command;
  const o: CliOptions = {
    command,
    paths: [],
    format: command === 'lint' ? 'stylish' : 'text',
    quiet: false,
    fix: false,
    fixDryRun: false,
    help: false,
    method: 'GET',
    headers: [],
    credentials: false,
    timeout: DEFAULT_TIMEOUT_S,
    values: [],
    sets: [],
    hostnames: [],
  };

  const specFor = (arg: string): OptionSpec | undefined =>
    arg.startsWith('--') ? SPECS.find((s) => s.name === arg.slice(2)) : SPECS.find((s) => s.short !== undefined && `-${s.short}` === arg);

  let onlyPaths = false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      o.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    let name = arg;
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 2) {
      name = arg.slice(0, eq);
      inline = arg.slice(eq + 1);
    }
    const spec = specFor(name);
    if (!spec) throw new UsageError(`unknown option \`${name}\``, command);
    if (!spec.commands.includes(command)) throw new UsageError(`\`${name}\` is not an option of \`${command}\``, command);
    let value: string | undefined;
    if (spec.value) {
      if (inline !== undefined) value = inline;
      else {
        if (i + 1 >= argv.length) throw new UsageError(`\`${name}\` needs a value`, command);
        value = argv[++i];
      }
    } else if (inline !== undefined) {
      throw new UsageError(`\`${name}\` does not take a value`, command);
    }
    apply(o, spec.name, value ?? '', command);
  }

  if (o.help) return { kind: 'help', command };
  validate(o);
  return { kind: 'run', options: o };
}

function validate(o: CliOptions): void {
  const formats: readonly string[] = o.command === 'lint' ? LINT_FORMATS : ['text', 'json'];
  if (!formats.includes(o.format)) {
    throw new UsageError(
      `\`--format\` must be ${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]} (got \`${o.format}\`)`,
      o.command,
    );
  }
  if (o.fix && o.fixDryRun) throw new UsageError('use either `--fix` or `--fix-dry-run`, not both', o.command);
  const stdin = o.paths.filter((p) => p === '-').length;
  if (stdin > 0 && o.paths.length > 1) throw new UsageError('`-` (standard input) cannot be combined with other paths', o.command);
  if (o.stdinFilename !== undefined && stdin === 0)
    throw new UsageError('`--stdin-filename` only applies when the path is `-` (standard input)', o.command);
  if (isRelease(o)) {
    if (o.paths.length > 0) {
      throw new UsageError(
        `a release is linted from its \`-f\`/\`--values\` files and flags; \`${o.paths[0]}\` is a path: pass it with \`-f\`, or lint it in a separate run`,
        o.command,
      );
    }
    if (o.fix || o.fixDryRun)
      throw new UsageError(
        '`--fix` applies to files linted one by one, not to a release (`-f`/`--set`): run `--fix` on each file',
        o.command,
      );
  }
  if (o.command === 'simulate' && !isRelease(o)) {
    if (o.paths.length === 0)
      throw new UsageError('`simulate` needs a values file: `vcluster-cors simulate FILE --origin ORIGIN`', o.command);
  }
  if (o.command === 'simulate' && o.origin === undefined)
    throw new UsageError('`simulate` needs `--origin ORIGIN`: the origin of the page that calls the API', o.command);
  if (o.command === 'migrate') {
    if (o.to === undefined) throw new UsageError(`\`migrate\` needs \`--to CONTROLLER\`: ${orList(MIGRATION_TARGETS)}`, o.command);
    if (o.paths.length === 0) throw new UsageError('`migrate` needs a file: `vcluster-cors migrate --to gateway-api FILE`', o.command);
  }
  if (o.command === 'verify' && o.paths.length !== 1) {
    throw new UsageError(
      o.paths.length === 0 ? '`verify` needs the values file: `vcluster-cors verify FILE`' : '`verify` checks one values file at a time',
      o.command,
    );
  }
}

/** `a, b or c`. */
export function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
