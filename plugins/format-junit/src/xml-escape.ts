import { stripVTControlCharacters } from 'node:util';

/**
 * XML 1.0 allows no control characters but tab, LF and CR, not even as character
 * references, nor U+FFFE/U+FFFF or lone surrogates. Test output carries them (a
 * colour code the runner did not strip, a binary buffer in a message), so ANSI
 * sequences are dropped and every other such character is written as the text
 * `\u001b`: readable, and the document stays well-formed.
 */
function clean(text: string): string {
  let out = '';
  for (const ch of stripVTControlCharacters(text)) {
    const code = ch.codePointAt(0)!;
    const invalid = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff);
    out += invalid ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
  }
  return out;
}

/** Character data: `&`, `<` and `>` (the last so `]]>` can never appear). */
export function escapeText(text: string): string {
  return clean(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A double-quoted attribute value. Tab, LF and CR become character references: a
 * parser would otherwise normalise them to spaces and a multi-line message would
 * come back as one line.
 */
export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
