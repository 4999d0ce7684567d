// The reading pane is remembered between reads, but never past the moment it stops being the pane.
import { afterEach, describe, expect, it } from 'vitest';
import { readingPane } from '@/lib/sites/outlook/messages';

const pane = (id: string) => `<div id="${id}" role="main" data-app-section="MailReadCompose"></div>`;

describe('readingPane', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('finds the pane Outlook put in place of the one it read before', () => {
    document.body.innerHTML = pane('first');
    expect(readingPane(document)?.id).toBe('first');
    document.body.innerHTML = pane('second');
    expect(readingPane(document)?.id).toBe('second');
  });

  it('does not keep a pane that was hidden, or that lost what made it the pane', () => {
    document.body.innerHTML = pane('first') + pane('second');
    const first = document.getElementById('first')!;
    expect(readingPane(document)).toBe(first);
    first.hidden = true;
    expect(readingPane(document)?.id).toBe('second');
    first.hidden = false;
    document.getElementById('second')!.removeAttribute('data-app-section');
    expect(readingPane(document)?.id).toBe('first');
    first.removeAttribute('data-app-section');
    // Only fallbacks match now: the first shown [role=main], found afresh.
    expect(readingPane(document)?.id).toBe('first');
    first.setAttribute('role', 'region');
    expect(readingPane(document)?.id).toBe('second');
  });
});
