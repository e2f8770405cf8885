import type { AccountEventName, WebhookDelivery } from '../model.ts';

export const DELIVERY_LOG_CAP = 5_000;

export interface DeliveryFilter {
  account_id?: string;
  event?: AccountEventName;
  state?: WebhookDelivery['state'];
  url?: string;
  limit: number;
}

/** The delivery log kept in `store.deliveries`, oldest first, capped to the most recent entries. */
export class DeliveryLog {
  constructor(
    private readonly entries: WebhookDelivery[],
    private readonly cap = DELIVERY_LOG_CAP,
  ) {}

  add(delivery: WebhookDelivery): void {
    this.entries.push(delivery);
    // Pending deliveries are never dropped, so the log only outgrows the cap while that many are in flight.
    while (this.entries.length > this.cap) {
      const index = this.entries.findIndex((d) => d.state !== 'pending');
      if (index < 0) break;
      this.entries.splice(index, 1);
    }
  }

  /** Newest first; `total` counts every match, not only the `limit` returned. */
  query(filter: DeliveryFilter): { data: WebhookDelivery[]; total: number } {
    const data: WebhookDelivery[] = [];
    let total = 0;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const d = this.entries[i]!;
      if (filter.account_id !== undefined && d.account_id !== filter.account_id) continue;
      if (filter.event !== undefined && d.event !== filter.event) continue;
      if (filter.state !== undefined && d.state !== filter.state) continue;
      if (filter.url !== undefined && d.url !== filter.url) continue;
      total++;
      if (data.length < filter.limit) data.push(d);
    }
    return { data, total };
  }

  counts(): Record<WebhookDelivery['state'], number> & { total: number } {
    const counts = { total: this.entries.length, pending: 0, delivered: 0, failed: 0 };
    for (const d of this.entries) counts[d.state]++;
    return counts;
  }
}
