import { describe, expect, it } from 'vitest';
import { parseView, viewSearch } from '@/components/pages/dashboard/view-state';

describe('dashboard view in the URL', () => {
  it('round-trips period, owner and tag, leaving defaults out', () => {
    const view = { days: 30, owner: 'rep@team.example', tag: 'vip & co' };
    expect(parseView(viewSearch(view))).toEqual(view);
    expect(viewSearch({ days: 90, owner: '', tag: '' })).toBe('');
  });

  it('falls back to the default view on unknown or malformed values', () => {
    expect(parseView('?days=7&owner=%20&tag=')).toEqual({ days: 90, owner: '', tag: '' });
    expect(parseView('?days=abc').days).toBe(90);
    expect(parseView(`?tag=${'x'.repeat(100)}`).tag).toHaveLength(60);
  });
});
