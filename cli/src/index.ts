export { builtinPlugins } from './preset.js';
