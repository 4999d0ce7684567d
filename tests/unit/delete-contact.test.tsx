// "Delete contact" opens its question, and closes it again: the question comes with the block script, and when that
// could not load, the notice in its place has no Cancel of its own.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { beforeEach, describe, expect, it } from 'vitest';
import { DeleteContact } from '@/components/sidebar/DeleteContact';
import type { Contact } from '@/lib/domain/contact';
import { useLocale } from './support/locale';

const contact = { id: 'c1', emails: [{ address: 'ana@clientco.com', primary: true }], firstName: 'Ana', lastName: 'Ruiz' } as Contact;
const Unavailable = () => <p role="alert">The record blocks could not be loaded</p>;

describe('DeleteContact', () => {
  beforeEach(async () => {
    await useLocale('en');
  });

  it('toggles the question from its button, and gives the focus back when it closes', () => {
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    flushSync(() => root.render(<DeleteContact contact={contact} Confirm={Unavailable} />));
    const button = container.querySelector('[data-testid=contact-delete]') as HTMLButtonElement;

    flushSync(() => button.click());
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(container.querySelector('[role=alert]')).not.toBeNull();

    flushSync(() => button.click());
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(container.querySelector('[role=alert]')).toBeNull();
    expect(document.activeElement).toBe(button);
    flushSync(() => root.unmount());
    container.remove();
  });
});
