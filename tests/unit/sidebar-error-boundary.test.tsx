// A render error in one part of the sidebar shows a notice there; the rest of the sidebar stays, and Retry or another
// person picked renders the part again.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '@/components/sidebar/ErrorBoundary';
import { useLocale } from './support/locale';

Reflect.set(globalThis, 'IS_REACT_ACT_ENVIRONMENT', true);

let failing = true;
function Fragile({ name }: { name: string }) {
  if (failing) throw new Error(`no stage called ${name}`);
  return <p data-testid="part">{name}</p>;
}

function Page({ name }: { name: string }) {
  return (
    <main>
      <h1>Sidebar header</h1>
      <ErrorBoundary resetKey={name}>
        <Fragile name={name} />
      </ErrorBoundary>
    </main>
  );
}

describe('the sidebar error boundary', () => {
  let container: HTMLElement;
  let root: Root;

  beforeEach(async () => {
    await useLocale('en');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    failing = true;
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('shows the failure in words where the part was, and keeps the rest of the sidebar', () => {
    act(() => root.render(<Page name="ana" />));
    expect(container.querySelector('h1')?.textContent).toBe('Sidebar header');
    const alert = container.querySelector('[role=alert]');
    expect(alert?.textContent).toContain('Ficha could not show this part of the card');
    expect(alert?.textContent).toContain('no stage called ana');
    expect(container.querySelector('[data-testid=part]')).toBeNull();
  });

  it('renders the part again on Retry once it can', () => {
    act(() => root.render(<Page name="ana" />));
    failing = false;
    act(() => container.querySelector<HTMLButtonElement>('[role=alert] button')!.click());
    expect(container.querySelector('[role=alert]')).toBeNull();
    expect(container.querySelector('[data-testid=part]')?.textContent).toBe('ana');
  });

  it('renders the part again when another person is picked', () => {
    act(() => root.render(<Page name="ana" />));
    failing = false;
    act(() => root.render(<Page name="ana" />));
    expect(container.querySelector('[role=alert]')).not.toBeNull();
    act(() => root.render(<Page name="luis" />));
    expect(container.querySelector('[data-testid=part]')?.textContent).toBe('luis');
  });

  it('gives a newly picked person whose part fails too a notice of its own', () => {
    act(() => root.render(<Page name="ana" />));
    act(() => root.render(<Page name="luis" />));
    const alerts = container.querySelectorAll('[role=alert]');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.textContent).toContain('no stage called luis');
  });
});
