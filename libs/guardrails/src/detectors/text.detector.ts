import type { InspectedPayload, PreparedDetector } from '../engine/detector.types';
import { spanFindings } from '../engine/detector.types';
import { stringLeaves } from '../engine/json-paths';
import type { TextSpan } from '../text-span';

/** A detector that scans every string of the payload with one function. */
export function textDetector(scan: (text: string) => TextSpan[]): PreparedDetector {
  return {
    inspect: (input: InspectedPayload) =>
      stringLeaves(input.payload).flatMap((leaf) => spanFindings(leaf.path, scan(leaf.text))),
  };
}
