/**
 * The configuration used when no config file applies. Its own module so that the pure engine (lint.ts, the
 * facades, the browser bundle) does not load config.ts, which reads config files with `fs`.
 */
import type { ResolvedConfig } from './config';

export const DEFAULT_CONFIG: ResolvedConfig = Object.freeze({
  rules: Object.freeze({}),
  environments: Object.freeze({
    production: Object.freeze([]) as unknown as string[],
    development: Object.freeze([]) as unknown as string[],
  }),
  annotationValidation: true,
  maxFileSize: 10 * 1024 * 1024,
  files: Object.freeze([]) as unknown as string[],
});
