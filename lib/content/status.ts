import * as z from 'zod/mini';

/** What the popup asks a tab's content script, and what it answers. */
export const STATUS_REQUEST = 'buyerlens:status';

export const StatusRequest = z.object({ type: z.literal(STATUS_REQUEST) });


export const PageStatus = z.object({
  /** Adapter id and name, when a known site. */
  site: z.optional(z.string()),
  siteName: z.optional(z.string()),
  pageKind: z.optional(z.enum(['order-list', 'order-detail', 'customer', 'chat'])),
  shopName: z.optional(z.string()),
  /** Distinct buyers currently shown with our annotations. */
  buyers: z.number().check(z.int(), z.minimum(0)),
  /** Rows the adapter looked at, and how many of them it could not read. */
  rows: z.number().check(z.int(), z.minimum(0)),
  skipped: z.number().check(z.int(), z.minimum(0)),
});
export type PageStatus = z.infer<typeof PageStatus>;
