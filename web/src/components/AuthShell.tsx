import { CheckCircleFilled } from '@ant-design/icons';
import { Card } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { site } from '../site';

/** The frame of the sign-in and registration pages: what the account is for, and the form. */
export function AuthShell({ title, children }: { title: ReactNode; children: ReactNode }) {
  const { lang, t } = useI18n();
  return (
    <section className="auth-shell">
      <div className="container auth-inner">
        <div className="auth-intro">
          <h2>{site.platform[lang]}</h2>
          <p>{t('auth.introText')}</p>
          <ul>
            <li><CheckCircleFilled /> {t('auth.point1')}</li>
            <li><CheckCircleFilled /> {t('auth.point2')}</li>
            <li><CheckCircleFilled /> {t('auth.point3')}</li>
          </ul>
        </div>
        <Card className="auth-card" title={<h1 className="auth-title">{title}</h1>}>
          {children}
        </Card>
      </div>
    </section>
  );
}
