import type { Snapshot, ToolPinEntry } from '@bastion/contracts';

/** A server's pins by upstream tool name. */
export type ServerPins = ReadonlyMap<string, ToolPinEntry>;

const NO_PINS: ServerPins = new Map();
// The snapshot's toolPins map is replaced (never modified) when a pin changes, so an index built
// once per map stays right for as long as the map is in use.
const indexes = new WeakMap<Snapshot['toolPins'], ReadonlyMap<string, ServerPins>>();

function build(toolPins: Snapshot['toolPins']): ReadonlyMap<string, ServerPins> {
  const byServer = new Map<string, Map<string, ToolPinEntry>>();
  for (const pin of Object.values(toolPins)) {
    let pins = byServer.get(pin.serverId);
    if (!pins) {
      pins = new Map<string, ToolPinEntry>();
      byServer.set(pin.serverId, pins);
    }
    pins.set(pin.toolName, pin);
  }
  return byServer;
}

/** The pins of one server, by tool name (indexed once per snapshot pin map). */
export function pinsOfServer(toolPins: Snapshot['toolPins'], serverId: string): ServerPins {
  let index = indexes.get(toolPins);
  if (!index) {
    index = build(toolPins);
    indexes.set(toolPins, index);
  }
  return index.get(serverId) ?? NO_PINS;
}
