// The Outlook script is declared on every path of its hosts and mounts only on mail, also after a same-page move.
import { describe, expect, it, vi } from 'vitest';
import { isMailPath, mailPathsOnly, whenOnMailPath } from '@/lib/sites/outlook/mail-path';
import type { SiteAdapter, ThreadContext } from '@/lib/sites/types';

/** A window as whenOnMailPath sees it: a location to change and, optionally, the Navigation API. */
function fakeWindow(pathname: string, withNavigation: boolean) {
  const win = new EventTarget() as EventTarget & { location: { pathname: string }; navigation?: EventTarget };
  win.location = { pathname };
  if (withNavigation) win.navigation = new EventTarget();
  return win;
}
const settled = async (p: Promise<boolean>) => Promise.race([p, new Promise<'pending'>((r) => setTimeout(() => r('pending'), 20))]);

describe('isMailPath', () => {
  it('takes /mail with or without a slash and every mail view, nothing else', () => {
    for (const path of ['/mail', '/mail/', '/mail/inbox/id/AAQk', '/mail/deeplink/compose', '/mail/0/inbox']) expect(isMailPath(path)).toBe(true);
    for (const path of ['/', '/calendar/view/week', '/people', '/mailbox', '/owa/mail']) expect(isMailPath(path)).toBe(false);
  });
});

describe('whenOnMailPath', () => {
  it('resolves at once on a mail page', async () => {
    await expect(whenOnMailPath(fakeWindow('/mail/', true) as never, new AbortController().signal)).resolves.toBe(true);
  });

  it('waits on the calendar until a same-page move (Navigation API) reaches mail', async () => {
    const win = fakeWindow('/calendar/view/week', true);
    const mail = whenOnMailPath(win as never, new AbortController().signal);
    win.navigation!.dispatchEvent(new Event('currententrychange')); // still the calendar
    expect(await settled(mail)).toBe('pending');
    win.location.pathname = '/mail/inbox';
    win.navigation!.dispatchEvent(new Event('currententrychange'));
    expect(await settled(mail)).toBe(true);
  });

  it('hears back/forward, and without the Navigation API checks after a click', async () => {
    const back = fakeWindow('/people', true);
    const viaBack = whenOnMailPath(back as never, new AbortController().signal);
    back.location.pathname = '/mail';
    back.dispatchEvent(new Event('popstate'));
    expect(await settled(viaBack)).toBe(true);

    vi.useFakeTimers();
    try {
      const old = fakeWindow('/calendar', false);
      let result: boolean | undefined;
      void whenOnMailPath(old as never, new AbortController().signal).then((r) => (result = r));
      old.dispatchEvent(new Event('click'));
      old.location.pathname = '/mail/'; // the app routes after loading its mail module
      await vi.advanceTimersByTimeAsync(1000);
      expect(result).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('without the Navigation API, keeps checking for a few seconds after a key press, then stops', async () => {
    vi.useFakeTimers();
    try {
      const old = fakeWindow('/calendar', false);
      let result: boolean | undefined;
      void whenOnMailPath(old as never, new AbortController().signal).then((r) => (result = r));
      old.dispatchEvent(new Event('keydown')); // e.g. Ctrl+Shift+1
      await vi.advanceTimersByTimeAsync(3000);
      old.location.pathname = '/mail/'; // a slow mail module: routed 3 s later
      await vi.advanceTimersByTimeAsync(250);
      expect(result).toBe(true);

      const idle = fakeWindow('/calendar', false);
      let idleResult: boolean | undefined;
      void whenOnMailPath(idle as never, new AbortController().signal).then((r) => (idleResult = r));
      idle.dispatchEvent(new Event('click'));
      await vi.advanceTimersByTimeAsync(6000);
      idle.location.pathname = '/mail/'; // long after the checks ended: nothing runs until the next click or key
      await vi.advanceTimersByTimeAsync(6000);
      expect(idleResult).toBeUndefined();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives up when the script is torn down, also if it already was', async () => {
    const controller = new AbortController();
    const mail = whenOnMailPath(fakeWindow('/calendar', true) as never, controller.signal);
    controller.abort();
    await expect(mail).resolves.toBe(false);
    await expect(whenOnMailPath(fakeWindow('/mail/', true) as never, controller.signal)).resolves.toBe(false);
  });
});

describe('mailPathsOnly', () => {
  it('shows no thread and reports an idle page once the rep moves on to the calendar', () => {
    const thread = { site: 'outlook', participants: [] } as unknown as ThreadContext;
    const adapter = { site: 'outlook', readThread: () => thread, health: () => 'unrecognised', observe: () => {} } as unknown as SiteAdapter;
    const win = fakeWindow('/mail/inbox', true);
    const gated = mailPathsOnly(adapter, win as never);
    expect(gated.readThread(document)).toBe(thread);
    expect(gated.health!(document)).toBe('unrecognised');
    expect(gated.readsPage!(document)).toBe(true);
    win.location.pathname = '/calendar/view/week';
    expect(gated.readThread(document)).toBeNull();
    expect(gated.health!(document)).toBe('idle');
    expect(gated.readsPage!(document)).toBe(false);
  });

  it('reads again when the rep moves between mail and the calendar, even before the page changes', () => {
    const adapter = { site: 'outlook', readThread: () => null, observe: vi.fn() } as unknown as SiteAdapter;
    const win = fakeWindow('/mail/inbox', true);
    const onChange = vi.fn();
    const controller = new AbortController();
    mailPathsOnly(adapter, win as never).observe(document, onChange, controller.signal);
    expect(adapter.observe).toHaveBeenCalledWith(document, onChange, controller.signal);

    win.location.pathname = '/mail/inbox/id/AAQk';
    win.navigation!.dispatchEvent(new Event('currententrychange'));
    expect(onChange).not.toHaveBeenCalled(); // mail to mail: the page's own DOM change says it
    win.location.pathname = '/calendar/view/week';
    win.navigation!.dispatchEvent(new Event('currententrychange'));
    win.location.pathname = '/mail';
    win.navigation!.dispatchEvent(new Event('currententrychange'));
    expect(onChange).toHaveBeenCalledTimes(2);
    controller.abort();
    win.location.pathname = '/calendar';
    win.navigation!.dispatchEvent(new Event('currententrychange'));
    expect(onChange).toHaveBeenCalledTimes(2);
  });
});
