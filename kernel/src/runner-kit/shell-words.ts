/** One shell word; `quoted` when any part was quoted or escaped, so the shell does not glob-expand it. */
export interface ShellWord {
  text: string;
  quoted: boolean;
}

const OPERATORS = '&|;()';

/**
 * Splits a package.json script into simple commands (at `&&`, `||`, `;`, `|`, `&`,
 * parentheses) and each command into words, with sh quoting rules: enough to read how a
 * script invokes a test framework. Variables and substitutions are not expanded.
 */
export function splitScript(script: string): ShellWord[][] {
  const commands: ShellWord[][] = [];
  let words: ShellWord[] = [];
  let text = '';
  let quoted = false;
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push({ text, quoted });
    text = '';
    quoted = false;
    inWord = false;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (c === "'") {
      const end = script.indexOf("'", i + 1);
      const stop = end === -1 ? script.length : end;
      text += script.slice(i + 1, stop);
      i = stop;
      quoted = inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < script.length && script[j] !== '"'; j++) {
        // Inside double quotes a backslash escapes only these.
        if (script[j] === '\\' && '"\\$`'.includes(script[j + 1] ?? '')) j++;
        text += script[j];
      }
      i = j;
      quoted = inWord = true;
    } else if (c === '\\' && i + 1 < script.length) {
      text += script[++i];
      quoted = inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      endWord();
    } else if (OPERATORS.includes(c)) {
      endWord();
      if (words.length > 0) commands.push(words);
      words = [];
    } else {
      text += c;
      inWord = true;
    }
  }
  endWord();
  if (words.length > 0) commands.push(words);
  return commands;
}
