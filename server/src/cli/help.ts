import type { Command } from './args';

export const MAIN_HELP = `Usage: vcluster-cors <command> [options] [paths...]

Catch CORS misconfiguration in vCluster Platform Helm values files (ingress-nginx annotations).

Commands:
  lint [paths...]     Report problems; exit 1 on errors (default path: the current folder)
  policy [paths...]   Show the CORS policy ingress-nginx will really apply, with where each value comes from

Run \`vcluster-cors <command> --help\` for the options of a command.

Options:
  -h, --help          Show this help
  -v, --version       Print the version
`;

const FILES = `Paths:
  Folders are searched recursively for values files: vcluster-platform*.yaml, *platform*values*.yaml,
  loft.yaml and loft-values.yaml (and .yml), skipping templates/, node_modules/ and .git/ folders.
  Files named explicitly are always read, whatever their name. \`-\` reads standard input.
  A folder without values files, or a path that cannot be read, is an error (exit 2).`;

export const LINT_HELP = `Usage: vcluster-cors lint [options] [paths...]

Lints values files for CORS misconfiguration (default path: the current folder).

Options:
  -f, --format FORMAT        stylish (default), json or sarif
  -o, --output FILE          Write the report to FILE instead of standard output
      --env ENV              Lint every file as production or development
                             (default: detected per file from comments, config globs and path names)
      --max-warnings N       Exit 1 when there are more than N warnings (default: no limit)
      --quiet                Report errors only (warnings still count for --max-warnings)
      --fix                  Apply all safe fixes, write changed files back, then report what is left.
                             Files that are not valid YAML are never changed.
      --fix-dry-run          Report what would be left after --fix, without writing anything
  -c, --config FILE          Use this configuration file instead of looking up .vcluster-cors.yaml
      --print-config FILE    Print the configuration that applies to FILE as JSON, then exit
      --stdin-filename NAME  Name of the text read from \`-\`: used for environment detection, the
                             configuration lookup and the report (default: <stdin>)
      --color, --no-color    Force or disable colors (default: on when standard output is a terminal
                             and NO_COLOR is not set; FORCE_COLOR forces them)
  -h, --help                 Show this help

${FILES}

Standard input with --fix:
  \`vcluster-cors lint --fix -\` writes the fixed text (all of it, changed or not) to standard output
  and the report of the remaining problems to standard error (or to --output FILE).
  The exit code still reflects the remaining problems.

Exit codes:
  0  no errors, and no more warnings than --max-warnings
  1  errors found, or more warnings than --max-warnings
  2  usage error, invalid configuration, unreadable file, no values files found, or internal error
`;

export const POLICY_HELP = `Usage: vcluster-cors policy [options] [paths...]

Shows the effective CORS policy of each Ingress: what ingress-nginx will send after its defaults and
silent fallbacks, where each value comes from, and notes on every value that is not used as written.

Options:
  -f, --format FORMAT        text (default) or json
  -o, --output FILE          Write the output to FILE instead of standard output
  -c, --config FILE          Use this configuration file instead of looking up .vcluster-cors.yaml
      --stdin-filename NAME  Name of the text read from \`-\` (default: <stdin>)
      --color, --no-color    Force or disable colors
  -h, --help                 Show this help

${FILES}

Exit codes:
  0  the policies were printed (a file that is not valid YAML gets a warning on standard error)
  2  usage error, invalid configuration, unreadable file, no values files found, or internal error
`;

export function helpFor(command?: Command): string {
  if (command === 'lint') return LINT_HELP;
  if (command === 'policy') return POLICY_HELP;
  return MAIN_HELP;
}
