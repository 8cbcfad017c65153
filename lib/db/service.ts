import { defaultTagColor } from '../model/tag-color';
import { customerIdOf, randomId, shopIdOf, taggingIdOf as taggingKey, tagIdOf, tagNameKey } from '../model/ids';
import type { RpcHandlers } from '../rpc/server';
import { RpcError } from '../rpc/server';
import type { BuyerLensDb } from './database';
import { countRuleMatches } from '../insights/actions';
import { ACTION_RULES_KEY, InsightEngine } from './insights';
import { profileView, searchCustomers, shopsOverview, shopTags, shopView } from './queries';
import { applyMutations, mutation, type Mutation } from './write';
import type { JobProgress } from '../rpc/protocol-owner';
import type { OwnerContext } from './owner-context';
import { ownerListHandlers } from './service-lists';
import { ownerDataHandlers } from './service-data';
import { readmissionHashes, survivorIds } from './resolve-customers';
import { SyncEngine } from '../sync/engine';
import { teamHandlers } from '../sync/team-service';
import { guardByRole, mayCall } from '../sync/role-guard';

export interface ServiceDeps {
  readonly db: BuyerLensDb;
  /** Told after every change (a local write, or one pulled from the team's server), so open pages can refresh. */
  readonly onChange: (shopId: string) => void;
  /** Team sync; one that stays off until this browser joins a team is made when not given. */
  readonly sync?: SyncEngine;
  /** The name notes are signed with. */
  readonly authorName: () => Promise<string>;
  /** Messages for people, in their language. */
  readonly message: (key: string, params?: Record<string, string | number>) => string;
  readonly now?: () => number;
  /** Derived insights; one is made over the database when not given. */
  readonly engine?: InsightEngine;
  /** Told how far a long job (an import or restore commit) has got. */
  readonly progress?: (p: JobProgress) => void;
}

/** The background's database service: one handler per RPC, each write one transaction. */
export function createService(deps: ServiceDeps): RpcHandlers {
  const { db, onChange, message } = deps;
  const now = deps.now ?? Date.now;
  const engine = deps.engine ?? new InsightEngine(db, now);

  async function write(shopId: string, mutations: Mutation[]): Promise<boolean> {
    const { changed, aggregateChanges } = await applyMutations(db, mutations, now);
    // After commit, never inside the transaction: the cached shop statistics follow the write.
    await engine.apply(aggregateChanges);
    if (changed) announce(shopId);
    return changed;
  }

  const sync = deps.sync ?? new SyncEngine({ db, now });
  const followers = new Set<(shopId: string) => void>();
  function tell(shopId: string) {
    for (const follow of followers) follow(shopId);
    onChange(shopId);
  }
  /** A local change: followers are told, and it goes to the team soon. */
  function announce(shopId: string) {
    tell(shopId);
    sync.changed();
  }
  // What others changed: the shop's cached figures are rebuilt, its followers and pages told.
  sync.onPulled((shopIds) => {
    for (const shopId of shopIds) {
      engine.forget(shopId);
      tell(shopId);
    }
  });

  const owner: OwnerContext = {
    db,
    engine,
    now,
    message,
    write,
    changed: announce,
    onChanged: (listener) => {
      followers.add(listener);
      return () => followers.delete(listener);
    },
    authorName: deps.authorName,
    progress: deps.progress ?? (() => {}),
  };

  async function liveTag(shopId: string, tagId: string) {
    const tag = await db.tags.get(tagId);
    if (!tag || tag.deleted || tag.shopId !== shopId) throw new RpcError('not-found', message('tag.errors.notFound'));
    return tag;
  }

  const handlers: RpcHandlers = {
    ...ownerListHandlers(owner),
    ...ownerDataHandlers(owner),
    ...teamHandlers({ sync, message }),

    async 'page.seen'({ shop, orders, buyers }) {
      const shopId = shopIdOf(shop.platform, shop.key);
      if (orders.length || buyers.length) {
        await write(shopId, [mutation('sightings.record', { shop, orders, buyers })]);
      }
      const ids = [...orders.map((o) => o.buyer.key), ...buyers.map((b) => b.key)].map((k) => customerIdOf(shopId, k));
      return shopView(db, engine, shopId, ids);
    },

    async 'shop.view'({ shopId, customerIds }) {
      return shopView(db, engine, shopId, customerIds);
    },

    async 'tag.create'({ shopId, name, color }) {
      const tagId = tagIdOf(shopId, name);
      const existing = await db.tags.get(tagId);
      if (existing && !existing.deleted) {
        throw new RpcError('conflict', message('tag.errors.exists', { name: existing.name }));
      }
      const chosen = color ?? defaultTagColor(name);
      await write(shopId, [mutation('tag.put', { shopId, tagId, name, color: chosen, description: '' })]);
      return { id: tagId, name, color: chosen, description: '' };
    },

    async 'tag.update'({ shopId, tagId, name, color }) {
      const tag = await liveTag(shopId, tagId);
      if (name !== undefined && tagNameKey(name) !== tag.nameKey) {
        const clash = (await shopTags(db, shopId)).find((t) => tagNameKey(t.name) === tagNameKey(name));
        if (clash) throw new RpcError('conflict', message('tag.errors.exists', { name: clash.name }));
      }
      const next = { shopId, tagId, name: name ?? tag.name, color: color ?? tag.color, description: tag.description };
      await write(shopId, [mutation('tag.put', next)]);
      return { id: tagId, name: next.name, color: next.color, description: next.description };
    },

    async 'tag.delete'({ shopId, tagId }) {
      await liveTag(shopId, tagId);
      return { deleted: await write(shopId, [mutation('tag.delete', { shopId, tagId })]) };
    },

    async 'tagging.add'({ shop, tagId, buyers }) {
      const shopId = shopIdOf(shop.platform, shop.key);
      await liveTag(shopId, tagId);
      // Tagging a forgotten buyer by hand re-admits them, in the same write.
      const keyHashes = await readmissionHashes(db, shopId, buyers.flatMap((b) => [b.key, ...b.otherKeys]));
      // A merged buyer's tag goes to the customer they were merged into.
      const standsFor = await survivorIds(db, buyers.map((b) => customerIdOf(shopId, b.key)));
      const customerIds = [...new Set(standsFor.values())];
      const adds = customerIds.map((customerId) => ({ customerId, addId: randomId('a') }));
      // Only buyers not yet tagged get a new add id: re-adding must not pile up adds.
      const current = await db.taggings.bulkGet(customerIds.map((c) => taggingKey(c, tagId)));
      const fresh = adds.filter((_, i) => !(current[i] && !current[i]!.deleted && current[i]!.addIds.length));
      const mutations: Mutation[] = [
        ...(keyHashes.length ? [mutation('customer.readmit', { shopId, keyHashes })] : []),
        mutation('sightings.record', { shop, orders: [], buyers }),
      ];
      if (fresh.length) mutations.push(mutation('tagging.add', { shopId, tagId, adds: fresh }));
      await write(shopId, mutations);
      return { changed: fresh.length };
    },

    async 'tagging.remove'({ shopId, tagId, customerIds: asked }) {
      // A merged buyer's tags live on the survivor (content scripts still name the merged id).
      const standsFor = await survivorIds(db, asked);
      const customerIds = [...new Set(asked.map((c) => standsFor.get(c) ?? c))];
      const rows = await db.taggings.bulkGet(customerIds.map((c) => taggingKey(c, tagId)));
      const removes = rows.flatMap((t) => (t && t.addIds.length ? [{ customerId: t.customerId, addIds: t.addIds }] : []));
      if (!removes.length) return { changed: 0 };
      await write(shopId, [mutation('tagging.remove', { shopId, tagId, removes })]);
      return { changed: removes.length };
    },

    async 'shops.list'() {
      return shopsOverview(db);
    },

    async 'profile.get'({ shopId, customerId }) {
      // Someone may have written about them meanwhile: fetch it (the page follows when it lands).
      sync.profileOpened();
      // One read transaction for the eight stores a profile reads, instead of one each.
      const view = await db.transaction(
        'r',
        [db.customers, db.orders, db.notes, db.tags, db.taggings, db.actionStates, db.aggregates, db.shopSettings],
        () => profileView(db, engine, shopId, customerId),
      );
      return mayCall((await sync.readAccount())?.role, 'note.delete') ? view : { ...view, canDeleteNotes: false };
    },

    async 'note.save'({ shopId, customerId: asked, noteId, baseRev, text }) {
      // A note about a merged buyer belongs with the survivor, where its profile shows it.
      const customerId = (await survivorIds(db, [asked])).get(asked) ?? asked;
      const id = noteId ?? randomId('n');
      if (noteId) {
        const before = await db.notes.get(noteId);
        if (!before || before.shopId !== shopId) throw new RpcError('not-found', message('note.errors.notFound'));
      }
      const authorName = await deps.authorName();
      await write(shopId, [
        mutation('note.put', { shopId, noteId: id, customerId, text, baseRev: noteId ? baseRev : 0, authorName }),
      ]);
      return { noteId: id };
    },

    async 'action.mark'({ shopId, customerId: asked, ruleId, state, factsKey }) {
      const customerId = (await survivorIds(db, [asked])).get(asked) ?? asked;
      return { changed: await write(shopId, [mutation('action.set', { shopId, customerId, ruleId, state, factsKey })]) };
    },

    async 'recipes.list'() {
      const rows = await db.recipes.toArray();
      return rows.filter((r) => !r.deleted).map(({ shopId: _s, hlc: _h, updatedBy: _u, deleted: _d, ...recipe }) => recipe);
    },

    async 'recipes.save'({ recipe }) {
      return { saved: await write(`recipe:${new URL(recipe.origin).host}`, [mutation('recipe.put', { recipe })]) };
    },

    async 'recipes.delete'({ id }) {
      const before = await db.recipes.get(id);
      if (!before || before.deleted) throw new RpcError('not-found', message('recipe.errors.notFound'));
      return { deleted: await write(before.shopId, [mutation('recipe.delete', { id })]) };
    },

    async 'recipes.import'({ file }) {
      // One write for the whole file: every recipe is in, or (on any failure) none is.
      if (file.recipes.length) await write('recipe:import', file.recipes.map((recipe) => mutation('recipe.put', { recipe })));
      return { imported: file.recipes.length };
    },

    async 'customers.search'({ shopId, query }) {
      return searchCustomers(db, shopId, query);
    },

    async 'rules.get'({ shopId }) {
      return engine.rules(shopId);
    },

    async 'rules.save'({ shopId, rules }) {
      return { saved: await write(shopId, [mutation('setting.put', { shopId, key: ACTION_RULES_KEY, value: rules })]) };
    },

    async 'rules.preview'({ shopId, rules }) {
      const facts = await engine.allFacts(shopId);
      return { customers: facts.length, matches: Object.fromEntries(countRuleMatches(rules, facts)) };
    },

    async 'note.delete'({ shopId, noteId }) {
      const before = await db.notes.get(noteId);
      if (!before || before.shopId !== shopId) throw new RpcError('not-found', message('note.errors.notFound'));
      return { deleted: await write(shopId, [mutation('note.delete', { shopId, noteId })]) };
    },
  };
  return guardByRole(handlers, async () => (await sync.readAccount())?.role, message);
}
