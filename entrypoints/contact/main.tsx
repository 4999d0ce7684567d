// contact.html?id=…: one contact's full card, opened from the popup's search or recent list and from the dashboard.
import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { contactIdFrom, FullCardPage } from '@/components/pages/contact/FullCard';
import { createQueryClient } from '@/lib/query/hooks';
import '@/components/sidebar/sidebar.css';
import '@/components/pages/contact/full-card.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = `Ficha — ${i18n.t('fullCard.title')}`;
const container = document.getElementById('root');
if (!container) throw new Error('#root missing from the page');
createRoot(container).render(
  <QueryClientProvider client={createQueryClient()}>
    <FullCardPage id={contactIdFrom(location.search)} />
  </QueryClientProvider>,
);
