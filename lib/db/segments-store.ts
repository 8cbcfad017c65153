import type { SegmentVersionView, SegmentView } from '../model/owner';
import type { Segment, TagColor } from '../model/entities';
import { parseHlc } from '../sync/hlc';
import { segmentIdOf, randomId, tagNameKey } from '../model/ids';
import { RpcError } from '../rpc/server';
import { analyze } from '../segments';
import type { OwnerContext } from './owner-context';
import { mutation } from './write';

/** Saved segments: named queries shared by the team, written through the one write path. */

export async function listSegments(ctx: OwnerContext, shopId: string): Promise<SegmentView[]> {
  const rows = await ctx.db.segments.where('shopId').equals(shopId).toArray();
  const me = new Set(
    (await ctx.db.meta.bulkGet(['memberId', 'clientId'])).flatMap((m) => (typeof m?.value === 'string' ? [m.value] : [])),
  );
  return rows
    .filter((s) => !s.deleted)
    .map((s) => {
      const history = earlierVersions(s, me);
      return { id: s.id, name: s.name, query: s.query, color: s.color, ...(history.length ? { history } : {}) };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : 1));
}

/**
 * The versions of a segment worth offering back, oldest first: each definition once (its newest
 * write), leaving out the one the segment has now. A concurrent edit that wrote the same
 * definition, or a version put back with "Use this version", would otherwise show twice.
 */
function earlierVersions(s: Segment, me: ReadonlySet<string>): SegmentVersionView[] {
  const same = (a: { name: string; query: string; color: string }, b: typeof a) => a.name === b.name && a.query === b.query && a.color === b.color;
  const out: SegmentVersionView[] = [];
  for (const v of [...(s.history ?? [])].reverse()) {
    if (same(v, s) || out.some((o) => same(o, v))) continue;
    const at = parseHlc(v.hlc)?.wall ?? 0;
    out.unshift({ name: v.name, query: v.query, color: v.color, at, ...(me.has(v.updatedBy) ? { mine: true as const } : {}) });
  }
  return out;
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
  const put = mutation('segment.put', { shopId, segmentId, name, query, color });
  // Saving what the segment already says writes nothing (no outbox entry, no history entry). This
  // is decided here, where the write starts, not in the mutator: the server must keep a
  // concurrent identical edit's newer stamp (see segmentAfterPut in mutators.ts).
  const held = live.find((s) => s.id === segmentId);
  if (held && held.name === put.args.name && held.query === put.args.query && held.color === put.args.color) return { segmentId };
  await ctx.write(shopId, [put]);
  return { segmentId };
}

export async function deleteSegment(ctx: OwnerContext, shopId: string, segmentId: string): Promise<{ deleted: boolean }> {
  const before = await ctx.db.segments.get(segmentId);
  if (!before || before.deleted || before.shopId !== shopId) throw new RpcError('not-found', ctx.message('segmentStore.errors.notFound'));
  return { deleted: await ctx.write(shopId, [mutation('segment.delete', { shopId, segmentId })]) };
}
