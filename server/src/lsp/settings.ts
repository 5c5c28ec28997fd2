/**
 * Editor settings (section `vclusterCors`): read per resource through `workspace/configuration`, or taken
 * from initializationOptions / didChangeConfiguration for clients without it. Everything is normalized
 * here so a malformed setting never reaches the engine.
 */
import { globMatcher, readControllers, VALUES_FILE_GLOBS, type ControllerSettings, type Environment, type Severity } from '../engine/index';

export type CustomizationSeverity = Severity | 'off' | 'downgrade' | 'upgrade' | 'default';

export interface RuleCustomization {
  /** Glob over rule ids; a leading `!` applies the customization to the rules that do NOT match. */
  rule: string;
  severity: CustomizationSeverity;
}

/** Never changed once made (settingsKey keeps one key per object): a new configuration is a new object. */
export interface Settings {
  readonly enable: boolean;
  readonly files: string[];
  readonly environment: 'auto' | Environment;
  readonly customizations: RuleCustomization[];
  /** null: use the config file (default true). */
  readonly annotationValidation: boolean | null;
  /** Controller versions over the config file's `controllers:` (undefined: none). */
  readonly controllers?: ControllerSettings;
}

export const DEFAULT_FILES: readonly string[] = VALUES_FILE_GLOBS;

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  enable: true,
  files: [...DEFAULT_FILES],
  environment: 'auto' as const,
  customizations: [],
  annotationValidation: null,
});

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'off', 'downgrade', 'upgrade', 'default'];

/** Accepts anything (the client may send garbage); unknown or invalid entries fall back to the defaults. */
export function normalizeSettings(raw: unknown): Settings {
  const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const enable = typeof r.enable === 'boolean' ? r.enable : DEFAULT_SETTINGS.enable;
  const files =
    Array.isArray(r.files) && r.files.every((f) => typeof f === 'string') ? r.files.filter((f) => f.trim() !== '') : [...DEFAULT_FILES];
  const environment = r.environment === 'production' || r.environment === 'development' ? r.environment : 'auto';
  const rules = r.rules && typeof r.rules === 'object' ? (r.rules as Record<string, unknown>) : {};
  const customizations: RuleCustomization[] = [];
  if (Array.isArray(rules.customizations)) {
    for (const c of rules.customizations) {
      if (!c || typeof c !== 'object') continue;
      const { rule, severity } = c as Record<string, unknown>;
      if (typeof rule !== 'string' || rule === '' || typeof severity !== 'string') continue;
      const sev = severity === 'warn' ? 'warning' : severity === 'information' ? 'info' : severity;
      if (!SEVERITIES.includes(sev)) continue;
      customizations.push({ rule, severity: sev as CustomizationSeverity });
    }
  }
  // "on" / "off" / "config" (the setting's enum); booleans are what older versions of the setting stored.
  const av: unknown = r.annotationValidation;
  const annotationValidation = av === 'on' || av === true ? true : av === 'off' || av === false ? false : null;
  const controllers = readControllers(r.controllers);
  return {
    enable,
    files,
    environment,
    customizations,
    annotationValidation,
    ...(controllers && Object.keys(controllers).length ? { controllers } : {}),
  };
}

/** A rule-id glob of a customization (`no-*`); one the glob compiler rejects matches nothing. */
function ruleMatcher(glob: string): (s: string) => boolean {
  try {
    return globMatcher(glob);
  } catch {
    return () => false;
  }
}

/** The customization that applies to a rule: customizations are checked in order and the last match wins. */
export function customizationFor(ruleId: string, customizations: readonly RuleCustomization[]): CustomizationSeverity | undefined {
  let result: CustomizationSeverity | undefined;
  for (const c of customizations) {
    const negated = c.rule.startsWith('!');
    const glob = negated ? c.rule.slice(1) : c.rule;
    const hit = ruleMatcher(glob)(ruleId);
    if (hit !== negated) result = c.severity;
  }
  return result;
}

/** The severity shown for a finding after a customization ('off': not shown). */
export function customizedSeverity(severity: Severity, c: CustomizationSeverity | undefined): Severity | 'off' {
  switch (c) {
    case undefined:
    case 'default':
      return severity;
    case 'downgrade':
      return severity === 'error' ? 'warning' : 'info';
    case 'upgrade':
      return severity === 'info' ? 'warning' : 'error';
    default:
      return c;
  }
}

const keys = new WeakMap<Settings, string>();

/**
 * A stable key for caching settings-dependent results. Settings objects are never changed once made (a new
 * configuration is a new object), so the key is made once per object: the analysis asks for it on every edit.
 */
export function settingsKey(s: Settings): string {
  let k = keys.get(s);
  if (k === undefined) keys.set(s, (k = JSON.stringify(s)));
  return k;
}
