import type { JsonRpcId } from './json-rpc';

/** Requests this worker is running, so a client's notifications/cancelled can abort them. */
export class InflightRequests {
  private readonly controllers = new Map<string, AbortController>();

  start(sid: string, id: JsonRpcId): { signal: AbortSignal; done: () => void } {
    const key = `${sid} ${JSON.stringify(id)}`;
    const controller = new AbortController();
    this.controllers.set(key, controller);
    return { signal: controller.signal, done: () => this.controllers.delete(key) };
  }

  /** Aborts the request if it runs here; returns whether it did. */
  cancel(sid: string, id: JsonRpcId): boolean {
    const controller = this.controllers.get(`${sid} ${JSON.stringify(id)}`);
    controller?.abort(new Error('Cancelled by the client.'));
    return controller !== undefined;
  }

  /** Handles a cancellation broadcast by another worker (`<sid> <id JSON>`). */
  cancelFromBroadcast(payload: string): void {
    const controller = this.controllers.get(payload);
    controller?.abort(new Error('Cancelled by the client.'));
  }

  get size(): number {
    return this.controllers.size;
  }
}
