// Outlook on the web's SiteAdapter: DOM in, plain data out. Parsing lives in the small files next to this one.
import type { SiteAdapter } from '../types';
import { readBody } from './body';
import { insertAtCaret, openReply, trackEditorCaret } from './editor';
import { pageHealth } from './health';
import { observe } from './observe';
import { readThread } from './thread';

export const outlookAdapter: SiteAdapter = {
  site: 'outlook',
  readThread,
  observe(doc, onChange, signal) {
    observe(doc, onChange, signal);
    trackEditorCaret(doc, signal);
  },
  insertAtCaret,
  readBody,
  openReply,
  health: (doc) => pageHealth(doc, readThread(doc)),
};
