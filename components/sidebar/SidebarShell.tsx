import { type ReactNode, useEffect, useRef, useSyncExternalStore } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import { collapseStore } from './collapse';
import { PICKER_OPEN, pickerRequests } from './picker-shortcut';
import { ResizeHandle } from './ResizeHandle';
import { themeStore } from './theme-store';
import { widthStore } from './resize';

/**
 * The sidebar's frame in every state (thread, compose, "Find a contact"): header, hide/show toggle, width and theme.
 * `state` is the sidebar's `data-state` (absent for a thread or compose window).
 */
export function SidebarShell({ state, children }: { state?: string; children: ReactNode }) {
  const collapsed = useSyncExternalStore(collapseStore.subscribe, collapseStore.get);
  // The toggle is a different button in each state: the one clicked hands the focus to the one that replaces it.
  // Only the button of the state asked for takes it: other renders before that state arrives leave it alone.
  const toggledTo = useRef<boolean | null>(null);
  const toggle = (to: boolean) => {
    toggledTo.current = to;
    collapseStore.set(to);
  };
  const keepFocus = (forState: boolean) => (button: HTMLButtonElement | null) => {
    if (button && toggledTo.current === forState) {
      toggledTo.current = null;
      button.focus();
    }
  };
  const width = useSyncExternalStore(widthStore.subscribe, widthStore.get);
  const theme = useSyncExternalStore(themeStore.subscribe, themeStore.get);
  // Gmail and Outlook switch theme without a reload: look again, off the switch path, whenever a thread is shown.
  useEffect(() => themeStore.refreshWhenIdle(), []);
  // The picker shortcut must work with the sidebar hidden too: show it, the template list takes focus.
  useEffect(() => {
    const expand = () => collapseStore.set(false);
    pickerRequests.addEventListener(PICKER_OPEN, expand);
    return () => pickerRequests.removeEventListener(PICKER_OPEN, expand);
  }, []);

  if (collapsed) {
    return (
      <aside className="ficha-sidebar ficha-collapsed" data-testid="sidebar" data-state={state} data-theme={theme}>
        <button type="button" className="ficha-tab" aria-expanded="false" aria-label={i18n.t('sidebar.expand')} ref={keepFocus(true)} onClick={() => toggle(false)}>
          F
        </button>
      </aside>
    );
  }
  return (
    <aside className="ficha-sidebar" data-testid="sidebar" data-state={state} data-theme={theme} aria-label={i18n.t('sidebar.title')} style={{ width }}>
      <ResizeHandle width={width} />
      <header className="ficha-header">
        <span className="ficha-logo">{i18n.t('sidebar.title')}</span>
        <button type="button" className="ficha-icon" aria-expanded="true" aria-label={i18n.t('sidebar.collapse')} title={i18n.t('sidebar.collapse')} ref={keepFocus(false)} onClick={() => toggle(true)}>
          ›
        </button>
      </header>
      <div className="ficha-body">{children}</div>
    </aside>
  );
}
