import { Card, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { pick, type WorkTask } from '../../consultations';
import { formatDate, TIME_ZONE } from '../../format';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';

/** How far ahead the supervision view looks for work about to fall due. */
const DUE_SOON_DAYS = 3;

function TaskTable({ items, loading, empty, withDepartment = false }: { items: WorkTask[]; loading: boolean; empty: string; withDepartment?: boolean }) {
  const { t, lang } = useI18n();
  return (
    <Table<WorkTask> rowKey={(task) => `${task.kind}:${task.id}`} loading={loading} dataSource={items} pagination={false} locale={{ emptyText: empty }}
      columns={[
        { title: t('workbench.kind'), key: 'kind', render: (_, task) => pick(task.kindLabel, lang) },
        { title: t('workbench.itemTitle'), key: 'title', render: (_, task) => <Link to={task.link}>{task.title}</Link> },
        { title: t('workbench.step'), key: 'step', render: (_, task) => pick(task.stepLabel, lang) },
        ...(withDepartment ? [{ title: t('workbench.department'), key: 'department', render: (_: unknown, task: WorkTask) => task.department ?? '—' }] : []),
        { title: t('workbench.dueAt'), key: 'dueAt', render: (_, task) => (
          <Space size={4}>{formatDate(task.dueAt)}{task.overdue && <Tag color="error">{t('consult.overdue')}</Tag>}</Space>
        ) },
      ]} />
  );
}

/** The authority's supervision (七.2): what is overdue, and what falls due soon, in every department. */
function Supervision() {
  const { t } = useI18n();
  const soon = dayjs().tz(TIME_ZONE).add(DUE_SOON_DAYS + 1, 'day').format('YYYY-MM-DD');
  const overdue = useRequest(() => api.get<{ items: WorkTask[] }>('/api/v1/workflow/overdue'), []);
  const upcoming = useRequest(() => api.get<{ items: WorkTask[] }>(`/api/v1/workflow/overdue?asOf=${soon}`), [soon]);
  const late = new Set((overdue.data?.items ?? []).map((task) => `${task.kind}:${task.id}`));
  const dueSoon = (upcoming.data?.items ?? []).filter((task) => !late.has(`${task.kind}:${task.id}`)).map((task) => ({ ...task, overdue: false }));
  return (
    <Card title={t('workbench.supervision')} className="section-gap">
      <h3>{t('workbench.overdue')}</h3>
      <TaskTable items={overdue.data?.items ?? []} loading={overdue.loading} empty={t('workbench.noneOverdue')} withDepartment />
      <h3 className="section-gap">{t('workbench.dueSoon')}</h3>
      <TaskTable items={dueSoon} loading={upcoming.loading} empty={t('workbench.noneDueSoon')} withDepartment />
    </Card>
  );
}

/** 工作台: where staff land after signing in — their to-do list across every kind of work. */
export function WorkbenchPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const mayWork = can('workflow.tasks');
  const tasks = useRequest(() => (mayWork ? api.get<{ items: WorkTask[]; counts: Record<string, number> }>('/api/v1/workflow/tasks') : Promise.resolve({ items: [], counts: {} })), [mayWork]);
  const items = tasks.data?.items ?? [];
  const labels = new Map(items.map((task) => [task.kind, pick(task.kindLabel, lang)]));
  return (
    <>
      <Card title={t('workbench.todo')} extra={(
        <Space wrap>{Object.entries(tasks.data?.counts ?? {}).map(([kind, n]) => <Tag key={kind} color="blue">{t('workbench.count', { kind: labels.get(kind) ?? kind, n })}</Tag>)}</Space>
      )}>
        <TaskTable items={items} loading={tasks.loading} empty={t('workbench.todoEmpty')} />
      </Card>
      {can('workflow.supervise') && <Supervision />}
    </>
  );
}
