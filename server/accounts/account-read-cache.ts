export interface ReadCacheOptions {
  ttlMs: number;
  maxEntries: number;
  /** While false, every read loads and nothing is kept (another process's changes may be missed). */
  enabled?: () => boolean;
  now?: () => number;
}

/**
 * Values by account id for a while, so that reading an account again does not repeat work whose
 * answer has not changed. `forget` drops an account's value and makes loads already under way keep
 * nothing, so a change committed before it is seen by every read that starts after it.
 */
export class AccountReadCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  private readonly inFlight = new Map<string, Promise<V>>();
  /** Bumped by every invalidation: a load that started before one does not store its answer. */
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly options: ReadCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached value, or `load`'s (concurrent reads of one account share a load). */
  async read(id: string, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    if (this.options.enabled && !this.options.enabled()) {
      this.clear();
      return load();
    }
    const hit = this.entries.get(id);
    if (hit && hit.until > this.now()) return hit.value;
    if (hit) this.entries.delete(id);

    let pending = this.inFlight.get(id);
    if (!pending) {
      const generation = this.generation;
      const started = this.now();
      const loading: Promise<V> = load()
        .then((value) => {
          if (generation === this.generation && keep(value)) this.store(id, value, started);
          return value;
        })
        .finally(() => {
          if (this.inFlight.get(id) === loading) this.inFlight.delete(id);
        });
      pending = loading;
      this.inFlight.set(id, pending);
    }
    return pending;
  }

  forget(id: string): void {
    this.generation++;
    this.inFlight.delete(id);
    this.entries.delete(id);
  }

  clear(): void {
    this.generation++;
    this.inFlight.clear();
    this.entries.clear();
  }

  private store(id: string, value: V, started: number) {
    const until = started + this.options.ttlMs;
    if (until <= this.now()) return;
    this.entries.delete(id);
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(id, { value, until });
  }
}
