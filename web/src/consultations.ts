/** 我要咨询 and the workbench as the API answers them; labels come from the server or the locale files. */
import type { TimelineStep } from './components/CaseTimeline';
import type { Lang } from './i18n';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface ConsultationSummary {
  id: string;
  title: string;
  entryId: string | null;
  public: boolean;
  askedAt: string;
  status: string;
  statusLabel: Bilingual | null;
  departmentId: string | null;
  dueAt: string | null;
  overdue: boolean;
  reply: { content: string; at: string } | null;
}

export interface ConsultationDetail extends ConsultationSummary {
  /** The title of the dataset asked about. */
  entryTitle: string | null;
  content: string;
  timeline: TimelineStep[];
  /** The transitions the signed-in person may take now, as the server's policy decided. */
  abilities: string[];
}

export interface PublicAnswer {
  id: string;
  title: string;
  content: string;
  entryId: string | null;
  reply: { content: string; at: string } | null;
  askedAt: string;
}

export interface Paged<T> {
  total: number;
  items: T[];
}

export interface WorkTask {
  kind: string;
  kindLabel: Bilingual;
  id: string;
  title: string;
  step: string;
  stepLabel: Bilingual | null;
  departmentId: string | null;
  department?: string | null;
  dueAt: string | null;
  overdue: boolean;
  /** Where the party the step waits for handles it. */
  link: string;
}

export function pick(label: Bilingual | null | undefined, lang: Lang): string {
  return label ? label[lang] : '—';
}

/** Where the staff handle an item of each workflow kind. */
const STATUS_COLORS: Record<string, string> = { with_authority: 'processing', with_department: 'processing', answered: 'success', withdrawn: 'default' };

export function statusColor(status: string): string {
  return STATUS_COLORS[status] ?? 'default';
}

