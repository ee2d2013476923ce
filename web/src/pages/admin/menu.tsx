import { AlertOutlined, CloudDownloadOutlined, DashboardOutlined, QuestionCircleOutlined, AuditOutlined, BankOutlined, CalendarOutlined, DatabaseOutlined, FileProtectOutlined, FileSearchOutlined, KeyOutlined, SafetyCertificateOutlined, SafetyOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from '../../i18n';
import type { Permission } from '../../types';

export interface ConsoleSection {
  path: string;
  label: MessageKey;
  description: MessageKey;
  icon: ReactNode;
  /** Shown to whoever holds any of these, as GET /api/v1/me reports them. */
  anyOf: Permission[];
  /** …and, when given, all of these. */
  allOf?: Permission[];
}

/** Whether the section is for someone holding these permissions. */
export function mayOpen(section: Pick<ConsoleSection, 'anyOf' | 'allOf'>, can: (p: Permission) => boolean): boolean {
  return section.anyOf.some(can) && (section.allOf ?? []).every(can);
}

/** The console's sections, in menu order. */
export const SECTIONS: ConsoleSection[] = [
  { path: 'workbench', label: 'workbench.title', description: 'workbench.text', icon: <DashboardOutlined />, anyOf: ['workflow.tasks'] },
  { path: 'consultations', label: 'consult.queue', description: 'consult.queueText', icon: <QuestionCircleOutlined />, anyOf: ['workflow.tasks'] },
  { path: 'applications', label: 'apply.queue', description: 'apply.queueText', icon: <SolutionOutlined />, anyOf: ['workflow.tasks'] },
  { path: 'grants', label: 'grant.console', description: 'grant.consoleText', icon: <KeyOutlined />, anyOf: ['workflow.tasks'] },
  { path: 'catalog', label: 'admin.catalog', description: 'admin.catalogText', icon: <DatabaseOutlined />, anyOf: ['catalog.console'] },
  { path: 'review', label: 'admin.review', description: 'admin.reviewText', icon: <FileSearchOutlined />, anyOf: ['catalog.review', 'catalog.review.department'] },
  { path: 'licence', label: 'admin.licence', description: 'admin.licenceText', icon: <FileProtectOutlined />, anyOf: ['licence.manage'] },
  { path: 'pledge', label: 'admin.pledge', description: 'admin.pledgeText', icon: <SafetyOutlined />, anyOf: ['pledge.manage'] },
  { path: 'agreement-template', label: 'admin.agreementTemplate', description: 'admin.agreementTemplateText', icon: <FileProtectOutlined />, anyOf: ['agreementTemplate.manage'] },
  { path: 'harvest', label: 'harvest.title', description: 'harvest.text', icon: <CloudDownloadOutlined />, anyOf: ['harvest.manage'] },
  { path: 'verifications', label: 'admin.verifications', description: 'admin.verificationsText', icon: <SafetyCertificateOutlined />, anyOf: ['verification.list'] },
  { path: 'departments', label: 'admin.departments', description: 'admin.departmentsText', icon: <BankOutlined />, anyOf: ['department.create', 'department.update'] },
  { path: 'users', label: 'admin.users', description: 'admin.usersText', icon: <TeamOutlined />, anyOf: ['user.list'] },
  { path: 'audit', label: 'admin.audit', description: 'admin.auditText', icon: <AuditOutlined />, anyOf: ['audit.read'] },
  { path: 'calendar', label: 'admin.calendar', description: 'admin.calendarText', icon: <CalendarOutlined />, anyOf: ['calendar.read', 'calendar.manage'] },
  { path: 'alerts', label: 'admin.alerts', description: 'admin.alertsText', icon: <AlertOutlined />, anyOf: ['alert.read'] },
];
