/** Handlers of the custom requests (server/src/protocol.ts): insert a CORS block, validate origins, migrate, values info. */
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { CorsBlockError, flat, isMigrationTarget, MIGRATION_TARGETS, MigrateUsageError, planCorsBlock } from '../../engine/index';
import {
  InsertCorsBlockRequest,
  MigrateRequest,
  ValidateOriginsRequest,
  ValuesInfoRequest,
  type InsertCorsBlockResult,
  type MigrateResult,
} from '../../protocol';
import { workspaceEdit } from '../codeActions';
import { migrateDocument } from '../migrate';
import { checkOrigins } from '../origins';
import { invalidParams, paramsObject } from '../params';
import { readValuesInfo } from '../valuesInfo';
import type { HandlerContext } from './context';

export function registerCustomRequests(ctx: HandlerContext): void {
  registerInsertCorsBlock(ctx);
  const { connection, guard } = ctx;
  connection.onRequest(
    ValidateOriginsRequest,
    guard('vclusterCors/validateOrigins', { problems: [] as string[] }, (params) => {
      const p = paramsObject(params, 'vclusterCors/validateOrigins');
      if (!Array.isArray(p.origins)) throw invalidParams('`origins` must be an array of strings.');
      const check = checkOrigins(params.origins);
      return { problems: check.ok ? [] : check.problems };
    }),
  );
  registerMigrate(ctx);
  connection.onRequest(
    ValuesInfoRequest,
    guard('vclusterCors/valuesInfo', { origins: [] as string[] }, (params) =>
      readValuesInfo(typeof params?.text === 'string' ? params.text : ''),
    ),
  );
}

function registerInsertCorsBlock(ctx: HandlerContext): void {
  ctx.connection.onRequest(
    InsertCorsBlockRequest,
    ctx.guard('vclusterCors/insertCorsBlock', null as unknown as InsertCorsBlockResult, async (params) => {
      const p = paramsObject(params, 'vclusterCors/insertCorsBlock');
      const uri = p.uri;
      if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, '`uri` is required.');
      if (!Array.isArray(p.origins) || !p.origins.every((o) => typeof o === 'string'))
        throw invalidParams('`origins` must be an array of strings.');
      const check = checkOrigins(params.origins);
      if (!check.ok) throw new ResponseError(ErrorCodes.InvalidParams, check.message);
      const a = await ctx.analysisFor(uri);
      if (!a) throw new ResponseError(ErrorCodes.InvalidParams, `The document ${uri} is not open.`);
      ctx.requireTrusted(uri);
      try {
        const plan = planCorsBlock(flat(a.text), check.origins, params.credentials);
        return { ...workspaceEdit(a, plan.edits, ctx.actionOptions()), added: plan.added, kept: plan.kept };
      } catch (e) {
        if (e instanceof CorsBlockError) throw new ResponseError(ErrorCodes.InvalidRequest, e.message);
        throw e;
      }
    }),
  );
}

function registerMigrate(ctx: HandlerContext): void {
  ctx.connection.onRequest(
    MigrateRequest,
    ctx.guard('vclusterCors/migrate', null as unknown as MigrateResult, async (params) => {
      const p = paramsObject(params, 'vclusterCors/migrate');
      const uri = p.uri;
      if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, '`uri` is required.');
      if (typeof p.to !== 'string' || !isMigrationTarget(p.to))
        throw new ResponseError(ErrorCodes.InvalidParams, `\`to\` must be one of ${MIGRATION_TARGETS.join(', ')}.`);
      const a = await ctx.analysisFor(uri);
      if (!a) throw new ResponseError(ErrorCodes.InvalidParams, `The document ${uri} is not open.`);
      try {
        return migrateDocument(a, p.to);
      } catch (e) {
        if (e instanceof MigrateUsageError) throw new ResponseError(ErrorCodes.InvalidRequest, e.message);
        throw e;
      }
    }),
  );
}
