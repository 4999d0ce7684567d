// CTA template figures: click `cta-insert` → text in the editor, and picker search per keystroke over 1,000 templates.
import type { BrowserContext, Page } from 'playwright-core';
import { SELF, showThreadInPage, threadViewHtml } from '../tests/e2e/support/gmail-dom';
import { type BenchResult, latencyResults } from './stats';

interface WorkerFicha {
  ficha: {
    templates: { importFile(file: unknown, mode: string): Promise<{ imported: number }>; remove(id: string): Promise<boolean> };
  };
}

async function openKnownThread(gmail: Page, email: string, id: string) {
  const html = threadViewHtml({ id, subject: `CTA ${id}`, messages: [{ from: { email, name: 'P' }, to: [SELF], id }] });
  await gmail.evaluate(showThreadInPage, { html, hash: `#inbox/${id}` });
  await gmail.waitForFunction(() => {
    const button = document.querySelector('ficha-sidebar')?.shadowRoot?.querySelector<HTMLButtonElement>('[data-testid=cta-template] [data-testid=cta-insert]:not([disabled])');
    return !!button;
  });
}

/** Measured in the page: from the click to the editor's DOM holding the text (the insert is synchronous). */
export async function ctaInsertResults(gmail: Page, contacts: number, samples = 30): Promise<BenchResult[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const n = (i * 7907 + 3) % contacts;
    await openKnownThread(gmail, `person${n}@company${n % 5000}.example`, `cta${i}x${Date.now()}`);
    times.push(
      await gmail.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const editor = document.querySelector<HTMLElement>('[data-view=thread] div.Am.Al.editable')!;
            const before = editor.textContent;
            const root = document.querySelector('ficha-sidebar')!.shadowRoot!;
            const observer = new MutationObserver(() => {
              if (editor.textContent === before) return;
              observer.disconnect();
              resolve(performance.now() - t0);
            });
            let t0 = 0;
            // The card may re-render (a refetch after the previous sample's insert) between the wait above and this
            // task: the click waits for the enabled button again, and the clock starts at the click.
            const clickWhenEnabled = () => {
              const button = root.querySelector<HTMLButtonElement>('[data-testid=cta-template] [data-testid=cta-insert]:not([disabled])');
              if (!button) return requestAnimationFrame(clickWhenEnabled);
              observer.observe(editor, { subtree: true, childList: true, characterData: true });
              t0 = performance.now();
              button.click();
            };
            clickWhenEnabled();
          }),
      ),
    );
  }
  return latencyResults('CTA insert: click → text in the editor', times, 16);
}

const TEMPLATE_WORDS = ['renewal', 'trial', 'meeting', 'webinar', 'pricing', 'case study', 'onboarding', 'referral', 'discount', 'upgrade'];

/**
 * 1,000 templates in the rep's list, then typing a query letter by letter in the sidebar's search box. They are
 * removed afterwards: a reused bench profile (BENCH_PROFILE) must not gain 1,000 templates a run, which every later
 * card (and the next run's thread-switch figures) would read.
 */
export async function pickerSearchResults(context: BrowserContext, gmail: Page, contacts: number): Promise<BenchResult[]> {
  const worker = context.serviceWorkers()[0]!;
  const templates = Array.from({ length: 1000 }, (_, i) => ({
    id: `bench-template-${i}`,
    name: `${TEMPLATE_WORDS[i % TEMPLATE_WORDS.length]} ${i}`,
    language: i % 2 ? 'es' : 'en',
    stages: [],
    subject: `Subject ${i}`,
    body: `Hi {{contact.firstName | default: "there"}}, template number ${i} about ${TEMPLATE_WORDS[(i * 7) % TEMPLATE_WORDS.length]}.`,
    link: null,
    tags: [`tag${i % 37}`],
  }));
  await worker.evaluate((t) => (globalThis as unknown as WorkerFicha).ficha.templates.importFile({ format: 'ficha.templates', version: 1, templates: t }, 'add'), templates);
  try {
    return await typeInPicker(gmail, contacts);
  } finally {
    const ids = templates.map((t) => t.id);
    await worker.evaluate(async (list) => {
      for (const id of list) await (globalThis as unknown as WorkerFicha).ficha.templates.remove(id);
    }, ids);
  }
}

async function typeInPicker(gmail: Page, contacts: number): Promise<BenchResult[]> {
  const n = 4242 % contacts;
  await openKnownThread(gmail, `person${n}@company${n % 5000}.example`, `picker${Date.now()}`);
  const times = await gmail.evaluate(async (queries: string[]) => {
    const root = document.querySelector('ficha-sidebar')!.shadowRoot!;
    const input = root.querySelector<HTMLInputElement>('[data-testid=cta-search]')!;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const out: number[] = [];
    for (const query of queries) {
      for (let k = 1; k <= query.length; k++) {
        const t0 = performance.now();
        setValue.call(input, query.slice(0, k));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await Promise.resolve(); // React commits a discrete input update before the next task
        out.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 5));
      }
      setValue.call(input, '');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 20));
    }
    return out;
  }, ['renewal 12', 'case study', 'tag3 webinar', 'zzz no match']);
  return latencyResults('CTA picker search over 1,000 templates: per keystroke', times, 5);
}
