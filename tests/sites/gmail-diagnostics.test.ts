// Local diagnostics on Gmail: which selector of each fallback list matched (primary, a fallback, or none), recorded
// through the sidebar's shared observer into storage.local, with nothing personal in it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addDiagnostics, DIAGNOSTICS_KEY, diagnoseSelectors, KEEP_PER_SITE, type PageDiagnostics, parseDiagnostics } from '@/lib/sites/diagnostics';
import { MAX_WAIT_MS, recordDiagnostics, SETTLE_MS } from '@/lib/sites/diagnostics-recorder';
import { gmailAdapter } from '@/lib/sites/gmail/adapter';
import { gmailSelectors } from '@/lib/sites/gmail/selectors';
import { shareObserver } from '@/lib/sites/shared-observer';
import { loadIntoDocument, parseFixture, parseHtml } from './gmail-fixtures';

const stripClasses = (doc: Document) => {
  doc.querySelectorAll('[class]').forEach((el) => el.removeAttribute('class'));
  return doc;
};
const diagnose = (doc: Document) => diagnoseSelectors(doc, 'gmail', gmailSelectors, gmailAdapter.health?.(doc) ?? 'unknown', 1);

describe('gmail diagnostics: primary, fallback or none', () => {
  it('current Gmail matches the primary selectors', () => {
    const entry = diagnose(parseFixture('thread-en-multi.html'));
    expect(entry.health).toBe('thread');
    expect(entry.selectors).toMatchObject({ message: 0, sender: 0, recipients: 0, subject: 0, body: 0, date: 0, editor: 0 });
    expect(entry.fallbacks).not.toContain('sender');
  });

  it('class names stripped: the attribute fallbacks are recorded, class-only lists say none', () => {
    const doc = stripClasses(parseFixture('thread-en-multi.html'));
    const entry = diagnose(doc);
    // The sender chip is still found, through its last fallback (`span[email]`); the subject through its ids.
    expect(entry.selectors).toMatchObject({ sender: 3, subject: 1, editor: 1, message: 0 });
    expect(entry.fallbacks).toEqual(expect.arrayContaining(['sender', 'subject', 'editor']));
    // Class-only lists have nothing left: reported as none (-1), never as a match.
    expect(entry.selectors).toMatchObject({ mainContainer: -1, body: -1, recipients: -1, date: -1 });
    expect(entry.health).toBe('thread');
  });

  it('a page with nothing recognisable: none everywhere it matters, health unrecognised', () => {
    const entry = diagnose(parseHtml('<html><body><div><div>Gmail, redesigned</div></div></body></html>'));
    expect(entry.health).toBe('unrecognised');
    expect(Object.values(entry.selectors).every((i) => i === -1)).toBe(true);
    expect(entry.fallbacks).toEqual([]);
  });

  it('a selector the browser rejects counts as no match, and the next one is tried', () => {
    const doc = parseHtml('<div id="x" role="main"></div>');
    expect(diagnoseSelectors(doc, 'gmail', { main: ['div:unknown-pseudo(1)', '[role=main]'] }, 'idle').selectors).toEqual({ main: 1 });
  });
});

describe('recording (storage.local, never sent anywhere)', () => {
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });
  const stored = async () => parseDiagnostics((await fakeBrowser.storage.local.get(DIAGNOSTICS_KEY))[DIAGNOSTICS_KEY]);

  it('records once the page settles, again only when what matched changes, and holds no personal data', async () => {
    vi.useFakeTimers();
    loadIntoDocument('thread-en-multi.html');
    const controller = new AbortController();
    const shared = shareObserver(gmailAdapter, document, controller.signal);
    const onChange = vi.fn();
    shared.observe(document, onChange, controller.signal);
    recordDiagnostics(shared, document, controller.signal);
    await vi.advanceTimersByTimeAsync(SETTLE_MS - 100);
    expect(await stored()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1500);
    const [first, ...rest] = await stored();
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ site: 'gmail', health: 'thread', selectors: { sender: 0 } });

    // Nothing changed in what matched: no second entry.
    document.body.append(document.createElement('div'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(await stored()).toHaveLength(1);

    // Gmail drops its class names: the sidebar hears it through the same observer, the fallback is recorded.
    stripClasses(document);
    document.body.append(document.createElement('div'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(onChange).toHaveBeenCalled();
    const entries = await stored();
    expect(entries).toHaveLength(2);
    expect(entries[0]?.fallbacks).toContain('sender');

    const text = JSON.stringify(entries);
    expect(text).not.toMatch(/@|Priya|Vendor|Rita|thread-f|#inbox/);
    controller.abort();
  });

  it('a page the adapter says it does not read (Outlook\'s calendar) is not recorded', async () => {
    vi.useFakeTimers();
    loadIntoDocument('thread-en-multi.html');
    const controller = new AbortController();
    let mail = false;
    const adapter = { ...gmailAdapter, readsPage: () => mail };
    recordDiagnostics(shareObserver(adapter, document, controller.signal), document, controller.signal);
    await vi.advanceTimersByTimeAsync(SETTLE_MS + 1500);
    expect(await stored()).toEqual([]);
    mail = true; // back on mail: the next change is recorded
    document.body.append(document.createElement('div'));
    await vi.advanceTimersByTimeAsync(SETTLE_MS + 1500);
    expect(await stored()).toHaveLength(1);
    controller.abort();
  });

  it('a page that never settles is still probed after MAX_WAIT_MS', async () => {
    vi.useFakeTimers();
    loadIntoDocument('thread-en-multi.html');
    const controller = new AbortController();
    recordDiagnostics(shareObserver(gmailAdapter, document, controller.signal), document, controller.signal);
    // A change every half second (a live counter), well under SETTLE_MS apart.
    for (let t = 0; t < MAX_WAIT_MS + SETTLE_MS * 2; t += 500) {
      document.querySelector('[role=main]')?.append(document.createElement('span'));
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(await stored()).toHaveLength(1);
    controller.abort();
  });

  it('stops on abort: no write after the content script is invalidated', async () => {
    vi.useFakeTimers();
    loadIntoDocument('inbox-en.html');
    const controller = new AbortController();
    recordDiagnostics(shareObserver(gmailAdapter, document, controller.signal), document, controller.signal);
    controller.abort();
    await vi.advanceTimersByTimeAsync(5000);
    expect(await stored()).toEqual([]);
  });
});

describe('stored entries', () => {
  const entry = (site: PageDiagnostics['site'], at: number): PageDiagnostics => ({ site, host: 'h', at, health: 'thread', selectors: { a: 0 }, fallbacks: [] });

  it('keep the newest KEEP_PER_SITE per site, newest first', () => {
    let list: PageDiagnostics[] = [entry('outlook', 1)];
    for (let i = 0; i < 25; i++) list = addDiagnostics(list, entry('gmail', 100 + i));
    expect(list.filter((e) => e.site === 'gmail')).toHaveLength(KEEP_PER_SITE);
    expect(list[0]?.at).toBe(124);
    expect(list.filter((e) => e.site === 'outlook')).toHaveLength(1);
  });

  it('anything else found under the key is dropped, not trusted', () => {
    const good = entry('gmail', 5);
    expect(parseDiagnostics([good, null, 'x', { ...good, site: 'yahoo' }, { ...good, selectors: { a: 'primary' } }])).toEqual([good]);
    expect(parseDiagnostics({ not: 'a list' })).toEqual([]);
  });
});
