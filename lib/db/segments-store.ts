import type { SegmentView } from '../model/owner';
import type { TagColor } from '../model/entities';
import { segmentIdOf, randomId, tagNameKey } from '../model/ids';
import { RpcError } from '../rpc/server';
import { analyze } from '../segments';
import type { OwnerContext } from './owner-context';
import { mutation } from './write';

/** Saved segments: named queries shared by the team, written through the one write path. */

export async function listSegments(ctx: OwnerContext, shopId: string): Promise<SegmentView[]> {
  const rows = await ctx.db.segments.where('shopId').equals(shopId).toArray();
  return rows
    .filter((s) => !s.deleted)
    .map(({ id, name, query, color }) => ({ id, name, query, color }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : 1));
}

export interface SegmentDraft {
  shopId: string;
  /** Absent: a new segment. */
  segmentId?: string;
  name: string;
  query: string;
  color: TagColor;
}

/**
 * Create or replace a segment. The query must check (the first error, in words, otherwise);
 * names are unique per shop whatever their case. A new segment's id comes from its name, so two
 * teammates creating the same segment converge; if a renamed segment already holds that id, the
 * new one gets a random id instead of overwriting it.
 */
export async function saveSegment(ctx: OwnerContext, draft: SegmentDraft): Promise<{ segmentId: string }> {
  const { shopId, name, query, color } = draft;
  const { errors } = analyze(query);
  if (errors.length) throw new RpcError('invalid', ctx.message(errors[0]!.message, errors[0]!.params));
  const live = await listSegments(ctx, shopId);
  if (draft.segmentId !== undefined && !live.some((s) => s.id === draft.segmentId)) {
    throw new RpcError('not-found', ctx.message('segmentStore.errors.notFound'));
  }
  const clash = live.find((s) => s.id !== draft.segmentId && tagNameKey(s.name) === tagNameKey(name));
  if (clash) throw new RpcError('conflict', ctx.message('segmentStore.errors.nameTaken', { name: clash.name }));
  let segmentId = draft.segmentId ?? segmentIdOf(shopId, name);
  if (draft.segmentId === undefined && live.some((s) => s.id === segmentId)) segmentId = `sg:${randomId('r')}`;
  await ctx.write(shopId, [mutation('segment.put', { shopId, segmentId, name, query, color })]);
  return { segmentId };
}

export async function deleteSegment(ctx: OwnerContext, shopId: string, segmentId: string): Promise<{ deleted: boolean }> {
  const before = await ctx.db.segments.get(segmentId);
  if (!before || before.deleted || before.shopId !== shopId) throw new RpcError('not-found', ctx.message('segmentStore.errors.notFound'));
  return { deleted: await ctx.write(shopId, [mutation('segment.delete', { shopId, segmentId })]) };
}
