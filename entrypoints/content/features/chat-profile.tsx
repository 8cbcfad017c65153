import { BuyerPicker, type BuyerHit } from '@/components/BuyerPicker';
import { ProfilePanel } from '@/components/ProfilePanel';
import { UI_CSS } from '@/components/styles';
import { observe } from '@/lib/content/observe';
import { createShadowHost, type ShadowHost } from '@/lib/content/shadow-host';
import type { BuyerSighting } from '@/lib/model/sighting';
import type { ProfileView } from '@/lib/model/views';
import type { Feature, FeatureContext } from '../feature';
import { messageOf, safely } from '../mount-chips';

/** Support agents see the buyer's profile docked beside the chat they are answering. */
export const chatProfile: Feature = {
  id: 'chat-profile',
  include: ['chat'],
  init(ctx) {
    const chat = ctx.adapter.chat;
    if (!chat) return;
    const panel = new ProfileDock(ctx);
    observe(
      chat.conversationSelector,
      (conversation) => {
        panel.show(conversation);
        // Chat apps often re-render the open conversation in place: follow its buyer.
        let queued = false;
        const watcher = new MutationObserver(() => {
          if (queued) return;
          queued = true;
          requestAnimationFrame(() => {
            queued = false;
            if (conversation.isConnected) panel.show(conversation);
          });
        });
        watcher.observe(conversation, { subtree: true, childList: true, attributes: true, characterData: true });
        ctx.signal.addEventListener('abort', () => watcher.disconnect(), { once: true });
      },
      { signal: ctx.signal },
    );
    ctx.signal.addEventListener('abort', () => panel.destroy(), { once: true });
  },
};

/** The dock host and what it shows; one per page session. */
class ProfileDock {
  private shadow: ShadowHost | undefined;
  private removePortal: (() => void) | undefined;
  private buyer: BuyerSighting | undefined;
  /** True when the page does not name the buyer: the agent picks one (kept until the chat changes). */
  private unknownBuyer = false;
  private conversation: Element | undefined;
  private profile: ProfileView | undefined;
  private error: string | undefined;
  private loadedRevision = -1;
  private readonly unsubscribe: Array<() => void>;

  constructor(private readonly ctx: FeatureContext) {
    const reload = () => {
      if (this.buyer && ctx.store.revision !== this.loadedRevision) void this.load();
    };
    // Tags and markers arrive through subscribe; a note or order changed elsewhere only through onRevision.
    this.unsubscribe = [ctx.store.subscribe(reload), ctx.store.onRevision(reload)];
  }

  show(conversation: Element): void {
    const { ctx } = this;
    const chat = ctx.adapter.chat!;
    // No dock in the page's markup: float beside it rather than show nothing.
    const dock = safely(() => chat.dock(ctx.document));
    const found = safely(() => chat.buyer(conversation));
    this.mount(dock);
    const sameConversation = conversation === this.conversation;
    this.conversation = conversation;
    // A buyer the agent picked stays while this conversation stays open.
    if (!found && sameConversation && this.unknownBuyer) return;
    this.unknownBuyer = !found;
    const buyer = found;
    if (buyer?.key === this.buyer?.key && sameConversation) return;
    this.buyer = buyer;
    this.profile = undefined;
    this.error = undefined;
    ctx.counters.rows = 1;
    ctx.counters.skipped = buyer ? 0 : 1;
    if (this.shadow) {
      if (buyer) ctx.counters.buyers.set(this.shadow.host, buyer.key);
      else ctx.counters.buyers.delete(this.shadow.host);
    }
    void this.load();
  }

  private mount(dock: Element | undefined): void {
    const parent = dock ?? this.ctx.document.documentElement;
    if (this.shadow?.host.isConnected && this.shadow.host.parentElement === parent) return;
    this.removePortal?.();
    this.shadow?.host.remove();
    const shadow = createShadowHost(this.ctx.document, 'buyerlens-profile', this.ctx.shadowMode, UI_CSS);
    if (dock) {
      shadow.host.style.setProperty('display', 'block');
      shadow.host.style.setProperty('margin', '0 0 12px');
      dock.prepend(shadow.host);
    } else {
      shadow.host.setAttribute(
        'style',
        'all: initial; display: block; position: fixed; top: 72px; right: 16px; width: 340px; max-height: calc(100vh - 96px); overflow: auto; z-index: 2147483640; box-shadow: 0 10px 30px rgba(15,23,42,.18); border-radius: 10px;',
      );
      parent.append(shadow.host);
    }
    this.shadow = shadow;
    this.removePortal = this.ctx.overlay.addPortal(shadow.root, () => this.render());
  }

  private async load(): Promise<void> {
    const { store } = this.ctx;
    const buyer = this.buyer;
    if (!buyer) return this.rerender();
    const revision = store.revision;
    this.loadedRevision = revision;
    try {
      await store.seen([], [buyer]);
      const profile = await store.profile(store.customerIdOf(buyer));
      if (this.buyer === buyer) {
        this.profile = profile;
        this.error = undefined;
      }
    } catch (err) {
      if (this.buyer === buyer) this.error = messageOf(err, this.ctx.ui().t);
    }
    this.rerender();
  }

  private rerender(): void {
    this.ctx.overlay.refresh();
  }

  private render() {
    const { store, overlay } = this.ctx;
    const t = this.ctx.ui().t;
    const buyer = this.buyer;
    if (!buyer) {
      return (
        <div class="bl panel" data-bl="profile">
          {this.unknownBuyer ? (
            <>
              <header class="panel-head">
                <div class="who">
                  <div class="brand">{t('profile.title')}</div>
                  <div class="who-name">{t('picker.label')}</div>
                </div>
              </header>
              <BuyerPicker search={(q) => store.searchCustomers(q)} onPick={(hit) => this.pick(hit)} />
            </>
          ) : (
            <div class="section muted">{t('profile.noBuyer')}</div>
          )}
        </div>
      );
    }
    const customerId = store.customerIdOf(buyer);
    const panel = (
      <ProfilePanel
        buyerName={buyer.displayName}
        buyerKey={buyer.key}
        draftKey={`${store.shopId}:${customerId}`}
        profile={this.profile}
        tags={store.tagsOf(customerId)}
        error={this.error}
        onOpenEditor={(anchor) =>
          overlay.openEditor({ anchor, mode: 'single', title: t('editor.label', { name: buyer.displayName }), buyers: [buyer] })
        }
        onRemoveTag={(tag) => void store.removeTag(tag.id, [customerId]).catch((err: unknown) => overlay.toast(messageOf(err, t), 'bad'))}
        onSaveNote={(text, note) => store.saveNote(customerId, text, note)}
        onDeleteNote={this.profile?.canDeleteNotes === false ? undefined : (note) => store.deleteNote(note.id)}
        onMarkAction={(suggestion, state) => store.markAction(customerId, suggestion.ruleId, state, suggestion.factsKey)}
      />
    );
    if (!this.unknownBuyer) return panel;
    // A buyer the agent picked by hand can be changed by hand.
    return (
      <>
        {panel}
        <div class="bl row">
          <button type="button" class="link" data-bl="buyer-repick" onClick={() => this.unpick()}>
            {t('picker.change')}
          </button>
        </div>
      </>
    );
  }

  private unpick(): void {
    this.buyer = undefined;
    this.profile = undefined;
    if (this.shadow) this.ctx.counters.buyers.delete(this.shadow.host);
    this.rerender();
  }

  private pick(hit: BuyerHit): void {
    this.buyer = { key: hit.key, otherKeys: [], displayName: hit.displayName };
    this.profile = undefined;
    if (this.shadow) this.ctx.counters.buyers.set(this.shadow.host, hit.key);
    void this.load();
  }

  destroy(): void {
    for (const off of this.unsubscribe) off();
    this.removePortal?.();
    if (this.shadow) this.ctx.counters.buyers.delete(this.shadow.host);
    this.shadow?.host.remove();
  }
}
