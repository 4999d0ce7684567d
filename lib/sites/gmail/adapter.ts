// Gmail's SiteAdapter: DOM in, plain data out. Parsing lives in the small files next to this one.
import type { SiteAdapter } from '../types';
import { readBody } from './body';
import { editorOf, insertAtCaret, openReply } from './editor';
import { pageHealth } from './health';
import { observe } from './observe';
import { gmailSelectors } from './selectors';
import { readThread } from './thread';

export const gmailAdapter: SiteAdapter = {
  site: 'gmail',
  readThread,
  observe,
  insertAtCaret,
  readBody,
  openReply,
  health: (doc, thread = readThread(doc)) => pageHealth(doc, thread),
  editorOf,
  selectors: gmailSelectors,
};
