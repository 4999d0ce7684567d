import { type ReactNode, useState } from 'react';

// Fixed-height rows make the window arithmetic exact; long lists (a busy customer's years of mail) stay cheap.
const ROW_HEIGHT = 48;
const VIEWPORT = 360;
const OVERSCAN = 4;
/** Below this, every row is rendered: nothing to gain, and find-in-page keeps working. */
export const VIRTUALISE_FROM = 40;

type RowAttributes = { className?: string } & Record<`data-${string}`, string | undefined>;

interface Props<T> {
  items: readonly T[];
  keyOf: (item: T) => string;
  render: (item: T) => ReactNode;
  /** Attributes of the row element itself, so a row needs no wrapper of its own inside the list item. */
  row?: (item: T) => RowAttributes;
  testId?: string;
  /** Said inside the list when it has no items, so the (empty) list still shows where it is. */
  empty?: string;
}

/** An ordered list that renders only the rows in view once it is long. */
export function VirtualList<T>({ items, keyOf, render, row, testId, empty }: Props<T>) {
  const [scrollTop, setScrollTop] = useState(0);
  if (items.length < VIRTUALISE_FROM) {
    return (
      <ol data-testid={testId}>
        {items.length === 0 && empty ? (
          <li className="ficha-hint">{empty}</li>
        ) : (
          items.map((item) => (
            <li key={keyOf(item)} {...row?.(item)}>
              {render(item)}
            </li>
          ))
        )}
      </ol>
    );
  }
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + VIEWPORT) / ROW_HEIGHT) + OVERSCAN);
  return (
    <div className="ficha-virtual" style={{ maxHeight: VIEWPORT }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} tabIndex={0}>
      <ol data-testid={testId} data-virtual="true" style={{ height: items.length * ROW_HEIGHT, position: 'relative' }} aria-setsize={items.length}>
        {items.slice(first, last).map((item, i) => {
          const attributes = row?.(item);
          return (
            <li
              key={keyOf(item)}
              {...attributes}
              className={attributes?.className ? `ficha-virtual-row ${attributes.className}` : 'ficha-virtual-row'}
              style={{ top: (first + i) * ROW_HEIGHT, height: ROW_HEIGHT }}
              aria-posinset={first + i + 1}
            >
              {render(item)}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
