import { lazyView } from './lazy-view';

/** The Team tab, fetched when first opened (its forms and dictionaries are their own chunk). */
export const LazyTeamView = lazyView(() => import('./TeamView').then((m) => m.TeamView));
