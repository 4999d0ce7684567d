// Outlook on the web's SiteAdapter: DOM in, plain data out. Parsing lives in the small files next to this one.
import type { SiteAdapter } from '../types';
import { readBody } from './body';
import { editorOf, insertAtCaret, openReply } from './editor';
import { pageHealth } from './health';
import { observe } from './observe';
import { outlookSelectors } from './selectors';
import { readThread } from './thread';

export const outlookAdapter: SiteAdapter = {
  site: 'outlook',
  readThread,
  observe,
  insertAtCaret,
  readBody,
  openReply,
  health: (doc, thread = readThread(doc)) => pageHealth(doc, thread),
  editorOf,
  selectors: outlookSelectors,
};
