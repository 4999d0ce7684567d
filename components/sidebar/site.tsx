// The page the sidebar lives on: its adapter (for editor inserts) and document, given once at mount.
import { createContext, useContext } from 'react';
import type { SiteAdapter } from '@/lib/sites/types';

export interface Site {
  adapter: SiteAdapter;
  doc: Document;
}

export const SiteContext = createContext<Site | null>(null);

export function useSite(): Site {
  const site = useContext(SiteContext);
  if (!site) throw new Error('The sidebar is rendered outside mountSidebar');
  return site;
}
