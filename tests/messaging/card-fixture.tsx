// A Gmail thread with one correspondent, Ana, and the sidebar's providers: what the card's tests render against.
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Root } from 'react-dom/client';
import { SiteContext } from '@/components/sidebar/site';
import { createQueryClient } from '@/lib/query/hooks';
import type { SiteAdapter, ThreadContext } from '@/lib/sites/types';

export const EMAIL = 'ana@clientco.com';

export const thread: ThreadContext = {
  site: 'gmail',
  threadId: 't1',
  subject: 'Renewal',
  messageIds: ['m1'],
  messages: [{ id: 'm1', from: EMAIL, to: ['rep@acme-sales.com'], sentAt: Date.now() }],
  participants: [{ email: EMAIL, name: 'Ana', roles: ['from'] }],
  selfEmail: 'rep@acme-sales.com',
};

export const site = { adapter: { site: 'gmail', readThread: () => thread, observe: () => {}, insertAtCaret: () => false } satisfies SiteAdapter, doc: document };

/** `node` rendered into `root` with the sidebar's providers (a fresh query cache unless one is given). */
export function renderInSidebar(root: Root, node: ReactNode, client: QueryClient = createQueryClient()): void {
  root.render(
    <QueryClientProvider client={client}>
      <SiteContext.Provider value={site}>{node}</SiteContext.Provider>
    </QueryClientProvider>,
  );
}
