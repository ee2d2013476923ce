import { AlertOutlined, AuditOutlined, BankOutlined, CalendarOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
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
}

/** The console's sections, in menu order. */
export const SECTIONS: ConsoleSection[] = [
  { path: 'verifications', label: 'admin.verifications', description: 'admin.verificationsText', icon: <SafetyCertificateOutlined />, anyOf: ['verification.list'] },
  { path: 'departments', label: 'admin.departments', description: 'admin.departmentsText', icon: <BankOutlined />, anyOf: ['department.create', 'department.update'] },
  { path: 'users', label: 'admin.users', description: 'admin.usersText', icon: <TeamOutlined />, anyOf: ['user.list'] },
  { path: 'audit', label: 'admin.audit', description: 'admin.auditText', icon: <AuditOutlined />, anyOf: ['audit.read'] },
  { path: 'calendar', label: 'admin.calendar', description: 'admin.calendarText', icon: <CalendarOutlined />, anyOf: ['calendar.read', 'calendar.manage'] },
  { path: 'alerts', label: 'admin.alerts', description: 'admin.alertsText', icon: <AlertOutlined />, anyOf: ['alert.read'] },
];
