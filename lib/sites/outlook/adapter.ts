// Outlook on the web's SiteAdapter: DOM in, plain data out. Parsing lives in the small files next to this one.
import type { SiteAdapter } from '../types';
import { insertAtCaret } from './editor';
import { pageHealth } from './health';
import { observe } from './observe';
import { readThread } from './thread';

export const outlookAdapter: SiteAdapter = {
  site: 'outlook',
  readThread,
  observe,
  insertAtCaret,
  health: (doc) => pageHealth(doc, readThread(doc)),
};
