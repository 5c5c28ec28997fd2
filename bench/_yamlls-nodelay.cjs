// yaml-language-server with its validation delay set to 0 and nothing else changed: the bench's
// "work-for-work" anchor. The server reads the delay from `new SettingsState().validationDelayMs` (200 ms,
// hard-coded in out/server/src/yamlSettings.js); this wrapper swaps in a subclass whose constructor sets it
// to 0, then starts the server exactly as bin/yaml-language-server does.
const settings = require('yaml-language-server/out/server/src/yamlSettings.js');
const Original = settings.SettingsState;
settings.SettingsState = class SettingsStateNoDelay extends Original {
  constructor(...args) {
    super(...args);
    this.validationDelayMs = 0;
  }
};
process.env.YAML_LANGUAGE_SERVER_VERSION = require('yaml-language-server/package.json').version;
require('yaml-language-server/out/server/src/server.js');
