import { stripVTControlCharacters } from 'node:util';

/**
 * GitHub Actions workflow commands (`::error file=a.ts,line=3::message`), escaped as
 * the runner unescapes them (actions/toolkit `command.ts`): `%`, CR and LF in the
 * message; in property values also `:` and `,`, which would end the value.
 */
export function escapeData(text: string): string {
  return stripVTControlCharacters(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

type AnnotationProperties = Partial<Record<'file' | 'line' | 'col' | 'title', string | number>>;

/** `::error file=...,line=...,col=...,title=...::message`, properties in that order, absent ones left out. */
export function annotation(level: 'error' | 'warning' | 'notice', properties: AnnotationProperties, message: string): string {
  const props = (['file', 'line', 'col', 'title'] as const)
    .filter((key) => properties[key] !== undefined && properties[key] !== '')
    .map((key) => `${key}=${escapeProperty(String(properties[key]))}`)
    .join(',');
  return `::${level}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}
