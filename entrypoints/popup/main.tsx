import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { ContactSearch } from '@/components/pages/ContactSearch';
import { renderPage } from '@/components/pages/renderPage';
import { SyncStatusLine } from '@/components/pages/sync/SyncStatusLine';

document.documentElement.lang = browser.i18n.getUILanguage();
renderPage(
  <>
    <ContactSearch closeAfterOpen />
    <SyncStatusLine />
    <p className="row">
      <a href={browser.runtime.getURL('/dashboard.html')} target="_blank" rel="noreferrer" data-testid="open-dashboard">
        {i18n.t('dashboard.open')}
      </a>
      <a href="#" onClick={(e) => { e.preventDefault(); void browser.runtime.openOptionsPage(); }}>
        {i18n.t('popup.openOptions')}
      </a>
    </p>
  </>,
);
