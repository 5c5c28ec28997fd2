import type { Controller } from '../../types';
import type { CorsIntent } from '../intent';
import type { RouteContext, WriterOutput } from '../types';

/** One target controller: turns the neutral intent into its configuration. */
export interface Writer {
  id: Controller;
  write(intent: CorsIntent, ctx: RouteContext): WriterOutput;
}
