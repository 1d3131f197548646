import { describe, expect, it } from 'vitest';
import { ReloadDemand } from './reload.demand';

describe(ReloadDemand.name, () => {
  it('is met only by a load that started after the request', () => {
    const demand = new ReloadDemand(1_000);
    demand.request();
    const early = demand.begin();
    demand.request();
    demand.complete(early);
    expect(demand.pending).toBe(true);
    demand.complete(demand.begin());
    expect(demand.pending).toBe(false);
  });

  it('keeps the highest minimum across requests and forgets it once met', () => {
    const demand = new ReloadDemand(1_000);
    demand.request(9);
    demand.request(4);
    expect(demand.required).toBe(9);
    expect(demand.accepts(8, 0)).toBe(false);
    expect(demand.accepts(9, 0)).toBe(true);
    demand.complete(demand.begin());
    expect(demand.required).toBe(0);
  });

  it('lets a reset lower the minimum (a restored, older configuration)', () => {
    const demand = new ReloadDemand(1_000);
    demand.request(9);
    demand.requestReset(3);
    expect(demand.accepts(3, 0)).toBe(true);
  });

  it('takes an older snapshot once it stayed older for the catch-up timeout', () => {
    const demand = new ReloadDemand(1_000);
    demand.request(9);
    expect(demand.accepts(5, 10_000)).toBe(false);
    expect(demand.accepts(5, 10_999)).toBe(false);
    expect(demand.accepts(5, 11_000)).toBe(true);
  });

  it('keeps a minimum asked for while a load was running', () => {
    const demand = new ReloadDemand(1_000);
    demand.request();
    const start = demand.begin();
    demand.request(7);
    demand.complete(start);
    expect(demand.pending).toBe(true);
    expect(demand.required).toBe(7);
  });
});
