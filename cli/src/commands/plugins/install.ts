import { commands } from '@oclif/plugin-plugins';
import { acceptingAqePackages } from '../../accept-aqe-packages.js';
import type { PluginPluginsCommandClass } from '../../plugin-plugins-command.js';

const Install: PluginPluginsCommandClass = commands['plugins:install'];

/** plugin-plugins' install, unchanged except that plain aqe plugin packages are accepted. */
export default class PluginsInstall extends Install {
  override async run(): Promise<void> {
    await acceptingAqePackages(() => super.run());
  }
}
