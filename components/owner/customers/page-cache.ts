/**
 * The rows of a long, sorted customer list, fetched a page at a time as the table scrolls.
 * Pure bookkeeping (no I/O): the table asks which pages a visible range still needs, fetches
 * them, and hands the rows back. A cache belongs to one filter + sort + data version; when any of
 * them changes the table drops it and starts a new one, so a late reply can never mix two lists.
 */
export const PAGE_SIZE = 100;

export class PageCache<Row> {
  private readonly pages = new Map<number, Row[]>();
  private readonly inFlight = new Set<number>();

  /**
   * @param maxPages pages kept at most; the least recently filled or read go first, so scrolling
   *   through 100,000 rows holds a few thousand in memory, not all of them.
   */
  constructor(
    readonly pageSize = PAGE_SIZE,
    readonly maxPages = 40,
  ) {}

  /** The row at an index, or undefined while its page is not here. */
  row(index: number): Row | undefined {
    const page = Math.floor(index / this.pageSize);
    const rows = this.pages.get(page);
    if (!rows) return undefined;
    // Reading a page makes it recent: re-insert so Map order is least-recent first.
    this.pages.delete(page);
    this.pages.set(page, rows);
    return rows[index - page * this.pageSize];
  }

  /**
   * The pages covering rows first..last (inclusive, clamped to `total`) that are neither here nor
   * being fetched, marked as being fetched: each page is requested once, however often we ask.
   */
  claim(first: number, last: number, total: number): number[] {
    if (total <= 0 || last < first) return [];
    const lo = Math.max(0, Math.floor(first / this.pageSize));
    const hi = Math.floor(Math.min(last, total - 1) / this.pageSize);
    const wanted: number[] = [];
    for (let page = lo; page <= hi; page++) {
      if (this.pages.has(page) || this.inFlight.has(page)) continue;
      this.inFlight.add(page);
      wanted.push(page);
    }
    return wanted;
  }

  /** The rows of a fetched page. */
  fill(page: number, rows: Row[]): void {
    this.inFlight.delete(page);
    this.pages.set(page, rows);
    while (this.pages.size > this.maxPages) this.pages.delete(this.pages.keys().next().value!);
  }

  /** A fetch failed: the page may be asked for again. */
  release(page: number): void {
    this.inFlight.delete(page);
  }

  /** The request for a page: offset and limit of `customers.query`. */
  window(page: number): { offset: number; limit: number } {
    return { offset: page * this.pageSize, limit: this.pageSize };
  }
}
