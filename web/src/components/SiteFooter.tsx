import { Link } from 'react-router-dom';
import { useDepartments } from '../departments';
import { useI18n } from '../i18n';
import { site } from '../site';

/** The authority's name and contact (from its department record) and the filing lines. */
export function SiteFooter() {
  const { lang, t } = useI18n();
  const { data } = useDepartments();
  const authority = data?.find((d) => d.kind === 'authority');

  return (
    <footer className="site-footer">
      <div className="container footer-grid">
        <div>
          <div className="footer-title">{t('footer.sponsor')}</div>
          <p>{authority?.name ?? site.authority[lang]}</p>
          {authority?.responsibleUnit && <p>{t('footer.undertaker')}{t('common.colon')}{authority.responsibleUnit}</p>}
        </div>
        <div>
          <div className="footer-title">{t('footer.contact')}</div>
          {authority ? (
            <>
              {authority.address && <p>{t('footer.address')}{t('common.colon')}{authority.address}</p>}
              <p>{t('footer.phone')}{t('common.colon')}{authority.contact.phone}</p>
              <p>{t('footer.email')}{t('common.colon')}<a href={`mailto:${authority.contact.email}`}>{authority.contact.email}</a></p>
            </>
          ) : (
            <p>—</p>
          )}
        </div>
        <div>
          <div className="footer-title">{t('footer.links')}</div>
          <p><Link to="/departments">{t('nav.departments')}</Link></p>
          <p><a href="/api/docs" target="_blank" rel="noopener noreferrer">{t('nav.apiDocs')}</a></p>
          <p><a href="/api/v1/catalog.jsonld" target="_blank" rel="noopener noreferrer">{t('nav.dcat')}</a></p>
          <p><Link to="/user/verification">{t('home.entry.verification')}</Link></p>
        </div>
      </div>
      <div className="footer-bottom">
        <div className="container">
          <span>{t('footer.copyright', { authority: authority?.name ?? site.authority[lang] })}</span>
          <span>{t('footer.siteCode')}{t('common.colon')}{site.siteCode}</span>
          <span>{site.icp}</span>
          <span>{site.policeRecord}</span>
        </div>
      </div>
    </footer>
  );
}
