// Alt+Shift+K while typing in a reply opens the template picker; the sidebar listens on `pickerRequests`.

export const pickerRequests = new EventTarget();
export const PICKER_OPEN = 'open';

// A request made while the list is not mounted (sidebar collapsed, card loading) waits here for it.
let pending = false;
export function takePendingPickerOpen(): boolean {
  const was = pending;
  pending = false;
  return was;
}

export function isPickerShortcut(event: KeyboardEvent): boolean {
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyK';
}

/** Only from an editable target: on the rest of the page the keys belong to the webmail's own shortcuts. */
export function listenForPickerShortcut(doc: Document, signal: AbortSignal): void {
  doc.addEventListener(
    'keydown',
    (event) => {
      const target = event.target as HTMLElement | null;
      if (!isPickerShortcut(event) || !target?.isContentEditable) return;
      event.preventDefault();
      event.stopPropagation();
      pending = true;
      pickerRequests.dispatchEvent(new Event(PICKER_OPEN));
    },
    { capture: true, signal },
  );
}
