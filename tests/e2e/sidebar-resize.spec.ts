// The sidebar's width: dragged or set with the arrow keys on its edge, kept within 280–560 px, remembered.
import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, serveGmail, test } from './support/fixtures';

const ana = { email: 'ana@clientco.com', name: 'Ana Ruiz' };
const thread: MailThread = { id: '18c0cafe00000021', subject: 'Width', messages: [{ from: ana, to: [SELF], id: '18c0cafe00000021' }] };

test('the rep resizes the sidebar by keyboard and by dragging, and the width is remembered', async ({ context, page }) => {
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  const sidebar = page.getByTestId('sidebar');
  const handle = page.getByTestId('sidebar-resize');
  const width = async () => Math.round((await sidebar.boundingBox())!.width);
  await expect(handle).toHaveAttribute('aria-valuenow', '320');
  expect(await width()).toBe(320);

  await handle.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(handle).toHaveAttribute('aria-valuenow', '352');
  expect(await width()).toBe(352);
  await page.keyboard.press('End');
  await expect(handle).toHaveAttribute('aria-valuenow', '560');
  await page.keyboard.press('ArrowLeft'); // never wider than the maximum
  await expect(handle).toHaveAttribute('aria-valuenow', '560');

  // Drag the edge to 100 px from the window's right: clamped to the minimum.
  const box = (await handle.boundingBox())!;
  const viewport = page.viewportSize()!;
  await page.mouse.move(box.x + box.width / 2, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(viewport.width - 400, box.y + 200, { steps: 4 });
  await expect(handle).toHaveAttribute('aria-valuenow', '400');
  await page.mouse.move(viewport.width - 100, box.y + 200, { steps: 4 });
  await page.mouse.up();
  await expect(handle).toHaveAttribute('aria-valuenow', '280');
  await page.keyboard.press('ArrowLeft'); // the handle keeps focus after the drag
  await expect(handle).toHaveAttribute('aria-valuenow', '296');

  await page.reload();
  await expect(page.getByTestId('sidebar-resize')).toHaveAttribute('aria-valuenow', '296');
  expect(await width()).toBe(296);
});
