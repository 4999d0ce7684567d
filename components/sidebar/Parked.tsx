import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';

/**
 * Children that stay built while hidden: rendered into a box of their own that is in the page only while `shown`.
 * Hidden, they are out of the document (no test id, focus or find-in-page reaches them), yet React keeps their DOM,
 * so showing them again is an update of what changed instead of a new mount.
 */
export function Parked({ shown, children }: { shown: boolean; children: ReactNode }) {
  const [box] = useState(() => {
    const div = document.createElement('div');
    div.className = 'ficha-parked';
    return div;
  });
  const slot = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (shown) slot.current?.append(box);
    else box.remove();
  }, [shown, box]);
  return (
    <>
      {shown && <div ref={slot} className="ficha-parked" />}
      {createPortal(children, box)}
    </>
  );
}
