// Pages kept in memory as their stored text (pages.ts): a contact read again is parsed, not read again, and a walk
// in id order (export, dashboard, search table) reads each page once instead of once per chunk — pages follow the
// order contacts were written in, not their ids. Writers update it as they write; an aborted writer clears it
// (directory.ts). Bounded by the characters held, least recently used out first.
import type { PageData } from './pages';

/** ~100,000 typical contacts. */
const BUDGET_CHARS = 96 * 1024 * 1024;

const charsOf = (page: PageData) => page.rows.reduce((n, r) => n + r.length, 0);

export class PageCache {
  private pages = new Map<number, PageData>();
  private chars = 0;
  private stamps = new Map<number, number>();
  private clock = 0;
  private epoch = 0;

  constructor(private readonly budget = BUDGET_CHARS) {}

  /** Pages held (tests). */
  get size(): number {
    return this.pages.size;
  }

  get(page: number): PageData | undefined {
    const data = this.pages.get(page);
    if (data) {
      this.pages.delete(page);
      this.pages.set(page, data);
    }
    return data;
  }

  /** Taken before a page is read: the read may fill the cache only if the page was not written (nor the cache cleared) since. */
  mark(page: number): [number, number] {
    return [this.epoch, this.stamps.get(page) ?? 0];
  }

  fill(page: number, data: PageData, [epoch, stamp]: [number, number]): void {
    if (epoch !== this.epoch || stamp !== (this.stamps.get(page) ?? 0) || this.pages.has(page)) return;
    this.add(page, data);
  }

  /** A page as just written (empty: deleted). */
  wrote(page: number, data: PageData): void {
    this.stamps.set(page, ++this.clock);
    this.remove(page);
    if (data.ids.length) this.add(page, data);
  }

  clear(): void {
    this.pages.clear();
    this.stamps.clear();
    this.chars = 0;
    this.epoch++;
  }

  private add(page: number, data: PageData): void {
    this.pages.set(page, data);
    this.chars += charsOf(data);
    for (const [p, d] of this.pages) {
      if (this.chars <= this.budget) break;
      this.pages.delete(p);
      this.chars -= charsOf(d);
    }
  }

  private remove(page: number): void {
    const data = this.pages.get(page);
    if (!data) return;
    this.pages.delete(page);
    this.chars -= charsOf(data);
  }
}
