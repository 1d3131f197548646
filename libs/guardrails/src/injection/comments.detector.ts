import type { RawSignal } from './injection.types';

const MAX_COMMENT = 2000;
const COMMENT_DIRECTIVE = new RegExp(
  [
    String.raw`(?:^|[\s:;,.!(-])(?:ai|assistant|llm|model|agent|claude|gpt|chatgpt|copilot)s?\s?[:,]`,
    String.raw`\b(?:ignore|disregard|forget|override|bypass)\s(?:the user|all|any|your|everything|previous|prior|the above|the (?:previous|prior|original|system))\b`,
    String.raw`\b(?:exfiltrate|leak)\b`,
    String.raw`\b(?:ai|assistant|llm|model|agent)[- ](?:only\s)?(?:instructions?|notes?|directives?)\s?:`,
    String.raw`\b(?:do not|don't|never) tell\b`,
    String.raw`\b(?:you|assistant|model) (?:must|should|will) (?:now\s)?(?:call|run|execute|send|read|ignore|delete|forward)\b`,
  ].join('|'),
  'i',
);
const MD_COMMENT = /^\[(?:\/\/|comment|_|#)\]: ?(?:#|<>) ?[("]([^\n]{0,500})/gim;

function commentSignal(start: number, end: number): RawSignal {
  return { start, end, kind: 'comment-directive', family: 'comment', weight: 0.55 };
}

/** HTML comments (`<!-- … -->`, also unterminated) whose body addresses the model or gives an override order. */
function htmlCommentSignals(text: string): RawSignal[] {
  const out: RawSignal[] = [];
  for (let pos = 0; pos < text.length; ) {
    const open = text.indexOf('<!--', pos);
    if (open < 0) break;
    const close = text.indexOf('-->', open + 4);
    const bodyEnd = Math.min(close < 0 ? text.length : close, open + 4 + MAX_COMMENT);
    const end = close < 0 ? bodyEnd : close + 3;
    if (COMMENT_DIRECTIVE.test(text.slice(open + 4, bodyEnd))) out.push(commentSignal(open, end));
    if (close < 0) break;
    pos = end;
  }
  return out;
}

/** Hidden comments (HTML and Markdown link-reference comments) that carry instructions for the model. */
export function commentSignals(text: string): RawSignal[] {
  const out = htmlCommentSignals(text);
  // Every link-reference comment has a `[`: one fast search spares a try of the pattern at every line start.
  if (!text.includes('[')) return out;
  MD_COMMENT.lastIndex = 0;
  for (let m = MD_COMMENT.exec(text); m !== null; m = MD_COMMENT.exec(text)) {
    if (COMMENT_DIRECTIVE.test(m[1] ?? '')) out.push(commentSignal(m.index, m.index + m[0].length));
  }
  return out;
}

/** @internal Regular expressions of this module, for the linear-time audit in the specs. */
export const COMMENT_PATTERNS: readonly RegExp[] = [COMMENT_DIRECTIVE, MD_COMMENT];
