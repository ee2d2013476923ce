import type { UnitOfWork } from '../../db/unit-of-work.js';

export interface DeliveryLog {
  warn(obj: object, msg: string): void;
}

/**
 * Messages leaving the platform (email, SMS) go after their command commits — a rolled-back
 * command sends nothing — and without holding up its answer: a slow or broken mail server
 * delays no one and fails no command. A failed delivery is logged; the inbox has the notice.
 */
export class Outbox {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly unitOfWork: UnitOfWork, private readonly log: DeliveryLog) {}

  async sendAfterCommit(what: { channel: string; kind: string }, send: () => Promise<void>): Promise<void> {
    await this.unitOfWork.afterCommit(async () => {
      const delivery: Promise<void> = send()
        .catch((err: unknown) => this.log.warn({ err, ...what }, 'notification delivery failed'))
        .finally(() => this.pending.delete(delivery));
      this.pending.add(delivery);
    });
  }

  /** Resolves once every message handed over so far has been sent or has failed (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
