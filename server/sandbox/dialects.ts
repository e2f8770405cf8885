import { SANDBOX_DIALECTS, type SandboxDialect } from '../../shared/schemas/sandbox-dialect.ts';

export {
  SANDBOX_DIALECTS,
  SandboxDialectSchema,
  type SandboxDialect,
} from '../../shared/schemas/sandbox-dialect.ts';

/**
 * The dialects the sandbox currently speaks (docs/sandbox.md "Dialects"): set at start by
 * `SANDBOX_DIALECT` / the `dialects` option, changed at run time by `PUT /_sandbox/dialects`, and
 * read per request by the code each one bends (`ctx.dialects.has('envelope')`), so a switch takes
 * effect on the next request.
 */
export class SandboxDialects {
  private active: ReadonlySet<SandboxDialect>;

  constructor(private readonly initial: readonly SandboxDialect[] = []) {
    this.active = new Set(initial);
  }

  has(dialect: SandboxDialect): boolean {
    return this.active.has(dialect);
  }

  /** The active dialects in their documented order, whatever order they were given in. */
  list(): SandboxDialect[] {
    return SANDBOX_DIALECTS.filter((d) => this.active.has(d));
  }

  /** Replaces the whole set (an empty list is today's default behaviour). */
  set(dialects: readonly SandboxDialect[]): void {
    this.active = new Set(dialects);
  }

  /** Back to the dialects the sandbox started with (control API reset). */
  reset(): void {
    this.set(this.initial);
  }
}
