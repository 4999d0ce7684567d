import { browser } from 'wxt/browser';
import { Dashboard } from '@/components/pages/dashboard/Dashboard';
import { renderPage } from '@/components/pages/renderPage';

document.documentElement.lang = browser.i18n.getUILanguage();
renderPage(<Dashboard />);
