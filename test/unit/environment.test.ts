import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { DEFAULT_CONFIG, resolveConfigFor } from '../../server/src/engine/config/config';
import type { ResolvedConfig } from '../../server/src/engine/config/config';
import { detectEnvironment, developmentToken, environmentComment } from '../../server/src/engine/config/environment';
import type { EnvironmentDecision } from '../../server/src/engine/config/environment';
import type { Environment } from '../../server/src/engine/types';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/config');
const DEFAULT_REASON = 'default: production (secure by default)';
const dev = (reason: string): EnvironmentDecision => ({ environment: 'development', reason });
const prod = (reason: string): EnvironmentDecision => ({ environment: 'production', reason });

const REPO: ResolvedConfig = {
  ...DEFAULT_CONFIG,
  environments: {
    production: ['prod/**', '**/*-prod.yaml'],
    development: ['dev/**', '**/kind/**', 'prod/scratch/**'],
  },
  files: ['/repo/.vcluster-cors.yaml'],
  environmentsFile: '/repo/.vcluster-cors.yaml',
  baseDir: '/repo',
  rootDir: '/repo',
};

describe('path tokens (no config: whole path)', () => {
  const cases: Array<[string, EnvironmentDecision]> = [
    ['vcluster-platform.dev.yaml', dev('file name token `dev`')],
    ['values-dev.yaml', dev('file name token `dev`')],
    ['values_local.yaml', dev('file name token `local`')],
    ['Values-DEV.yaml', dev('file name token `DEV`')],
    ['development.yaml', dev('file name token `development`')],
    ['charts/values.minikube.yml', dev('file name token `minikube`')],
    ['kind.yaml', dev('file name token `kind`')],
    ['dev/x.yaml', dev('folder `dev`')],
    ['clusters/kind/values.yaml', dev('folder `kind`')],
    ['/srv/Local/platform/values.yaml', dev('folder `Local`')],
    ['/home/u/minikube/a/values.yaml', dev('folder `minikube`')],
    ['C:\\work\\kind\\values.yaml', dev('folder `kind`')],
    ['overlays/non-prod/ingress.yaml', dev('folder `non-prod`')],
    ['overlays/NonProd/ingress.yaml', dev('folder `NonProd`')],
    ['overlays/non_prod/ingress.yaml', dev('folder `non_prod`')],
    ['values-non-prod.yaml', dev('file name token `non-prod`')],
    ['values.nonprod.yaml', dev('file name token `nonprod`')],
    ['nonsense-non_prod.yaml', dev('file name token `non_prod`')],
    ['overlays/prod/ingress.yaml', prod(DEFAULT_REASON)],
    ['values-non.yaml', prod(DEFAULT_REASON)],
    ['dev/values-kind.yaml', dev('file name token `kind`')],
    ['devops/values.yaml', prod(DEFAULT_REASON)],
    ['developer.yaml', prod(DEFAULT_REASON)],
    ['kindness.yaml', prod(DEFAULT_REASON)],
    ['localhost.yaml', prod(DEFAULT_REASON)],
    ['clusters/dev-eu/values.yaml', prod(DEFAULT_REASON)],
    ['devel/values.yaml', prod(DEFAULT_REASON)],
    ['values.yaml', prod(DEFAULT_REASON)],
    ['/srv/platform/prod/values.yaml', prod(DEFAULT_REASON)],
    ['values-development2.yaml', prod(DEFAULT_REASON)],
  ];
  for (const [file, expected] of cases) {
    test(`${file} → ${expected.environment}`, () => assert.deepEqual(detectEnvironment(file, '', DEFAULT_CONFIG), expected));
  }
});

describe('path tokens below the config folder only', () => {
  const under = (dir: string): ResolvedConfig => ({ ...DEFAULT_CONFIG, files: [`${dir}/.vcluster-cors.yaml`], baseDir: dir, rootDir: dir });
  const cases: Array<[string, ResolvedConfig, EnvironmentDecision]> = [
    ['/home/dev/repo/values.yaml', under('/home/dev/repo'), prod(DEFAULT_REASON)],
    ['/home/dev/repo/values.yaml', DEFAULT_CONFIG, dev('folder `dev`')],
    ['/home/dev/repo/kind/values.yaml', under('/home/dev/repo'), dev('folder `kind`')],
    ['/elsewhere/dev/values.yaml', under('/home/dev/repo'), dev('folder `dev`')],
    ['C:\\Users\\dev\\repo\\values.yaml', under('C:\\Users\\dev\\repo'), prod(DEFAULT_REASON)],
    ['C:\\Users\\dev\\repo\\local\\values.yaml', under('C:\\Users\\dev\\repo'), dev('folder `local`')],
    // Nested configs: tokens are read below the top of the chain (rootDir), not below baseDir.
    ['/repo/dev/values.yaml', { ...DEFAULT_CONFIG, baseDir: '/repo/dev', rootDir: '/repo' }, dev('folder `dev`')],
    ['/repo/dev/values.yaml', { ...DEFAULT_CONFIG, baseDir: '/repo/dev' }, prod(DEFAULT_REASON)],
  ];
  for (const [file, config, expected] of cases) {
    test(`${file} with rootDir ${config.rootDir ?? '-'} baseDir ${config.baseDir ?? '-'} → ${expected.reason}`, () =>
      assert.deepEqual(detectEnvironment(file, '', config), expected));
  }
});

describe('config globs', () => {
  const src = 'in /repo/.vcluster-cors.yaml';
  const cases: Array<[string, ResolvedConfig, EnvironmentDecision]> = [
    ['/repo/prod/values.yaml', REPO, prod(`matches \`prod/**\` ${src}`)],
    ['/repo/apps/a-prod.yaml', REPO, prod(`matches \`**/*-prod.yaml\` ${src}`)],
    ['/repo/dev/values.yaml', REPO, dev(`matches \`dev/**\` ${src}`)],
    ['/repo/x/kind/values.yaml', REPO, dev(`matches \`**/kind/**\` ${src}`)],
    // Matched by both lists: production wins.
    ['/repo/prod/scratch/values.yaml', REPO, prod(`matches \`prod/**\` ${src}`)],
    ['/repo/dev/values-prod.yaml', REPO, prod(`matches \`**/*-prod.yaml\` ${src}`)],
    // No glob matches: path tokens, then the default.
    ['/repo/clusters/local/values.yaml', REPO, dev('folder `local`')],
    ['/repo/apps/values.yaml', REPO, prod(DEFAULT_REASON)],
    // Outside the config folder globs never match.
    ['/other/prod/values.yaml', REPO, prod(DEFAULT_REASON)],
    [
      'C:\\repo\\dev\\values.yaml',
      {
        ...REPO,
        files: ['C:\\repo\\.vcluster-cors.yaml'],
        environmentsFile: 'C:\\repo\\.vcluster-cors.yaml',
        baseDir: 'C:\\repo',
        rootDir: 'C:\\repo',
      },
      dev('matches `dev/**` in C:\\repo\\.vcluster-cors.yaml'),
    ],
    ['/repo/dev/values.yaml', { ...REPO, files: [], environmentsFile: undefined }, dev('matches `dev/**` in the configuration')],
  ];
  for (const [file, config, expected] of cases) {
    test(`${file} → ${expected.reason}`, () => assert.deepEqual(detectEnvironment(file, '', config), expected));
  }
});

describe('comment override', () => {
  const cases: Array<[string, string, EnvironmentDecision]> = [
    ['ingress:\n  enabled: true\n# vcluster-cors: env=development\n', '/repo/prod/values.yaml', dev('comment on line 3')],
    ['# vcluster-cors: env=production\n', '/repo/dev/values.yaml', prod('comment on line 1')],
    ['ingress:\n  enabled: true  # vcluster-cors: env=production\n', 'kind/values.yaml', prod('comment on line 2')],
    ['#vcluster-cors:env=development\n', '/repo/apps/values.yaml', dev('comment on line 1')],
    ['\r\n\r\n# vcluster-cors: env=Development\r\n', '/repo/apps/values.yaml', dev('comment on line 3')],
    ['# vcluster-cors: disable=wildcard-origin env=development\n', '/repo/apps/values.yaml', dev('comment on line 1')],
    ['# vcluster-cors: env=development\n# vcluster-cors: env=production\n', '/repo/prod/values.yaml', dev('comment on line 1')],
    // Not the directive: ignored.
    ['# vcluster-cors: env=staging\n', '/repo/apps/values.yaml', prod(DEFAULT_REASON)],
    ['# vcluster-cors: env=developments\n', '/repo/apps/values.yaml', prod(DEFAULT_REASON)],
    ['# vcluster-cors: dev-env=development\n', '/repo/apps/values.yaml', prod(DEFAULT_REASON)],
    ['note: "vcluster-cors: env=development"\n', '/repo/apps/values.yaml', prod(DEFAULT_REASON)],
    ['# env=development\n', '/repo/apps/values.yaml', prod(DEFAULT_REASON)],
    ['url: http://x#vcluster-cors: env=development\n', '/repo/apps/values.yaml', prod(DEFAULT_REASON)],
  ];
  for (const [text, file, expected] of cases) {
    test(`${JSON.stringify(text)} → ${expected.reason}`, () => assert.deepEqual(detectEnvironment(file, text, REPO), expected));
  }

  test('environmentComment', () => {
    assert.deepEqual(environmentComment('a: 1\nb: 2 # vcluster-cors: env=production\n'), { environment: 'production', line: 2 });
    assert.equal(environmentComment('a: 1\n'), undefined);
  });
});

describe('forced override', () => {
  const cases: Array<[Environment, string | undefined, string, EnvironmentDecision]> = [
    ['development', undefined, '/repo/prod/values.yaml', dev('set by --env')],
    ['production', undefined, '/repo/dev/values-dev.yaml', prod('set by --env')],
    [
      'development',
      'set by the vclusterCors.environment setting',
      '/repo/prod/values.yaml',
      dev('set by the vclusterCors.environment setting'),
    ],
  ];
  for (const [forced, reason, file, expected] of cases) {
    test(`${forced} (${reason ?? 'default reason'}) → ${expected.reason}`, () =>
      assert.deepEqual(detectEnvironment(file, '# vcluster-cors: env=production\n', REPO, forced, reason), expected));
  }
});

describe('with configs resolved from fixtures', () => {
  const nested = path.join(FIXTURES, 'nested');
  const apps = path.join(nested, 'team', 'apps');
  const cases: Array<[string[], EnvironmentDecision]> = [
    [['nested', 'prod', 'values.yaml'], prod(`matches \`prod/**\` in ${path.join(nested, '.vcluster-cors.yaml')}`)],
    [['nested', 'sandbox', 'a', 'values.yaml'], dev(`matches \`sandbox/**\` in ${path.join(nested, '.vcluster-cors.yaml')}`)],
    // The nearest file's environments replace the farther ones; its globs are relative to its own folder.
    [['nested', 'team', 'apps', 'web', 'values.yaml'], dev(`matches \`**/*.yaml\` in ${path.join(apps, '.vcluster-cors.yaml')}`)],
    [['nested', 'team', 'values.yaml'], prod(DEFAULT_REASON)],
    [['nested', 'team', 'kind', 'values.yaml'], dev('folder `kind`')],
  ];
  for (const [parts, expected] of cases) {
    test(`${parts.join('/')} → ${expected.reason}`, () => {
      const file = path.join(FIXTURES, ...parts);
      assert.deepEqual(detectEnvironment(file, '', resolveConfigFor(file)), expected);
    });
  }
});

test('developmentToken: tokens relative to a base folder', () => {
  assert.deepEqual(
    [
      developmentToken('/a/dev/b/values.yaml'),
      developmentToken('/a/dev/b/values.yaml', '/a/dev'),
      developmentToken('/a/dev/b/values.yaml', '/a'),
    ],
    ['folder `dev`', undefined, 'folder `dev`'],
  );
});

test('developmentToken: paths without a token, and tokens in every spelling', () => {
  assert.deepEqual(
    [
      developmentToken('/srv/charts/platform-values-12.yaml'),
      developmentToken('/srv/charts/values.NON_PROD.yaml'),
      developmentToken('/srv/charts/values-non-prod.yaml'),
      developmentToken('/srv/Minikube/values.yaml'),
      developmentToken('/srv/charts/values.\u212Aind.yaml'),
      developmentToken('/srv/production/values.yaml'),
      developmentToken('C:\\charts\\Local\\values.yaml'),
    ],
    [
      undefined,
      'file name token `NON_PROD`',
      'file name token `non-prod`',
      'folder `Minikube`',
      'file name token `\u212Aind`',
      undefined,
      'folder `Local`',
    ],
  );
});
