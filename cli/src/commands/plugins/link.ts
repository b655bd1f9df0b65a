import { commands } from '@oclif/plugin-plugins';
import { acceptingAqePackages } from '../../accept-aqe-packages.js';
import type { PluginPluginsCommandClass } from '../../plugin-plugins-command.js';

const Link: PluginPluginsCommandClass = commands['plugins:link'];

/** plugin-plugins' link, unchanged except that plain aqe plugin packages are accepted. */
export default class PluginsLink extends Link {
  override async run(): Promise<void> {
    await acceptingAqePackages(() => super.run());
  }
}
