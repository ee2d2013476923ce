import { Tag } from 'antd';
import type { Party } from '../../applications';
import { useI18n } from '../../i18n';

/** A verified person or organisation: the name from their real-name verification, and which they are. */
export function PartyName({ party, creditLevel }: { party: Party; creditLevel?: string }) {
  const { t } = useI18n();
  return (
    <span>
      {party.name}
      {party.type && <Tag className="party-type">{t(party.type === 'organization' ? 'party.organization' : 'party.person')}</Tag>}
      {creditLevel && <span className="muted">{t('party.creditLevel', { level: creditLevel })}</span>}
    </span>
  );
}
