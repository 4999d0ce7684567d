import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from '@/lib/query/hooks';
import './page.css';

/** Boots an extension page (popup, options) with the shared query client. */
export function renderPage(node: ReactNode) {
  const container = document.getElementById('root');
  if (!container) throw new Error('#root missing from the page');
  createRoot(container).render(<QueryClientProvider client={createQueryClient()}>{node}</QueryClientProvider>);
}
