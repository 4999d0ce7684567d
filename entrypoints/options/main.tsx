import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { renderPage } from '@/components/pages/renderPage';
import { OptionsPage } from '@/components/pages/OptionsPage';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = i18n.t('options.title');
renderPage(<OptionsPage />);
