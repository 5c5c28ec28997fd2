import { orList, type Command } from './args';
import { MIGRATION_TARGETS } from '../engine/index';

export const MAIN_HELP = `Usage: vcluster-cors <command> [options] [paths...]

Catch CORS misconfiguration in vCluster Platform Helm values files (ingress-nginx annotations).

Commands:
  lint [paths...]     Report problems; exit 1 on errors (default path: the current folder)
  policy [paths...]   Show the CORS policy ingress-nginx will really apply, with where each value comes from
  simulate FILE --origin ORIGIN
                      Would a browser let a page on ORIGIN call the API? (offline; exit 1 when blocked)
  verify FILE         Send the guide's preflight to the live Platform and compare the answer with the file
                      (the only command that uses the network)
  migrate --to CONTROLLER FILE
                      Carry the CORS policy to ${orList(MIGRATION_TARGETS)},
                      with a behaviour diff of what browsers will see differently (exit 1 when something
                      changes)

Run \`vcluster-cors <command> --help\` for the options of a command.

Options:
  -h, --help          Show this help
  -v, --version       Print the version
`;

const FILES = `Paths:
  Folders are searched recursively for values files: vcluster-platform*.yaml, *platform*values*.yaml,
  loft.yaml and loft-values.yaml (and .yml), skipping templates/, node_modules/ and .git/ folders.
  Other .yaml/.yml files there are read when they hold a Traefik Middleware, an Istio VirtualService,
  an HTTPRoute with a CORS filter or an Ingress with ingress-nginx CORS annotations.
  Files named explicitly are always read, whatever their name. \`-\` reads standard input.
  A folder without values files, or a path that cannot be read, is an error (exit 2).`;

const RELEASE = `Helm release (the values \`helm upgrade\` will deploy, merged as Helm merges them):
  -f, --values FILE          A values file; repeat for layers (later files win, maps merge, null deletes)
      --set K=V              Helm's --set (a.b=c, list[0]=x, {a,b}, \\. and \\, escapes; true/false/null/int typed)
      --set-string K=V       Like --set, every value a string
      --set-json K=JSON      A JSON value (or a whole JSON object)
      --reuse-values FILE    The previous release's values (\`helm get values RELEASE -o yaml\`): they come
                             first, the files and flags go over them
  Helm applies the files in order, then every --set-json, --set, --set-string; the chart's own ingress
  defaults come under everything. Findings land in the file (or the flag) that set the effective value.`;

export const LINT_HELP = `Usage: vcluster-cors lint [options] [paths...]
       vcluster-cors lint -f base.yaml -f prod.yaml [--set K=V] [--reuse-values previous.yaml]

Lints values files for CORS misconfiguration (default path: the current folder).

Options:
      --format FORMAT        stylish (default), json, sarif (GitHub code scanning), github (workflow
                             command annotations), gitlab (Code Quality report) or junit
                             (no short form: -f is --values)
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

${RELEASE}

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
      --format FORMAT        text (default) or json (no short form: -f is --values)
  -o, --output FILE          Write the output to FILE instead of standard output
  -c, --config FILE          Use this configuration file instead of looking up .vcluster-cors.yaml
      --stdin-filename NAME  Name of the text read from \`-\` (default: <stdin>)
      --color, --no-color    Force or disable colors
  -h, --help                 Show this help

${RELEASE}

${FILES}

Exit codes:
  0  the policies were printed (a file that is not valid YAML gets a warning on standard error)
  2  usage error, invalid configuration, unreadable file, no values files found, or internal error
`;

export const SIMULATE_HELP = `Usage: vcluster-cors simulate [options] FILE... --origin ORIGIN

Simulates one fetch() from a page on ORIGIN against each CORS policy of the files, offline: what the
controller answers (the preflight, if the browser sends one, and the actual response) and whether the
browser lets the page read the response.

Options:
      --origin ORIGIN        The page's origin as the browser sends it, e.g. https://dashboard.example.com
                             (required; \`null\` for sandboxed pages)
  -X, --method METHOD        The method passed to fetch() (default: GET). Kept as written: fetch() upper-cases
                             only DELETE, GET, HEAD, OPTIONS, POST and PUT, so \`patch\` is not \`PATCH\`
  -H, --header HEADER        A request header set by the script: \`Name\` or \`Name: value\` (repeatable).
                             A bare \`Content-Type\` stands for application/json (not safelisted)
      --credentials          The request carries credentials (fetch credentials: 'include')
      --format FORMAT        text (default) or json (no short form: -f is --values)
  -o, --output FILE          Write the output to FILE instead of standard output
  -c, --config FILE          Use this configuration file instead of looking up .vcluster-cors.yaml
      --stdin-filename NAME  Name of the text read from \`-\` (default: <stdin>)
      --color, --no-color    Force or disable colors
  -h, --help                 Show this help

${RELEASE}

${FILES}

Verdicts:
  \`verdict\` follows the Fetch Standard. Where current browsers (Chromium, Firefox, Safari) knowingly
  deviate from it (today only: \`*\` in Access-Control-Allow-Headers still covers Authorization), the
  JSON object also has \`browserVerdict\` (right after \`verdict\`), and the text output a \`browsers\` line.
  The key is absent when both agree. The exit code follows \`verdict\`: such a setup breaks once browsers
  follow the spec.

JSON:
  An array with one object per policy:
  {"file", "controller", "source", "preflight": true|false, "verdict": "allowed"|"blocked",
   ["browserVerdict",] "reason", "preflightResponse": {"status", "headers"} | null, "responseHeaders": {...}}
  A status is a number, or "backend" when the controller passes the request on (the backend answers).

Exit codes:
  0  every verdict is allowed
  1  at least one verdict is blocked
  2  usage error, invalid configuration, unreadable file, no CORS configuration found, or internal error
`;

export const VERIFY_HELP = `Usage: vcluster-cors verify [options] FILE

Sends the preflight of the vCluster Platform CORS guide's verify step to the live Platform and compares
the answer with what FILE predicts:

  OPTIONS https://<ingress.host>/kubernetes/management/apis
  Origin: <ORIGIN>
  Access-Control-Request-Method: GET
  Access-Control-Request-Headers: authorization

Compared: the status, Access-Control-Allow-Origin/-Credentials/-Methods/-Headers/-Expose-Headers,
Access-Control-Max-Age, and whether Vary names Origin. Each difference is printed with its likely cause
(e.g. an Ingress still carrying older annotations because \`helm upgrade\` has not run).

This is the only command that uses the network. It never sends cookies or credentials, never follows
redirects, verifies TLS certificates (system CAs, plus --ca), and ignores proxy environment variables.

Options:
      --origin ORIGIN        The Origin to send (default: the first origin the file allows; a wildcard
                             like https://*.example.com becomes https://app.example.com). Required when
                             the file allows any origin (\`*\`) or none
      --url URL              Where to send the preflight (default:
                             https://<ingress.host>/kubernetes/management/apis)
      --ca FILE              Also trust the CA certificates in this PEM file (for a private CA)
      --timeout SECONDS      Give up after this long (default: 10)
      --format FORMAT        text (default) or json
  -o, --output FILE          Write the output to FILE instead of standard output
  -c, --config FILE          Use this configuration file instead of looking up .vcluster-cors.yaml
      --stdin-filename NAME  Name of the text read from \`-\` (default: <stdin>)
      --color, --no-color    Force or disable colors
  -h, --help                 Show this help

JSON:
  {"file", "controller", "source", "url", "origin", "request": {"method", "headers"},
   "predicted": {"status", "headers"}, "observed": {"status", "headers"}, "match": true|false,
   "differences": [{"field", "predicted", "observed", "message", "cause"}], "verdict", "notes"}
  Header names are lower case. A predicted status is a number, or "backend" when the controller passes
  the preflight on (then any status matches). "verdict" is what the file predicts for a credentialed GET
  with Authorization from the origin.

Exit codes:
  0  the live answer matches the file
  1  differences found
  2  usage error, unreadable file, no origin or URL to use, or a network error (DNS, connection refused,
     TLS, timeout)
`;

export const MIGRATE_HELP = `Usage: vcluster-cors migrate --to CONTROLLER [options] FILE...

Write another controller's configuration for every CORS policy in FILE (an ingress-nginx values file or
Ingress, or a Traefik Middleware, Istio VirtualService or Gateway API HTTPRoute), reproducing what browsers
see as closely as that controller allows, and prove it: every generated request (each allowed origin, look-alike
and foreign origins, \`null\`, with and without credentials, each allowed method and a disallowed one, custom
headers) is simulated under the old and the new configuration, and every difference a browser can observe is
printed with its cause. Where the target cannot express the old behaviour, the safe working equivalent is
written and listed as an intended change; nothing is dropped silently.

Controllers (--to):
  gateway-api         HTTPRoute with a CORS filter (values file: routed to Service loft:80 in the release namespace)
  traefik             Middleware, plus the router.middlewares annotation and ingressClass to merge
  istio               VirtualService with a corsPolicy
  envoy-gateway       SecurityPolicy with spec.cors, attached by targetRefs to an HTTPRoute with the routing
  ingress-nginx       Ingress with the nginx.ingress.kubernetes.io CORS annotations (round trip; Traefik's
                      ingress-nginx provider)

Options:
  --to CONTROLLER         The controller to write for (required)
  -o, --output DIR        Write the files into DIR (created if missing) and the report to stdout;
                          without it the YAML goes to stdout and the report to stderr
  --gateway NAME[/NS]     The Gateway to attach to (HTTPRoute parentRefs, Istio gateways)
  --hostname HOST         Host names served (repeatable; default: the source's host)
  --service NAME:PORT     The backend Service (default: the source's; loft:80 for a values file)
  --namespace NS          Namespace of the generated objects (default: the source's; vcluster-platform for a
                          values file)
  --env ENV               production|development, for linting the generated files (default: the source's)
  -f, --format FORMAT     text (default) or json (the report, with the files inline; nothing else is printed)
  -c, --config FILE       Use this config file instead of looking up .vcluster-cors.yaml

Exit codes:
  0  nothing a browser can observe changes
  1  something does (each difference is listed with its cause), or a generated file has a lint error
  2  usage error, unreadable file, or no CORS policy to migrate
`;

export function helpFor(command?: Command): string {
  if (command === 'migrate') return MIGRATE_HELP;
  if (command === 'lint') return LINT_HELP;
  if (command === 'policy') return POLICY_HELP;
  if (command === 'simulate') return SIMULATE_HELP;
  if (command === 'verify') return VERIFY_HELP;
  return MAIN_HELP;
}
