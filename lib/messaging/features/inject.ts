// Runs one of the extension's own scripts in the frame of the content script that asked for it: parts of the sidebar
// that load on first use (components/sidebar/lazy-blocks.tsx). Only this extension's content scripts may ask, and
// only for the scripts INJECTABLE names; the frame is the asker's own, never one it names.
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { INJECT_KIND, INJECTABLE, type InjectableScript } from '../inject-request';

const InjectRequestSchema = z.strictObject({
  kind: z.literal(INJECT_KIND),
  script: z.enum(Object.keys(INJECTABLE) as [InjectableScript, ...InjectableScript[]]),
});

export interface InjectSender {
  id?: string;
  tab?: { id?: number };
  frameId?: number;
}

export type InjectReply = { ok: true } | { ok: false; error: string };

export const isInjectRequest = (message: unknown): boolean => (message as { kind?: unknown } | null)?.kind === INJECT_KIND;

/** Chrome (MV3) has `scripting`; Firefox's MV2 build has `tabs.executeScript`. Both run in the extension's isolated world. */
function runInFrame(tabId: number, frameId: number, file: (typeof INJECTABLE)[InjectableScript]): Promise<unknown> {
  if (browser.scripting?.executeScript) return browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [file] });
  return browser.tabs.executeScript(tabId, { file, frameId });
}

export async function injectForSender(message: unknown, sender: InjectSender, extensionId: string): Promise<InjectReply> {
  if (sender.id !== extensionId) return { ok: false, error: 'Message not from this extension' };
  const parsed = InjectRequestSchema.safeParse(message);
  if (!parsed.success) return { ok: false, error: 'Unknown script' };
  const tabId = sender.tab?.id;
  if (tabId === undefined) return { ok: false, error: 'Only a page in a tab can ask for a script' };
  try {
    await runInFrame(tabId, sender.frameId ?? 0, INJECTABLE[parsed.data.script]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
