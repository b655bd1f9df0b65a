/** How the installed Node's `--test` finds files; see patterns.ts for the rules themselves. */
export interface NodeTestSemantics {
  /** Node 21+ matches globs (`**\/*.test.js`); Node 20 walks the tree with name rules and takes arguments as paths. */
  globs: boolean;
  /** Type stripping is on unless the command turns it off (Node 22.18+, 23.6+). */
  stripsTypesByDefault: boolean;
}

export function nodeTestSemantics(version: string): NodeTestSemantics {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return {
    globs: major >= 21,
    stripsTypesByDefault: major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18),
  };
}
