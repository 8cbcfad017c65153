import { useEffect, useState } from 'preact/hooks';
import { useOwnerT } from './owner-ui';

type TeamViewComponent = typeof import('./TeamView').TeamView;
let loaded: TeamViewComponent | undefined;

/**
 * The Team tab is fetched when it is first opened, not with the dashboard: most visits never open
 * it, and the options page's budget has no room for its forms.
 */
export function LazyTeamView() {
  const t = useOwnerT();
  const [View, setView] = useState<TeamViewComponent | undefined>(() => loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (View) return;
    let live = true;
    import('./TeamView').then(
      (m) => {
        loaded = m.TeamView;
        if (live) setView(() => m.TeamView);
      },
      // The module could not load: the extension was updated under this page.
      () => live && setFailed(true),
    );
    return () => void (live = false);
  }, []);
  if (failed)
    return (
      <p class="error" role="alert">
        {t('error.unreachable')}
      </p>
    );
  return View ? <View /> : <p class="muted">{t('lists.loading')}</p>;
}
