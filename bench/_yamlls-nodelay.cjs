// yaml-language-server with its validation delay set to 0 and nothing else changed: the bench's
// "work-for-work" anchor. The server reads the delay from `new SettingsState().validationDelayMs` (200 ms,
// hard-coded in yamlSettings.js). yaml-language-server 2.x is ES modules (out/src/), whose exports cannot be
// swapped from outside, so a module load hook rewrites that one assignment (`= 200` → `= 0`) as the file is
// loaded, and fails loudly if it is not there; then the server starts exactly as bin/yaml-language-server does.
// 1.x (CommonJS, out/server/src/) gets a subclass whose constructor sets the delay to 0.
const { register } = require('node:module');
const { join, dirname } = require('node:path');
const { pathToFileURL } = require('node:url');

const pkgDir = dirname(require.resolve('yaml-language-server/package.json'));
const version = require('yaml-language-server/package.json').version;
process.env.YAML_LANGUAGE_SERVER_VERSION = version;

if (version.startsWith('1.')) {
  const settings = require(join(pkgDir, 'out/server/src/yamlSettings.js'));
  const Original = settings.SettingsState;
  settings.SettingsState = class SettingsStateNoDelay extends Original {
    constructor(...args) {
      super(...args);
      this.validationDelayMs = 0;
    }
  };
  require(join(pkgDir, 'out/server/src/server.js'));
} else {
  const hook = `
    export async function load(url, context, next) {
      const r = await next(url, context);
      if (!url.endsWith('/yaml-language-server/out/src/yamlSettings.js')) return r;
      const src = String(r.source);
      const patched = src.replace('this.validationDelayMs = 200;', 'this.validationDelayMs = 0;');
      if (patched === src) throw new Error('_yamlls-nodelay: the validation delay assignment was not found in ' + url);
      return { ...r, source: patched };
    }`;
  register('data:text/javascript,' + encodeURIComponent(hook), pathToFileURL(__filename));
  import(pathToFileURL(join(pkgDir, 'out/src/server.js')).href);
}
