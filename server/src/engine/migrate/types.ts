/**
 * Types of the migration module: carry one effective CORS policy to another controller, and prove what a
 * browser will see differently (docs/reference/migration.md).
 */
import type { Controller, EffectivePolicy, Environment } from '../types';

/** Controllers `migrate` can write. Adding one = a writer module in ./writers plus its entry in WRITERS. */
export type MigrationTargetId = Controller;

/** Where the traffic goes and how the new object is named (CLI flags; defaults come from the source). */
export interface MigrateOptions {
  /** Gateway API parentRef / Istio gateway: `name` or `name/namespace` (the Gateway's namespace). */
  gateway?: string;
  /** Hostnames served (default: the source's host). */
  hostnames?: string[];
  /** Backend service `name:port` (default: the source's backend; `loft:80` for the vCluster Platform chart). */
  service?: string;
  /** Namespace of the generated objects (default: the source's; `vcluster-platform` for a values file). */
  namespace?: string;
  /** Environment used to lint the generated files (default: the source file's). */
  environment?: Environment;
}

/** A field of the browser-visible behaviour that the diff compares. */
export type DiffField =
  'verdict' | 'allow-origin' | 'allow-credentials' | 'allow-methods' | 'allow-headers' | 'expose-headers' | 'max-age' | 'vary';

/** Every field, in the order differences are listed. */
export const ALL_FIELDS: readonly DiffField[] = [
  'verdict',
  'allow-origin',
  'allow-credentials',
  'allow-methods',
  'allow-headers',
  'expose-headers',
  'max-age',
  'vary',
];

/** One request of the generated set (what a page does with fetch()). */
export interface ProbeRequest {
  origin: string;
  /** Why this origin is in the set: `allowed origin`, `sibling subdomain of …`, `foreign origin`, … */
  originLabel: string;
  method: string;
  headers: string[];
  credentials: boolean;
}

/**
 * A deliberate difference between the old and the new behaviour, chosen because the target cannot express the
 * old one (or because the old one is broken or unsafe). Every difference in the diff must be explained by one.
 */
export interface IntendedChange {
  /** Stable id, e.g. `max-age-capped`, `wildcard-depth`. */
  id: string;
  /** One sentence, read at a glance. */
  message: string;
  /** The fields it can change. */
  fields: readonly DiffField[];
  /** Which answers it can change (all when absent). */
  where?: readonly ('preflight' | 'response' | 'result')[];
  /** The requests it can change (all when absent). Not serialized. */
  appliesTo?: (r: ProbeRequest) => boolean;
  /** Set by migrate(): a difference in the diff shows it (false: no generated request can, e.g. a dropped method). */
  shown?: boolean;
}

/** One generated file. */
export interface GeneratedFile {
  /** Suggested file name (for -o DIR). */
  name: string;
  /** What it is, one line (`HTTPRoute with the CORS filter`). */
  description: string;
  /** YAML text. */
  text: string;
  /**
   * Whether the file carries the new CORS policy (it is linted and simulated). Companion files (a values
   * snippet that references a Traefik Middleware) are linted but carry no policy.
   */
  carriesPolicy: boolean;
}

/** Routing facts read from the source (hosts, paths, backends, names). */
export interface RouteContext {
  /** Base name for generated objects. */
  name: string;
  namespace?: string;
  hostnames: string[];
  /** Paths with their backend. */
  paths: { path: string; exact: boolean; service: string; port: number | string }[];
  gateway?: { name: string; namespace?: string };
  /** The source is a vCluster Platform values file. */
  valuesFile: boolean;
  /** Annotation keys that configure CORS in the source (to remove after the switch). */
  corsAnnotationKeys: string[];
  /** Notes on defaults used (shown in the output header). */
  notes: string[];
}

/** What a writer returns. */
export interface WriterOutput {
  files: GeneratedFile[];
  changes: IntendedChange[];
  /** Representation changes a browser cannot observe (normalized case, reordered lists, explicit defaults). */
  notes: string[];
}

/** One difference found by the diff, grouped over the requests that show it. */
export interface BehaviourDifference {
  field: DiffField;
  /** `preflight` (the OPTIONS answer), `response` (the actual response), or `result` (the verdict). */
  where: 'preflight' | 'response' | 'result';
  old: string;
  new: string;
  /** How many generated requests show it. */
  count: number;
  /** Up to three of them. */
  examples: ProbeRequest[];
  /** Ids of the intended changes that explain it. */
  causes: string[];
  /** Some request shows it without an intended change that explains it (a bug in the writer). */
  unexplained: boolean;
}

export interface BehaviourDiff {
  /** Number of requests simulated under each side. */
  requests: number;
  /** Distinct origins in the set. */
  origins: string[];
  differences: BehaviourDifference[];
}

/** The result of migrating one source policy. */
export interface Migration {
  /** `ingress` (values file) or `Kind/name`. */
  source: string;
  from: Controller;
  to: MigrationTargetId;
  files: GeneratedFile[];
  changes: IntendedChange[];
  notes: string[];
  diff: BehaviourDiff;
  /** The new policy as the engine reads the generated file back (what the diff simulates). */
  newPolicy?: EffectivePolicy;
  /** Problems of the generated files as linted (errors only; carried-over ones are marked). */
  lint: { file: string; ruleId: string; severity: 'error' | 'warning' | 'info'; message: string; carriedOver: boolean }[];
}
