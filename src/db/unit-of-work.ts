import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

interface Scope {
  trx: Transaction<DB>;
  /** False once the command's work has returned: late callbacks it left behind use the pool. */
  open: boolean;
  afterCommit: (() => Promise<void>)[];
}

/**
 * One command, one transaction. `run` opens the transaction of a command (an HTTP write, a
 * job's step); every statement the services issue while it runs goes into it, whichever
 * module issues it, through the scoped database that `scoped` hands to the services. A
 * service's own `db.transaction().execute(…)` joins the command's transaction instead of
 * opening a second one, so a command commits whole or not at all, its audit row included.
 *
 * The scope travels with the command's async calls (AsyncLocalStorage), not as a parameter
 * every service method would have to thread through: a statement can then never reach the
 * pool by mistake while its command holds a transaction. On SQLite that matters twice:
 * Kysely has one connection there, so a statement outside the open transaction would wait for
 * it forever.
 */
export class UnitOfWork {
  private readonly scope = new AsyncLocalStorage<Scope>();
  /** The database as services see it: the open command's transaction, or the pool. */
  readonly scoped: Kysely<DB>;

  constructor(private readonly root: Kysely<DB>) {
    this.scoped = this.scopedDatabase();
  }

  /** Runs `work` in the current command's transaction, or as a command of its own. */
  async run<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    const current = this.openScope();
    if (current) return work(current.trx);
    const afterCommit: Scope['afterCommit'] = [];
    const result = await this.root.transaction().execute((trx) => {
      const scope: Scope = { trx, open: true, afterCommit };
      return this.scope.run(scope, () => work(trx)).finally(() => { scope.open = false; });
    });
    for (const effect of afterCommit) await effect();
    return result;
  }

  /**
   * Work outside the database (removing a replaced file) that must follow the command's commit
   * and never happen when it rolls back; at once when no command is open.
   */
  async afterCommit(effect: () => Promise<void>): Promise<void> {
    const current = this.openScope();
    if (current) current.afterCommit.push(effect);
    else await effect();
  }

  /** Whether a command's transaction is open here (a job step asks before it opens its own). */
  get inCommand(): boolean {
    return this.openScope() !== undefined;
  }

  private openScope(): Scope | undefined {
    const scope = this.scope.getStore();
    return scope?.open ? scope : undefined;
  }

  /**
   * A service's `transaction().execute(work)` is `run(work)`: it joins the open command, or
   * opens one whose scope the statements of every service it calls then follow. Kysely keeps
   * its state in private fields, so every other call is bound to the real instance it goes to.
   */
  private scopedDatabase(): Kysely<DB> {
    const builder = { execute: <T>(work: (trx: Transaction<DB>) => Promise<T>) => this.run(work) };
    return new Proxy(this.root, {
      get: (root, property) => {
        if (property === 'transaction') return () => builder;
        const target = this.openScope()?.trx ?? root;
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}
