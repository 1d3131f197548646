import { NAME_DELIMITER } from '../catalog/tool-naming';

/** The tool prefix the gateway keeps for its own meta-tools: `bastion__<tool>`. */
export const META_PREFIX = 'bastion';

const RESERVED = `${META_PREFIX}${NAME_DELIMITER}`;

/** The name clients see for a meta-tool. */
export function metaToolName(tool: string): string {
  return `${RESERVED}${tool}`;
}

/** Whether an exposed tool name falls in the reserved `bastion__` namespace. */
export function isReservedName(name: string): boolean {
  return name.startsWith(RESERVED);
}
