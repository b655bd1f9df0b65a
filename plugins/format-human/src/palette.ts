import pc from 'picocolors';

/** The colour functions a renderer may use; identity functions when colour is off. */
export type Palette = ReturnType<typeof pc.createColors>;

const on = pc.createColors(true);
const off = pc.createColors(false);

/**
 * Colour is decided by the caller (options.interactive), never by sniffing the
 * environment here, so the same input and options always give the same bytes.
 */
export function paletteFor(interactive: boolean): Palette {
  return interactive ? on : off;
}
