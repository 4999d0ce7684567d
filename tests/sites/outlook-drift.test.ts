// Drift: when Outlook (or Gmail) renames its generated classes or drops an attribute, the fallbacks still find the
// participants, diagnostics say which fallback was used, and a page with nothing recognisable is reported as such.
import { describe, expect, it } from 'vitest';
import { fallbacksUsed, probeSelectors } from '@/lib/sites/diagnostics';
import { gmailAdapter } from '@/lib/sites/gmail/adapter';
import { outlookAdapter } from '@/lib/sites/outlook/adapter';
import { outlookSelectors } from '@/lib/sites/outlook/selectors';
import type { SiteAdapter } from '@/lib/sites/types';
import { parseFixture } from './gmail-fixtures';
import { parseOutlook } from './outlook-fixtures';

const stripClasses = (doc: Document) => {
  doc.querySelectorAll('[class]').forEach((el) => el.removeAttribute('class'));
  return doc;
};
const renameClasses = (doc: Document) => {
  doc.querySelectorAll('[class]').forEach((el) => el.setAttribute('class', el.className.split(/\s+/).map((c) => `x${c}9`).join(' ')));
  return doc;
};
const dropAttribute = (doc: Document, attr: string, selector = `[${attr}]`) => {
  doc.querySelectorAll(selector).forEach((el) => el.removeAttribute(attr));
  return doc;
};
const people = (adapter: SiteAdapter, doc: Document) => adapter.readThread(doc)?.participants;

describe('outlook drift: the same fixtures still yield the same participants', () => {
  for (const name of ['thread-en-multi.html', 'thread-de.html', 'compose-popout-en.html', 'compose-es.html']) {
    const expected = people(outlookAdapter, parseOutlook(name));

    it(`${name}: classes stripped`, () => {
      expect(expected?.length).toBeGreaterThan(0);
      expect(people(outlookAdapter, stripClasses(parseOutlook(name)))).toEqual(expected);
    });

    it(`${name}: classes renamed`, () => {
      expect(people(outlookAdapter, renameClasses(parseOutlook(name)))).toEqual(expected);
    });
  }

  it('item ids, test ids and app sections gone: roles and aria structure still work, and diagnostics say so', () => {
    const expected = people(outlookAdapter, parseOutlook('thread-en-multi.html'));
    const doc = parseOutlook('thread-en-multi.html');
    doc.querySelectorAll('[id^=MSG_]').forEach((el) => el.removeAttribute('id'));
    for (const attr of ['data-testid', 'data-app-section', 'data-lpc-hover-target-id']) dropAttribute(doc, attr);
    expect(people(outlookAdapter, stripClasses(doc))).toEqual(expected);

    expect(fallbacksUsed(probeSelectors(doc, outlookSelectors))).toEqual(
      expect.arrayContaining(['readingPane', 'sender', 'recipientWell', 'persona', 'collapsedCard']),
    );
    expect(probeSelectors(parseOutlook('thread-en-multi.html'), outlookSelectors)).toMatchObject({ sender: 0, recipientWell: 0, readingPane: 0 });
  });
});

describe('outlook health: recognised, idle, or the manual-search state', () => {
  const health = (doc: Document) => outlookAdapter.health?.(doc);

  it('thread, compose and idle pages', () => {
    expect(health(parseOutlook('thread-en-multi.html'))).toBe('thread');
    expect(health(parseOutlook('compose-popout-en.html'))).toBe('compose');
    expect(health(parseOutlook('inbox-en.html'))).toBe('idle');
  });

  it('a page with nothing recognisable is "unrecognised"', () => {
    const doc = new DOMParser().parseFromString('<html><body><div><div>Outlook 2030</div><div>Hello</div></div></body></html>', 'text/html');
    expect(outlookAdapter.readThread(doc)).toBeNull();
    expect(health(doc)).toBe('unrecognised');
  });

  it('a message body is shown but no sender can be read: "unrecognised", not an empty or wrong card', () => {
    const doc = stripClasses(parseOutlook('thread-de.html'));
    doc.querySelectorAll('[role=region], [aria-label]').forEach((el) => {
      el.removeAttribute('role');
      el.removeAttribute('aria-label');
    });
    expect(outlookAdapter.readThread(doc)).toBeNull();
    expect(health(doc)).toBe('unrecognised');
  });
});

describe('gmail drift', () => {
  it('compose windows: classes stripped or renamed', () => {
    const expected = people(gmailAdapter, parseFixture('compose-en.html'));
    expect(expected?.length).toBeGreaterThan(0);
    expect(people(gmailAdapter, stripClasses(parseFixture('compose-en.html')))).toEqual(expected);
    expect(people(gmailAdapter, renameClasses(parseFixture('compose-en.html')))).toEqual(expected);
  });

  // Gmail's recipient rows and its body guard (`div.ii.gt`, `div.a3s`) are class-only: without classes the thread
  // loses its recipients (a safe failure) but must never pick up an address from a message body.
  it('the multi-message thread: classes stripped or renamed keep the senders and read nothing from bodies', () => {
    const expected = people(gmailAdapter, parseFixture('thread-en-multi.html'))?.map((p) => p.email) ?? [];
    for (const doc of [stripClasses(parseFixture('thread-en-multi.html')), renameClasses(parseFixture('thread-en-multi.html'))]) {
      const found = people(gmailAdapter, doc)?.map((p) => p.email) ?? [];
      expect(found.slice(0, 2)).toEqual(expected.slice(0, 2));
      expect(expected).toEqual(expect.arrayContaining(found));
    }
  });
});

describe('gmail health', () => {
  const health = (doc: Document) => gmailAdapter.health?.(doc);

  it('thread, compose, idle and unrecognised pages', () => {
    expect(health(parseFixture('thread-en-multi.html'))).toBe('thread');
    expect(health(parseFixture('compose-en.html'))).toBe('compose');
    expect(health(parseFixture('inbox-en.html'))).toBe('idle');
    expect(health(new DOMParser().parseFromString('<body><div>Gmail, redesigned</div></body>', 'text/html'))).toBe('unrecognised');
  });

  it('a message with ids but no readable sender is "unrecognised"', () => {
    const doc = parseFixture('thread-es.html');
    doc.querySelectorAll('[email]').forEach((el) => el.removeAttribute('email'));
    expect(health(doc)).toBe('unrecognised');
  });
});
