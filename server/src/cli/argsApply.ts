/** How each `vcluster-cors` option sets CliOptions (args.ts parses the command line and validates the result). */
import type { CliOptions, Command } from './args';

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** verify: default and largest --timeout, in seconds. */
export const DEFAULT_TIMEOUT_S = 10;
export const MAX_TIMEOUT_S = 600;

/** Applies one option (by its long name): the first group that knows the name takes it. */
export function apply(o: CliOptions, name: string, value: string, command: Command): void {
  for (const group of [applyInputOption, applyLintOption, applyRequestOption]) if (group(o, name, value, command)) return;
}

/** Options about the input and the report: format, output, configuration, colors, help, environment, a Helm release. */
function applyInputOption(o: CliOptions, name: string, value: string, command: Command): boolean {
  switch (name) {
    case 'format':
      o.format = value;
      break;
    case 'values':
      if (value === '') throw new UsageError('`--values` needs a values file', command);
      o.values.push(value);
      break;
    case 'set':
    case 'set-string':
    case 'set-json':
      if (value.trim() === '') throw new UsageError(`\`--${name}\` needs a value: \`--${name} key=value\``, command);
      o.sets.push({ kind: name, text: value });
      break;
    case 'reuse-values':
      if (value === '')
        throw new UsageError(
          '`--reuse-values` needs the previous values file (`helm get values RELEASE -o yaml > previous.yaml`)',
          command,
        );
      if (o.reuseValues !== undefined) throw new UsageError('`--reuse-values` is given twice', command);
      o.reuseValues = value;
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
    default:
      return false;
  }
  return true;
}

/** `lint` options: warnings, fixing, `--print-config`. */
function applyLintOption(o: CliOptions, name: string, value: string, command: Command): boolean {
  switch (name) {
    case 'max-warnings': {
      if (!/^\d+$/.test(value))
        throw new UsageError(`\`--max-warnings\` must be a whole number of warnings, 0 or more (got \`${value}\`)`, command);
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
    default:
      return false;
  }
  return true;
}

/** `simulate`, `verify` and `migrate` options: the request the page makes, where it goes, the target. */
function applyRequestOption(o: CliOptions, name: string, value: string, command: Command): boolean {
  switch (name) {
    case 'origin':
      if (value.trim() === '') throw new UsageError('`--origin` needs an origin, e.g. https://dashboard.example.com', command);
      o.origin = value.trim();
      break;
    case 'method':
      if (value.trim() === '') throw new UsageError('`--method` needs a method, e.g. GET', command);
      // Kept as written: fetch() normalizes only some methods, and `patch` vs `PATCH` is one of the cases to simulate.
      o.method = value.trim();
      break;
    case 'header':
      if (value.trim() === '' || value.trim().startsWith(':'))
        throw new UsageError('`--header` needs a header: `Name` or `Name: value`', command);
      o.headers.push(value);
      break;
    case 'credentials':
      o.credentials = true;
      break;
    case 'url': {
      let u: URL | undefined;
      try {
        u = new URL(value);
      } catch {
        u = undefined;
      }
      if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:') || u.hostname === '') {
        throw new UsageError(`\`--url\` must be an http:// or https:// URL (got \`${value}\`)`, command);
      }
      if (u.username !== '' || u.password !== '')
        throw new UsageError('`--url` must not carry a user name or password: verify never sends credentials', command);
      o.url = u.toString();
      break;
    }
    case 'ca':
      if (value === '') throw new UsageError('`--ca` needs a PEM file name', command);
      o.ca = value;
      break;
    case 'to':
    case 'gateway':
    case 'service':
    case 'namespace':
      if (value.trim() === '') throw new UsageError(`\`--${name}\` needs a value`, command);
      o[name] = value.trim();
      break;
    case 'hostname':
      if (value.trim() === '') throw new UsageError('`--hostname` needs a host name', command);
      o.hostnames.push(
        ...value
          .split(',')
          .map((h) => h.trim())
          .filter((h) => h !== ''),
      );
      break;
    case 'timeout': {
      const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
      if (!(n > 0 && n <= MAX_TIMEOUT_S))
        throw new UsageError(`\`--timeout\` must be a number of seconds above 0 and at most ${MAX_TIMEOUT_S} (got \`${value}\`)`, command);
      o.timeout = n;
      break;
    }
    default:
      return false;
  }
  return true;
}
