import type { TagColor } from '../model/entities';
import { customerIdOf, shopIdOf } from '../model/ids';
import type { BuyerSighting, OrderSighting, ShopRef } from '../model/sighting';
import type { MarkerView, NoteView, ProfileView, ShopView, TagView } from '../model/views';
import type { CoreRpcName, RpcInput, RpcReply } from '../rpc/protocol';

/** Content scripts pass the core caller; the options page passes owner-client's, a superset. */
export type Caller = <N extends CoreRpcName>(name: N, args: RpcInput<N>) => Promise<RpcReply<N>>;

/**
 * What one page knows of its shop: the tags, and the tags of the buyers it shows. The
 * background is the source of truth; this is a cache that refreshes when told of a change.
 */
export class ShopStore {
  readonly shopId: string;
  private tags = new Map<string, TagView>();
  private tagsByCustomer = new Map<string, string[]>();
  private markers = new Map<string, MarkerView>();
  private readonly customerIds = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<void> | undefined;
  private readonly revisionListeners = new Set<() => void>();
  /** Increases whenever the background announces a change to this shop's data. */
  revision = 0;
  private refreshAgain = false;

  constructor(
    readonly shop: ShopRef,
    private readonly call: Caller,
  ) {
    this.shopId = shopIdOf(shop.platform, shop.key);
  }

  customerIdOf(buyer: Pick<BuyerSighting, 'key'>): string {
    return customerIdOf(this.shopId, buyer.key);
  }

  allTags(): TagView[] {
    return [...this.tags.values()];
  }

  tag(id: string): TagView | undefined {
    return this.tags.get(id);
  }

  tagsOf(customerId: string): TagView[] {
    const ids = this.tagsByCustomer.get(customerId) ?? [];
    return ids.flatMap((id) => this.tags.get(id) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Told after every change the background announces for this shop, whatever it touched: views
   * that hold more than tags and markers (a profile's notes and orders) reload on it. Kept apart
   * from `subscribe` so a note edited elsewhere does not re-render every chip on the page.
   */
  onRevision(listener: () => void): () => void {
    this.revisionListeners.add(listener);
    return () => this.revisionListeners.delete(listener);
  }

  /** Record what the page shows and learn those buyers' tags. */
  async seen(orders: OrderSighting[], buyers: BuyerSighting[] = []): Promise<void> {
    if (!orders.length && !buyers.length) return;
    const asked = [...orders.map((o) => this.customerIdOf(o.buyer)), ...buyers.map((b) => this.customerIdOf(b))];
    for (const id of asked) this.customerIds.add(id);
    this.apply(await this.call('page.seen', { shop: this.shop, orders, buyers }), asked);
  }

  /**
   * Learn these customers' tags without recording a sighting: an owner's page reads the
   * database, it does not see buyers on a merchant's page.
   */
  follow(customerIds: readonly string[]): Promise<void> {
    for (const id of customerIds) this.customerIds.add(id);
    return this.refresh();
  }

  /** Re-read everything this page shows (after a change elsewhere). Coalesces bursts. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.refreshAgain = false;
          const asked = [...this.customerIds];
          this.apply(await this.call('shop.view', { shopId: this.shopId, customerIds: asked }), asked);
        } while (this.refreshAgain);
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  /** The background announced a change: re-read, and let views that hold more (profiles) reload. */
  async changedElsewhere(): Promise<void> {
    this.revision++;
    await this.refresh();
    for (const l of this.revisionListeners) l();
  }

  profile(customerId: string): Promise<ProfileView> {
    return this.call('profile.get', { shopId: this.shopId, customerId });
  }

  async saveNote(customerId: string, text: string, note?: NoteView): Promise<void> {
    await this.call('note.save', { shopId: this.shopId, customerId, text, noteId: note?.id, baseRev: note?.rev ?? 0 });
    this.revision++;
    this.emit();
  }

  async deleteNote(noteId: string): Promise<void> {
    await this.call('note.delete', { shopId: this.shopId, noteId });
    this.revision++;
    this.emit();
  }

  async createTag(name: string, color?: TagColor): Promise<TagView> {
    const tag = await this.call('tag.create', { shopId: this.shopId, name, color });
    this.tags.set(tag.id, tag);
    this.emit();
    return tag;
  }

  async setTagColor(tagId: string, color: TagColor): Promise<void> {
    const tag = await this.call('tag.update', { shopId: this.shopId, tagId, color });
    this.tags.set(tag.id, tag);
    this.emit();
  }

  async addTag(tagId: string, buyers: BuyerSighting[]): Promise<number> {
    if (!buyers.length) return 0;
    // Optimistic: the chip appears at once; the refresh below confirms it.
    for (const b of buyers) {
      const id = this.customerIdOf(b);
      this.customerIds.add(id);
      const current = this.tagsByCustomer.get(id) ?? [];
      if (!current.includes(tagId)) this.tagsByCustomer.set(id, [...current, tagId]);
    }
    this.emit();
    try {
      const { changed } = await this.call('tagging.add', { shop: this.shop, tagId, buyers });
      return changed;
    } finally {
      await this.refresh();
    }
  }

  async removeTag(tagId: string, customerIds: string[]): Promise<void> {
    for (const id of customerIds) {
      this.tagsByCustomer.set(id, (this.tagsByCustomer.get(id) ?? []).filter((t) => t !== tagId));
    }
    this.emit();
    try {
      await this.call('tagging.remove', { shopId: this.shopId, tagId, customerIds });
    } finally {
      await this.refresh();
    }
  }

  markerOf(customerId: string): MarkerView | undefined {
    return this.markers.get(customerId);
  }

  /**
   * A key that changes exactly when what this customer's row shows changes (tags, marker):
   * lets a row skip re-rendering when thousands of rows re-render.
   */
  rowKey(customerId: string): string {
    const tags = this.tagsOf(customerId)
      .map((t) => `${t.id}:${t.color}:${t.name}`)
      .join('|');
    const m = this.markers.get(customerId);
    return m ? `${tags}#${m.stage}:${m.group}:${m.orderCount}:${m.totalMinor}:${m.lastAt ?? ''}:${m.rfm ? `${m.rfm.r}${m.rfm.f}${m.rfm.m}` : ''}` : tags;
  }

  searchCustomers(query: string) {
    return this.call('customers.search', { shopId: this.shopId, query });
  }

  async markAction(customerId: string, ruleId: string, state: 'done' | 'dismissed', factsKey: string): Promise<void> {
    await this.call('action.mark', { shopId: this.shopId, customerId, ruleId, state, factsKey });
    this.revision++;
    this.emit();
  }

  private apply(view: ShopView, asked: readonly string[]): void {
    if (view.shopId !== this.shopId) return;
    let changed = false;
    const tagsBefore = JSON.stringify([...this.tags.values()]);
    this.tags = new Map(view.tags.map((t) => [t.id, t]));
    if (JSON.stringify(view.tags) !== tagsBefore) changed = true;
    // The view answers for the customers asked about: those it leaves out carry no tags.
    for (const id of asked) {
      const next = view.tagsByCustomer[id];
      const before = this.tagsByCustomer.get(id);
      if ((before ?? []).join() !== (next ?? []).join()) changed = true;
      if (next) this.tagsByCustomer.set(id, next);
      else this.tagsByCustomer.delete(id);
      const marker = view.markers[id];
      if (JSON.stringify(marker) !== JSON.stringify(this.markers.get(id))) changed = true;
      if (marker) this.markers.set(id, marker);
      else this.markers.delete(id);
    }
    if (changed) this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
