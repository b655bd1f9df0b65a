import type { FormatterInput, FormatterOptions } from '@aqe/kernel';
import { paletteFor } from './palette.js';
import { renderCache } from './render-cache.js';
import { renderConfig } from './render-config.js';
import { renderDiscover } from './render-discover.js';
import { renderDoctor } from './render-doctor.js';
import { renderFlaky } from './render-flaky.js';
import { renderPlugins } from './render-plugins.js';
import { renderRun } from './render-run.js';

/** Renders one command's output for people; ends with a newline. */
export function renderHuman(input: FormatterInput, options: FormatterOptions): string {
  const c = paletteFor(options.interactive);
  const lines = (() => {
    switch (input.kind) {
      case 'plugins':
        return renderPlugins(input.data, c);
      case 'doctor':
        return renderDoctor(input.data, c);
      case 'config':
        return renderConfig(input.data, c);
      case 'discover':
        return renderDiscover(input.data, c);
      case 'flaky':
        return renderFlaky(input.data, c);
      case 'cache':
        return renderCache(input.data, c);
      case 'run':
        return renderRun(input.data, c, options.cwd ?? process.cwd());
      default:
        // A kind added to the contract before this formatter learned it.
        throw new TypeError(`the human formatter cannot render kind "${(input as { kind: string }).kind}"`);
    }
  })();
  return `${lines.join('\n')}\n`;
}
