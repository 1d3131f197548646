/** Redis keys and channels Bastion uses, all under one configurable prefix. */
export interface BusKeys {
  /** The full snapshot JSON, at `snapshotVersion`. */
  readonly snapshot: string;
  /** The version of the stored snapshot, readable without fetching the snapshot. */
  readonly snapshotVersion: string;
  /** Pub/sub channel carrying change events in version order. */
  readonly configEvents: string;
}

/** Builds the key names for one prefix (e.g. `bastion:`; tests use a prefix per worker). */
export function busKeys(prefix: string): BusKeys {
  return {
    snapshot: `${prefix}config:snapshot`,
    snapshotVersion: `${prefix}config:snapshot:version`,
    configEvents: `${prefix}config:events`,
  };
}
