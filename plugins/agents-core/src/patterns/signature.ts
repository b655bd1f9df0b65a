import { createHash } from 'node:crypto';
import { messageTemplate } from './template.js';

/** A failure reduced to what stays the same between its occurrences. */
export interface FailureSignature {
  /** sha1 of type, template and frame (16 hex chars): the key in the pattern bank. */
  id: string;
  errorType: string;
  template: string;
  /** The top frame in the project's own code, `function (file)` without line and column (they move with every edit). */
  frame?: string;
}

export interface FailureText {
  message: string;
  stack?: string;
}

const ERROR_NAME = /^([A-Z][\w$]*(?:Error|Exception)|Error)(?: \[[\w-]+\])?:\s*/;
const FOREIGN_FRAME = /node_modules|node:|\(internal\/|<anonymous>|^at (?:new )?Promise\b/;
const FRAME = /^at (?:(?:async )?(.+?) \()?(?:file:\/\/)?(.+?)(?::\d+){1,2}\)?$/;

/** `root`: absolute project directory, stripped from frame paths so a signature is the same on every checkout. */
export function signatureOf(error: FailureText, root = ''): FailureSignature {
  const firstStackLine = error.stack?.split('\n', 1)[0] ?? '';
  const named = ERROR_NAME.exec(firstStackLine) ?? ERROR_NAME.exec(error.message);
  const errorType = named?.[1] ?? 'Error';
  const message = named && error.message.startsWith(named[0]) ? error.message.slice(named[0].length) : error.message;
  const template = messageTemplate(message);
  const frame = error.stack ? topFrame(error.stack, root) : undefined;
  const id = createHash('sha1')
    .update(`${errorType}\n${template}\n${frame ?? ''}`)
    .digest('hex')
    .slice(0, 16);
  return { id, errorType, template, ...(frame ? { frame } : {}) };
}

function topFrame(stack: string, root: string): string | undefined {
  const prefix = root === '' || root.endsWith('/') ? root : `${root}/`;
  for (const raw of stack.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('at ') || FOREIGN_FRAME.test(line)) continue;
    const match = FRAME.exec(line);
    if (!match) continue;
    const file = prefix !== '' && match[2]!.startsWith(prefix) ? match[2]!.slice(prefix.length) : match[2]!;
    return match[1] ? `${match[1]} (${file})` : file;
  }
  return undefined;
}
