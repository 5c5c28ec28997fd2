/**
 * Hand-written argument parsing for `vcluster-cors` (no dependencies).
 *
 * Accepted forms: `--name value`, `--name=value`, `-f value`, boolean flags, `--no-color`, and `--`
 * to end the options. A lone `-` is a path (standard input).
 */
import type { Environment } from '../engine/types';

export type Command = 'lint' | 'policy';
export type LintFormat = 'stylish' | 'json' | 'sarif';
export type PolicyFormat = 'text' | 'json';

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

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
}

export type ParsedArgs =
  | { kind: 'help'; command?: Command }
  | { kind: 'version' }
  | { kind: 'run'; options: CliOptions };

interface OptionSpec {
  /** Long name without dashes. */
  name: string;
  short?: string;
  /** Whether the option takes a value. */
  value: boolean;
  commands: readonly Command[];
}

const BOTH: readonly Command[] = ['lint', 'policy'];
const LINT: readonly Command[] = ['lint'];

const SPECS: readonly OptionSpec[] = [
  { name: 'format', short: 'f', value: true, commands: BOTH },
  { name: 'output', short: 'o', value: true, commands: BOTH },
  { name: 'config', short: 'c', value: true, commands: BOTH },
  { name: 'stdin-filename', value: true, commands: BOTH },
  { name: 'color', value: false, commands: BOTH },
  { name: 'no-color', value: false, commands: BOTH },
  { name: 'help', short: 'h', value: false, commands: BOTH },
  { name: 'env', value: true, commands: LINT },
  { name: 'max-warnings', value: true, commands: LINT },
  { name: 'quiet', value: false, commands: LINT },
  { name: 'fix', value: false, commands: LINT },
  { name: 'fix-dry-run', value: false, commands: LINT },
  { name: 'print-config', value: true, commands: LINT },
];

const COMMANDS: readonly Command[] = ['lint', 'policy'];

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0) throw new UsageError('a command is required: `lint` or `policy`');
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

function apply(o: CliOptions, name: string, value: string, command: Command): void {
  switch (name) {
    case 'format':
      o.format = value;
      break;
    case 'output':
      if (value === '') throw new UsageError('`--output` needs a file name', command);
      o.output = value;
      break;
    case 'config':
      if (value === '') throw new UsageError('`--config` needs a file name', command);
      o.config = value;
      break;
    case 'stdin-filename':
      if (value === '') throw new UsageError('`--stdin-filename` needs a file name', command);
      o.stdinFilename = value;
      break;
    case 'color':
      o.color = true;
      break;
    case 'no-color':
      o.color = false;
      break;
    case 'help':
      o.help = true;
      break;
    case 'env':
      if (value !== 'production' && value !== 'development') {
        throw new UsageError(`\`--env\` must be production or development (got \`${value}\`)`, command);
      }
      o.env = value;
      break;
    case 'max-warnings': {
      if (!/^\d+$/.test(value)) throw new UsageError(`\`--max-warnings\` must be a whole number of warnings, 0 or more (got \`${value}\`)`, command);
      o.maxWarnings = Number(value);
      break;
    }
    case 'quiet':
      o.quiet = true;
      break;
    case 'fix':
      o.fix = true;
      break;
    case 'fix-dry-run':
      o.fixDryRun = true;
      break;
    case 'print-config':
      if (value === '') throw new UsageError('`--print-config` needs a file name', command);
      o.printConfig = value;
      break;
  }
}

function validate(o: CliOptions): void {
  const formats = o.command === 'lint' ? ['stylish', 'json', 'sarif'] : ['text', 'json'];
  if (!formats.includes(o.format)) {
    throw new UsageError(`\`--format\` must be ${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]} (got \`${o.format}\`)`, o.command);
  }
  if (o.fix && o.fixDryRun) throw new UsageError('use either `--fix` or `--fix-dry-run`, not both', o.command);
  const stdin = o.paths.filter((p) => p === '-').length;
  if (stdin > 0 && o.paths.length > 1) throw new UsageError('`-` (standard input) cannot be combined with other paths', o.command);
  if (o.stdinFilename !== undefined && stdin === 0) throw new UsageError('`--stdin-filename` only applies when the path is `-` (standard input)', o.command);
}
