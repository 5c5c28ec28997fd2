/**
 * Shared engine types. The engine is pure TypeScript: no LSP or VS Code imports.
 *
 * Pipeline: text → parse (YAML documents with ranges) → targets (where CORS is configured)
 *   → policy (what the controller will really send) → rules (findings) → fix (text edits).
 *
 * All ranges are UTF-16 offsets into the original text, end exclusive. Adapters turn them into
 * line/column positions (LSP: 0-based, CLI: 1-based).
 */
import type { Document, LineCounter, Node, Pair, Scalar, YAMLMap } from 'yaml';
import type { TextLike } from './util/pieceText';
import type { ContourTarget, EmissaryTarget, EnvoyGatewayTarget } from './targets/envoyFamilyTypes';
import type {
  GatewayApiTarget,
  HaproxyTarget,
  IstioTarget,
  ManifestCorsTarget,
  ManifestField,
  PluginTarget,
  TraefikTarget,
} from './targets/manifestTypes';

export interface Range {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type Environment = 'production' | 'development';

export interface TextEdit {
  /** Offset range in the original text to replace. */
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  /** Human title, shown as the quick-fix label: "Quote the value". */
  title: string;
  edits: TextEdit[];
  /** Safe fixes are applied by fix-all / --fix. Unsafe ones (e.g. a placeholder origin) only on request. */
  safe: boolean;
  /** Set on a consequence's copy of its cause's fix: the rule id of the cause (engine/causes.ts). */
  fromCause?: string;
}

export interface RelatedInfo {
  range: Range;
  message: string;
  /** Set when the location is in another file than the finding (a release: the file that set that value). */
  filePath?: string;
}

export interface Finding {
  ruleId: string;
  /** The rule's message id (its `meta.messages` key) and the headline's data. */
  messageId?: string;
  data?: Record<string, string | number>;
  severity: Severity;
  /** The headline (one sentence, at most 100 characters), then the explanation. */
  message: string;
  range: Range;
  fixes: Fix[];
  related: RelatedInfo[];
  /** Dead configuration (DiagnosticTag.Unnecessary). */
  unnecessary: boolean;
  /** The Helm release(s) this finding belongs to, when the file is linted in several releases. */
  release?: string;
  /** The finding of another rule this one follows from, when reported (engine/causes.ts links them). */
  cause?: { ruleId: string; range: Range };
  /** What the rule declared as its possible cause (engine/causes.ts links it and clears this). */
  causedBy?: import('./causes').CauseLink;
}

/* ------------------------------------------------------------------ parse */

export interface ParsedDocument {
  doc: Document.Parsed;
  /** Offset range of this document inside the file (multi-document files). */
  range: Range;
  /** The parse walk found no alias in it (nothing to expand when it is read the way Helm reads it). */
  aliasFree?: boolean;
}

export interface ParsedFile {
  text: TextLike;
  lineCounter: LineCounter;
  docs: ParsedDocument[];
  /** Set when the file could not be parsed at all (binary, too large). */
  fatal?: { message: string; range: Range };
  /** Go-template actions (`{{ … }}`) of the file, and whether it was parsed as a chart template. */
  template?: import('./parse/template').TemplateInfo;
}

/* ---------------------------------------------------------------- targets */

/** A YAML scalar value together with its source text and quoting. */
export interface ValueRef {
  /** The node (Scalar for strings/bools/ints, or a collection when the type is wrong). */
  node: Node | null;
  /** Range of the value in the text (the whole scalar incl. quotes). Empty range right after the colon when missing. */
  range: Range;
  /** The string ingress-nginx receives (the YAML string value; for non-strings, the source text). */
  text: string;
  /** True when the YAML value is a string (quoted, plain string or block scalar). */
  isString: boolean;
  /** Set when the value is a mapping or a sequence (directly or through an alias) instead of a scalar. */
  collection?: 'map' | 'seq';
  /** Scalar style: PLAIN, QUOTE_DOUBLE, QUOTE_SINGLE, BLOCK_LITERAL, BLOCK_FOLDED; undefined for collections/null node. */
  style?: Scalar.Type;
  /**
   * Offset in the text of each character of `text` when the scalar maps 1:1 (no escapes, no folding);
   * undefined otherwise. contentStart + i is the offset of text[i].
   */
  contentStart?: number;
}

export type AnnotationSource = 'ingress.annotations' | 'commonAnnotations' | 'metadata.annotations';

export interface AnnotationEntry {
  key: string;
  keyRange: Range;
  value: ValueRef;
  source: AnnotationSource;
  pair: Pair;
  /** The map that holds this pair (for inserting siblings). */
  map: YAMLMap;
}

/** Where in a values file the chart's `ingress` block and annotations are. */
export interface IngressNginxTarget {
  kind: 'ingress-nginx';
  /** 'ingress' for the values file; 'Ingress/<name>' for a manifest. */
  source: string;
  /** Range used for target-wide findings (the `ingress:` key, or the object's kind). */
  anchor: Range;
  /** Index of the YAML document in the file. */
  docIndex: number;
  /** All annotations that land on the Ingress, in render order (ingress.annotations, then commonAnnotations). */
  annotations: AnnotationEntry[];
  /** The effective entry per key (the last one wins when a key is set twice). */
  byKey: Map<string, AnnotationEntry>;
  /** The annotation prefix (default nginx.ingress.kubernetes.io). */
  prefix: string;
  /** vCluster Platform values-file facts; undefined for plain Ingress manifests and other charts' values. */
  values?: ValuesFileFacts;
  /** Set for another chart's values file: where its `ingress` block is (`ingress`, `server.ingress`). */
  otherChart?: { path: string; chart: ValuesChartDecision };
  /** Ingress manifest facts. */
  ingressClass?: { value: string | null; range?: Range };
  host?: { value: string; range: Range };
}

/** Whether a values document is the vCluster Platform chart's (see targets/valuesKind.ts), and why. */
export interface ValuesChartDecision {
  platform: boolean;
  reason: string;
}

export interface ValuesFileFacts {
  /** The mapping that holds the chart values (the document root, or a nested umbrella key). */
  root: YAMLMap;
  /**
   * Which chart the values are for: the vCluster Platform chart (its schema and defaults apply) or another
   * chart (CORS rules only).
   */
  chart: ValuesChartDecision;
  /** The `ingress` pair when present. */
  ingressPair?: Pair;
  ingressMap?: YAMLMap;
  /** ingress.enabled as written (undefined when missing: the chart default is false). */
  enabled?: { value: unknown; range: Range; node: Node };
  tlsEnabled?: { value: unknown; range: Range; node: Node };
  ingressClass?: { value: unknown; range: Range; node: Node };
  /** ingress.annotations map (undefined when missing or not a map). */
  annotationsMap?: YAMLMap;
  annotationsPair?: Pair;
  commonAnnotationsMap?: YAMLMap;
}

/* ----------------------------------------------------------------- policy */

export type Controller =
  | 'ingress-nginx'
  | 'traefik'
  | 'istio'
  | 'gateway-api'
  | 'envoy-gateway'
  | 'contour'
  | 'emissary'
  | 'kong'
  | 'apisix'
  | 'haproxy-ingress'
  | 'haproxy';

export type PolicyField = 'enable' | 'origin' | 'credentials' | 'methods' | 'headers' | 'expose' | 'maxAge' | 'vary';

/** Where a policy field was written in the file (absent: the controller default applies). */
export interface FieldRef {
  keyRange: Range;
  value: ValueRef;
  /** Annotation key or field path, e.g. nginx.ingress.kubernetes.io/cors-allow-origin or spec.headers.accessControlAllowCredentials */
  label: string;
  /** Set for a header written by hand: where (`configuration-snippet`, `spec.headers.customResponseHeaders`). */
  via?: string;
}

export type OriginKind = 'any' | 'exact' | 'null' | 'wildcard-subdomain' | 'prefix' | 'regex';

export interface OriginMatcher {
  kind: OriginKind;
  /** As written, trimmed. For 'any' this is '*'. */
  value: string;
  /** Exact source range of this entry in the text (when it can be mapped), else the value's range. */
  range: Range;
  /** The value this entry lives in (for fixes that rewrite it). */
  field?: FieldRef;
  /** Index of the entry within its value (comma-separated list) or list. */
  index: number;
  /**
   * How the entry is written: one entry of a comma-separated string (ingress-nginx), or one item of a
   * YAML sequence (Traefik, Istio, Gateway API; then `field.value` is the item itself and `seqItem` its node).
   */
  container?: 'comma-list' | 'sequence';
  seqItem?: { node: Node; seq: import('yaml').YAMLSeq };
  /** Parsed parts for exact and wildcard-subdomain matchers. */
  scheme?: string;
  host?: string;
  port?: string;
}

export interface EffectivePolicy {
  controller: Controller;
  /** What the rules may know about the controller (names, value syntax, Vary, origin matching): policy/profiles.ts. */
  profile: import('./policy/profiles').ControllerProfile;
  /** 'ingress' for a values file, or 'Kind/name'. */
  source: string;
  /** Where policy-wide findings go when no field is set. */
  anchor: Range;
  docIndex: number;
  /** Whether the controller sends any CORS headers at all (switched on, rendered, and some origin left). */
  enabled: boolean;
  /** Whether CORS is switched on in the configuration (e.g. enable-cors parses as true). Semantic rules run when true. */
  configured: boolean;
  /**
   * The origins the controller ends up matching: one 'any' matcher = every origin; [] = none
   * (no CORS headers at all). Written entries that the controller drops are not here.
   */
  origins: OriginMatcher[];
  /** Every origin entry as written, including dropped ones (for syntax-level rules and fixes). */
  writtenOrigins: OriginMatcher[];
  /**
   * What Access-Control-Allow-Origin carries for an allowed origin:
   * 'literal-star': the literal `*`; 'echo': the request's Origin is reflected.
   */
  acaoMode: 'literal-star' | 'echo';
  allowCredentials: boolean;
  /** Exactly the header value the controller sends ('' = header not sent). */
  allowMethods: string;
  allowHeaders: string;
  exposeHeaders: string;
  /** Access-Control-Max-Age sent (null = header not sent). */
  maxAge: number | null;
  /** Whether the controller adds `Vary: Origin`. */
  varyOrigin: boolean;
  /** Whether an OPTIONS preflight is answered by the controller (204) without reaching the backend. */
  preflightStatus: number;
  /** Where each field was set (absent = default). */
  fields: Partial<Record<PolicyField, FieldRef>>;
  /** Fields whose written value the controller did not accept and replaced by its default. */
  fellBack?: Partial<Record<PolicyField, true>>;
  /** The host the policy is served on, when the configuration says so (an Ingress host). */
  servedHost?: { written: string; range: Range; label: string };
  /** Why the effective values differ from what is written (fallbacks, defaults). */
  notes: string[];
  /**
   * How the controller compares written origins with the request's Origin: 'literal' — the string as written,
   * character for character (Traefik's list, Istio's `exact:`/`prefix:`); 'parsed' — entries are validated
   * and normalized first (ingress-nginx, Gateway API). Absent: 'parsed'.
   */
  originMatching?: 'literal' | 'parsed';
  /**
   * With credentials, a `*` in the allowed methods or headers is answered with the preflight's requested method
   * and headers instead of `*` (Traefik's headers middleware; the Gateway API CORS filter spec). Absent: false.
   */
  reflectsWildcardWithCredentials?: boolean;
  /** Extra headers on the controller's own preflight answer (Traefik: `Content-Length: 0`). */
  preflightHeaders?: Record<string, string>;
  /** Fields whose value is a Go-template action, unknown until Helm renders the file (absent: none). */
  unknown?: PolicyField[];
  /** CORS headers written by hand (snippets, custom headers): policy/handwritten/. Absent: none. */
  handwritten?: import('./policy/handwritten/types').HandwrittenCors;
  /**
   * The controller version the policy assumes (`controllers:` in .vcluster-cors.yaml, else the newest modelled):
   * config/controllers.ts (`ingressNginxDefaults(v)` gives the ingress-nginx defaults of that version).
   */
  controllerVersion?: import('./config/controllers').ControllerVersion;
  /** A configured origin sent as is, never compared with the Origin (Kong, haproxy-ingress with one origin): no Vary needed. */
  acaoFixed?: string;
  /**
   * Authentication in front of this CORS configuration (filled by policy/auth.ts from the whole file; absent:
   * none found). Browsers send no cookies, `Authorization` or client certificate on a preflight, so a gate that
   * sees the preflight before the CORS answer refuses it. See AuthGate and docs/reference/auth.md.
   */
  authGates?: import('./policy/authTypes').AuthGate[];
  /** The target this was computed from. */
  target: Target;
}

// One authentication step in front of a CORS configuration: policy/authTypes.ts.
export type { AuthGate } from './policy/authTypes';

// The manifest targets (Traefik, Istio, Gateway API, Kong/APISIX plugins, HAProxy): targets/manifestTypes.ts;
// Envoy Gateway, Contour and Emissary: targets/envoyFamilyTypes.ts.
export type { ManifestField, ManifestCorsTarget, TraefikTarget, IstioTarget, GatewayApiTarget, PluginTarget, HaproxyTarget };
export type { ContourTarget, EmissaryTarget, EnvoyGatewayTarget };

/** Every kind of target: one per controller family (targets/). */
export type Target =
  | IngressNginxTarget
  | TraefikTarget
  | IstioTarget
  | GatewayApiTarget
  | EnvoyGatewayTarget
  | ContourTarget
  | EmissaryTarget
  | PluginTarget
  | HaproxyTarget;

/* ---------------------------------------------------------------- options */

export interface LintOptions {
  /** Path of the file (used for environment detection and config globs). May be a pseudo path for stdin. */
  filePath: string;
  /** Forces the environment (CLI --env, editor setting). */
  environment?: Environment;
  /** Resolved configuration (see config/). */
  config?: import('./config/config').ResolvedConfig;
  /**
   * Per-document cache for incremental parsing (the language server keeps one per open document; never share
   * one between files). Results are identical with or without it.
   */
  parseCache?: import('./parse/incremental').ParseCache;
  /** How the file should be treated: a values file, a manifest, or decided by content. */
  fileKind?: 'values' | 'manifest' | 'auto';
  /** Skip suppression comments and unused-disable (the release linter applies them per source file). */
  rawFindings?: boolean;
  /** Treat the values as the vCluster Platform chart's, for this reason (a release of that chart). */
  platformValues?: string;
}

export interface LintResult {
  filePath: string;
  environment: Environment;
  /** Why the environment was chosen ("file name token `dev`", "default: production"). */
  environmentReason: string;
  findings: Finding[];
  policies: EffectivePolicy[];
  parsed: ParsedFile;
  /** Offsets ↔ line/column for this text (built from the parser's line starts; adapters reuse it). */
  lines: import('./parse/positions').LineIndex;
}
