// Team sync in the options page: server URL + token, connect (tests the connection, saves, starts syncing), the
// status in words (last sync, pending changes, error), sync now, the first full pull's progress, and sign out
// (keep or wipe local data, asked). The background does the work; this polls its status.
import { type FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { send } from '@/lib/messaging/client';
import type { Responses } from '@/lib/messaging/protocol';
import { shownState, syncErrorText, syncStatusText } from './status-text';

type SyncStatus = Responses['sync.status'];
const STATUS_KEY = ['sync', 'status'] as const;

export function useSyncStatus(intervalMs = 1000) {
  return useQuery({
    queryKey: STATUS_KEY,
    queryFn: () => send<'sync.status'>({ type: 'sync.status' }),
    refetchInterval: (q) => (q.state.data?.state === 'syncing' ? 400 : intervalMs),
  });
}

/** Asks for the server's host permission where a browser wants it; never waited for (the server grants CORS). */
function requestHostPermission(url: string) {
  try {
    if (navigator.webdriver) return; // automated browsers cannot answer a prompt
    const origin = new URL(url).origin;
    void browser.permissions?.request({ origins: [`${origin}/*`] }).catch(() => false);
  } catch {
    // not a URL: the background says so
  }
}

export function SyncSection() {
  const client = useQueryClient();
  const status = useSyncStatus();
  const [url, setUrl] = useState<string | null>(null);
  const [token, setToken] = useState('');
  const [asking, setAsking] = useState(false);
  const s = status.data;
  const shownUrl = url ?? s?.url ?? '';
  const refresh = (next: SyncStatus) => client.setQueryData(STATUS_KEY, next);

  const connect = useMutation({
    mutationFn: () => send<'sync.connect'>({ type: 'sync.connect', url: shownUrl, token }),
    onSuccess: (res) => {
      if (res.ok) {
        refresh(res.status);
        setToken('');
      }
      void client.invalidateQueries({ queryKey: STATUS_KEY });
    },
  });
  const now = useMutation({ mutationFn: () => send<'sync.now'>({ type: 'sync.now' }), onSuccess: refresh });
  const signOut = useMutation({
    mutationFn: (wipe: boolean) => send<'sync.disconnect'>({ type: 'sync.disconnect', wipe }),
    onSuccess: (next) => {
      refresh(next);
      setAsking(false);
      setUrl(null);
      void client.invalidateQueries();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    requestHostPermission(shownUrl);
    connect.mutate();
  };
  const failed = connect.data && !connect.data.ok ? connect.data.error : null;
  // A refused connection is also the status's error, which the status line says: the alert is for the others
  // (an address that is not a URL, a failed message).
  const connectError = failed ? (s?.error?.kind === failed.kind ? null : syncErrorText(failed)) : connect.error ? String(connect.error.message) : null;
  const state = s ? shownState(s) : 'off';

  return (
    <section aria-labelledby="opt-sync">
      <h2 id="opt-sync">{i18n.t('options.syncTitle')}</h2>
      <p className="muted">{i18n.t('syncClient.body')}</p>
      <form onSubmit={submit} className="stack">
        <label>
          {i18n.t('syncClient.url')}{' '}
          <input data-testid="sync-url" type="url" required value={shownUrl} placeholder="https://sync.example.com" onChange={(e) => setUrl(e.target.value)} />
        </label>
        <label>
          {i18n.t('syncClient.token')}{' '}
          <input
            data-testid="sync-token"
            type="password"
            autoComplete="off"
            required
            value={token}
            placeholder={s?.url ? i18n.t('syncClient.tokenSaved') : 'ficha_…'}
            onChange={(e) => setToken(e.target.value)}
          />
        </label>
        <div className="row">
          <button type="submit" data-testid="sync-connect" disabled={connect.isPending || !shownUrl.trim() || !token.trim()}>
            {connect.isPending ? i18n.t('syncClient.connecting') : i18n.t('syncClient.connect')}
          </button>
          <button type="button" data-testid="sync-now" disabled={state === 'off' || now.isPending} onClick={() => now.mutate()}>
            {i18n.t('syncClient.syncNow')}
          </button>
          {s?.url && (
            <button type="button" data-testid="sync-signout" onClick={() => setAsking(true)}>
              {i18n.t('syncClient.signOut')}
            </button>
          )}
        </div>
      </form>
      {connectError && (
        <p role="alert" className="error-text" data-testid="sync-connect-error">
          {connectError}
        </p>
      )}
      <p data-testid="sync-status" data-state={state} role="status" aria-live="polite" className={s?.error ? 'error-text' : undefined}>
        {s ? syncStatusText(s) : i18n.t('syncClient.state.off')}
        {s?.teamName ? ` · ${i18n.t('syncClient.team', [s.teamName])}` : ''}
      </p>
      {s?.progress && s.state !== 'off' && (
        <p>
          <progress data-testid="sync-progress" max={Math.max(s.progress.total, 1)} value={s.progress.done} />{' '}
          {i18n.t('syncClient.firstPull', [String(s.progress.done), String(s.progress.total)])}
        </p>
      )}
      {asking && (
        <div role="dialog" aria-labelledby="sync-signout-q" className="stack" data-testid="sync-signout-dialog">
          <p id="sync-signout-q">{i18n.t('syncClient.signOutQuestion')}</p>
          <div className="row">
            <button type="button" data-testid="sync-signout-keep" disabled={signOut.isPending} onClick={() => signOut.mutate(false)}>
              {i18n.t('syncClient.keepData')}
            </button>
            <button type="button" data-testid="sync-signout-wipe" disabled={signOut.isPending} onClick={() => signOut.mutate(true)}>
              {i18n.t('syncClient.wipeData')}
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              {i18n.t('syncClient.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
