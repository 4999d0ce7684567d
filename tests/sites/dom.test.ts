// The shared DOM helpers the adapters build on.
import { describe, expect, it } from 'vitest';
import { cleanText, findAll, findFirst, isShown } from '@/lib/sites/dom';
import { gmailAdapter } from '@/lib/sites/gmail/adapter';
import { parseHtml } from './gmail-fixtures';

describe('site DOM helpers', () => {
  const doc = parseHtml(`
    <div id="a" style="display: none"><span class="x" email="a@example.com"></span></div>
    <div id="b"><span class="y" email="b@example.com"></span><span class="y" email="c@example.com"></span></div>
    <section hidden><p id="c"></p></section>`);

  it('reports which fallback matched, skipping rejected elements and unsupported selectors', () => {
    expect(findFirst(doc, ['span.z', ':unsupported(x)', 'span[email]'], isShown)).toEqual({
      el: doc.querySelector('span.y'),
      selectorIndex: 2,
    });
    expect(findFirst(doc, ['span.z'])).toBeNull();
    expect(findAll(doc, ['span.x', 'span.y'], isShown)).toMatchObject({ selectorIndex: 1 });
    expect(findAll(doc, ['span.x', 'span.y'], isShown).els).toHaveLength(2);
    expect(findAll(doc, ['span.z'])).toEqual({ els: [], selectorIndex: -1 });
  });

  it('treats inline display:none and the hidden attribute on any ancestor as not shown', () => {
    expect(isShown(doc.querySelector('span.x')!)).toBe(false);
    expect(isShown(doc.getElementById('c')!)).toBe(false);
    expect(isShown(doc.querySelector('span.y')!)).toBe(true);
  });

  it('cleans text without splitting emoji', () => {
    expect(cleanText('  a \n\t b  ')).toBe('a b');
    expect(cleanText('🌟'.repeat(5), 3)).toBe('🌟🌟🌟');
    expect(cleanText(null)).toBe('');
  });
});

describe('gmail collapsed rows without class names', () => {
  it('reads a bare listitem sender through the last fallback', () => {
    const doc = parseHtml(`<div role="list">
      <div role="listitem" aria-expanded="false"><div class="adf"><span email="Zoe@Lead.example" name="Zoe">Zoe</span>
      <div class="iA g6">Snippet mentioning other@example.com</div></div></div></div>`);
    expect(gmailAdapter.readThread(doc)?.participants).toEqual([{ email: 'zoe@lead.example', name: 'Zoe', roles: ['from'] }]);
  });
});
