import { useRef } from 'react';
import { i18n } from '@/lib/i18n/cached-messages';
import { MAX_WIDTH, MIN_WIDTH, widthForKey, widthStore } from './resize';

/**
 * The sidebar's left edge: drag it, or focus it and use the arrow keys (Home/End for the narrowest/widest).
 * A focusable separator with its value, as the ARIA window-splitter pattern describes.
 */
export function ResizeHandle({ width }: { width: number }) {
  const dragging = useRef(false);
  return (
    <div
      className="ficha-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={i18n.t('sidebar.resize')}
      aria-valuemin={MIN_WIDTH}
      aria-valuemax={MAX_WIDTH}
      aria-valuenow={width}
      tabIndex={0}
      data-testid="sidebar-resize"
      onKeyDown={(e) => {
        const next = widthForKey(width, e.key, e.shiftKey);
        if (next === null) return;
        e.preventDefault();
        widthStore.set(next);
      }}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        e.preventDefault();
      }}
      // Shown while dragging, remembered once on release: one storage write per drag, not per pixel.
      onPointerMove={(e) => dragging.current && widthStore.set(window.innerWidth - e.clientX, false)}
      onPointerUp={(e) => {
        if (!dragging.current) return;
        dragging.current = false;
        widthStore.set(window.innerWidth - e.clientX);
      }}
      onPointerCancel={() => {
        dragging.current = false;
        widthStore.set(widthStore.get());
      }}
    />
  );
}
