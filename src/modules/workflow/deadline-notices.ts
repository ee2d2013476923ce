import type { UpdateDueNotices } from '../catalog/update-due.js';
import type { Audience } from '../notifications/audiences.js';
import type { NotificationService } from '../notifications/service.js';
import { workflowOf, type CaseRow, type WorkflowService } from './service.js';

/**
 * The daily notices about dates: a workflow step due by the next working day reminds those who
 * must take it (提前一个工作日提醒); a step past due tells them and the authority's supervisors
 * (七.2 督促检查); a published entry's data update coming due, or missed, tells its department's
 * catalog keepers. Each notice is given once, claimed in the same transaction that sends it.
 */
export class DeadlineNotices {
  constructor(
    private readonly workflow: WorkflowService,
    private readonly updates: UpdateDueNotices,
    private readonly notifications: NotificationService,
  ) {}

  async sendWorkflowNotices(today: string): Promise<void> {
    const { dueSoon, overdue } = await this.workflow.claimDeadlineNotices(today);
    for (const row of dueSoon) await this.notifyCase(row, 'deadline.tomorrow', this.handlersOf(row));
    const supervisors = overdue.length > 0 ? await this.notifications.resolve({ may: 'workflow.supervise', facts: {} }) : [];
    for (const row of overdue) {
      // One notice each, whether one is the step's handler, a supervisor, or both.
      const readers = new Set([...await this.notifications.resolve(this.handlersOf(row)), ...supervisors]);
      await this.notifyCase(row, 'item.overdue', [...readers]);
    }
  }

  /** `remindUntil`: the last due date reminded today (the reminder window's end). */
  async sendUpdateNotices(today: string, remindUntil: string): Promise<void> {
    const { dueSoon, overdue } = await this.updates.claim(today, remindUntil);
    for (const [entries, kind] of [[dueSoon, 'data.update.due'], [overdue, 'data.update.overdue']] as const) {
      for (const entry of entries) {
        if (!entry.department_id) continue;
        await this.notifications.notify({
          to: { may: 'resource.upload', facts: { departmentId: entry.department_id }, department: entry.department_id },
          kind, params: { title: entry.title, dueAt: entry.next_update_due }, link: `/admin/catalog/${encodeURIComponent(entry.id)}`,
        });
      }
    }
  }

  /** Whoever the case waits for: its applicant, or the staff its step's handler action names. */
  private handlersOf(row: CaseRow): Audience {
    const { waitsFor, handledWith } = workflowOf(row).states[row.state] ?? {};
    if (waitsFor === 'applicant' || !handledWith) return row.applicant_id ? [row.applicant_id] : [];
    const facts = { departmentId: row.department_id ?? undefined };
    return waitsFor === 'department' && row.department_id
      ? { may: handledWith, facts, department: row.department_id }
      : { may: handledWith, facts };
  }

  private async notifyCase(row: CaseRow, kind: 'deadline.tomorrow' | 'item.overdue', to: Audience): Promise<void> {
    const wf = workflowOf(row);
    // The link opens the case where the party it waits for handles it; supervisors read it there too.
    const party = wf.states[row.state]?.waitsFor ?? 'authority';
    await this.notifications.notify({
      to, kind, params: { workflow: row.kind, title: row.title, dueAt: row.due_on }, link: wf.pageFor(party, row.subject_id),
    });
  }
}
