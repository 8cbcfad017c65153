import { z } from 'zod';

/** What the popup asks a tab's content script, and what it answers. */
export const STATUS_REQUEST = 'buyerlens:status';

export const StatusRequest = z.object({ type: z.literal(STATUS_REQUEST) });

export const PageStatus = z.object({
  /** Adapter id and name, when a known site. */
  site: z.string().optional(),
  siteName: z.string().optional(),
  pageKind: z.enum(['order-list', 'order-detail', 'chat']).optional(),
  shopName: z.string().optional(),
  /** Distinct buyers currently shown with our annotations. */
  buyers: z.number().int().min(0),
  /** Rows the adapter looked at, and how many of them it could not read. */
  rows: z.number().int().min(0),
  skipped: z.number().int().min(0),
});
export type PageStatus = z.infer<typeof PageStatus>;
