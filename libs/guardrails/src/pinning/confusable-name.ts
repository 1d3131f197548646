import { normalizeForScan } from '../injection';

/** ASCII look-alikes that survive NFKC and case folding, each mapped to the letter it imitates. */
const ASCII_LOOKALIKES: ReadonlyArray<[RegExp, string]> = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/[1il|]/g, 'l'],
  [/0/g, 'o'],
  [/[-.\s]/g, '_'],
];

/**
 * The skeleton of a tool name: what it looks like rather than what it is. NFKC, hidden characters
 * removed, Cyrillic/Greek homoglyphs folded to Latin (the injection scanner's normalization), lower
 * case, then ASCII look-alikes merged (`rn`→`m`, `vv`→`w`, `1`/`i`/`|`→`l`, `0`→`o`, `-`/`.`→`_`).
 * Two names with the same skeleton are easy to mistake for one another.
 */
export function nameSkeleton(name: string): string {
  let skeleton = normalizeForScan(name).toLowerCase();
  for (const [pattern, replacement] of ASCII_LOOKALIKES) skeleton = skeleton.replace(pattern, replacement);
  return skeleton;
}

/**
 * True when two tool names are look-alikes but not the same name: `read_file` and `read_fiIe`,
 * `send_email` and `send_emаil` (Cyrillic а), `get-user` and `get_user`. Identical names are not
 * confusable (they are the same tool name, a plain collision).
 */
export function confusableName(a: string, b: string): boolean {
  return a !== b && nameSkeleton(a) === nameSkeleton(b);
}
