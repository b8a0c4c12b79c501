import { useSignal, useSignalEffect } from '@preact/signals'
import { useEffect, useRef } from 'preact/hooks'
import { SORT_ORDERS, type SortOrder } from '../../shared/settings.ts'
import { t } from '../../shared/i18n.ts'
import type { PopupModel } from '../models/popup-model.ts'
import { AccountRow } from './account-row.tsx'
import { listKeyDown } from './list-keys.ts'
import { lazyView } from '../lazy-view.tsx'

// Loaded only when a scan is waiting for confirmation.
const ScanDialog = lazyView(() => import('./scan-dialog.tsx'))
const FillWarning = lazyView(() => import('./fill-warning.tsx'))
const ClockWarning = lazyView(() => import('./clock-warning.tsx'))
const FramedFill = lazyView(() => import('./framed-fill.tsx'))
const SyncLine = lazyView(() => import('./sync-line.tsx'))

/**
 * Long lists render only what is in view, placing rows by this height. Rows are at least this tall
 * (popup.css) and taller when a long name wraps: a taller row only pushes the later ones down, so the
 * rendered rows still cover the view (they start at most OVERSCAN rows above it and each is this tall or more).
 */
const ROW_HEIGHT = 58
const WINDOW_FROM = 60
const OVERSCAN = 6

/** The account list with its bar; the banners and dialogs over it (scan, fill, clock) load when shown. */
export function AccountsView({ model }: { model: PopupModel }) {
  const { session, accounts, fill, feedback } = model
  // One clock for every countdown ring; codes themselves are refetched only at period ends.
  const now = useSignal(Date.now())
  const scrollTop = useSignal(0)
  const viewport = useSignal(440)
  // The first paint draws the rows in view only; the ones below (a short list's last rows, a long one's six for scrolling)
  // follow once it is on screen (useEffect runs after the paint): every opening paid for rows nobody saw yet (issue #15).
  const overscan = useSignal(0)
  useEffect(() => void (overscan.value = OVERSCAN), [])
  const listRef = useRef<HTMLDivElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  useSignalEffect(() => {
    const timer = setInterval(() => (now.value = Date.now()), 1000)
    return () => clearInterval(timer)
  })
  // Keys work wherever focus is in the popup (typing anywhere searches), not only inside the list.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) =>
      listKeyDown(e, { accounts, list: listRef.current, search: searchRef.current, rowHeight: ROW_HEIGHT })
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [accounts])

  const list = accounts.visible.value
  const { sortOrder: sort, hideCodes } = model.settings.settings.value
  const status = session.status.value
  const manual = sort === 'manual' && !accounts.query.value
  const windowed = list.length > WINDOW_FROM
  const first = windowed ? Math.max(0, Math.floor(scrollTop.value / ROW_HEIGHT) - OVERSCAN) : 0
  // Rows reaching the bottom of the view (.list is at most 430 px tall; `viewport` starts at 440 until it is measured).
  const inView = Math.ceil((scrollTop.value + viewport.value) / ROW_HEIGHT)
  const last = Math.min(list.length, windowed ? inView + overscan.value : overscan.value === 0 ? inView : list.length)
  const notice = accounts.notice.value
  const deleted = accounts.lastDeleted.value

  return (
    <section aria-labelledby="accounts-title">
      <header class="bar">
        <h2 id="accounts-title" class="sr-only">
          {t('accountsTitle')}
        </h2>
        <input
          ref={searchRef}
          type="search"
          class="search"
          placeholder={t('searchPlaceholder')}
          aria-label={t('searchAccounts')}
          aria-keyshortcuts="/"
          value={accounts.query.value}
          onInput={(e) => accounts.search(e.currentTarget.value)}
        />
        <button type="button" onClick={() => session.show({ kind: 'add' })}>
          {t('addAccount')}
        </button>
        <button type="button" aria-label={t('settings')} title={t('settings')} onClick={() => session.show({ kind: 'settings' })}>
          ⚙
        </button>
        <button type="button" onClick={() => void session.lock()}>
          {t('lock')}
        </button>
      </header>
      <div class="subbar">
        <label for="sort" class="inline">
          {t('sortBy')}
        </label>
        <select id="sort" value={sort} onChange={(e) => void model.settings.update({ sortOrder: e.currentTarget.value as SortOrder })}>
          {SORT_ORDERS.map((o) => (
            <option value={o}>{t(`sort_${o}`)}</option>
          ))}
        </select>
      </div>
      {status?.hasPassword === false && (
        <p class="warning banner">
          {t('noPasswordBanner')}{' '}
          <button type="button" class="link" onClick={() => session.show({ kind: 'settings' })}>
            {t('addPassword')}
          </button>
        </p>
      )}
      {model.scan.panel.value && <ScanDialog scan={model.scan} />}
      {fill.warning.value && <FillWarning fill={fill} />}
      {fill.framed.value && <FramedFill fill={fill} />}
      {status?.clock && <ClockWarning clock={status.clock} settings={model.settings} />}
      {fill.filled.value && (
        <p role="status" class="notice">
          {t('filled')}
        </p>
      )}
      {notice && (
        <p role="status" class="notice">
          {notice.added > 0 && t('addedCount', String(notice.added))}{' '}
          {notice.duplicates.length > 0 && t('alreadyAdded', notice.duplicates.join(', '))}
        </p>
      )}
      {deleted && (
        <p role="status" class="notice">
          {t('deletedName', deleted.name)}{' '}
          <button type="button" class="link" onClick={() => void accounts.undoDelete()}>
            {t('undo')}
          </button>
        </p>
      )}
      {feedback.error.value && (
        <p role="alert" class="error">
          {feedback.error.value}
        </p>
      )}
      {accounts.accounts.value.length === 0 ? (
        <p class="empty">{t('noAccounts')}</p>
      ) : list.length === 0 ? (
        <p class="empty" role="status">
          {t('noMatches', accounts.query.value)}
        </p>
      ) : (
        <div
          class="list"
          ref={listRef}
          onScroll={(e) => {
            scrollTop.value = e.currentTarget.scrollTop
            viewport.value = e.currentTarget.clientHeight
          }}
        >
          <ul
            class="accounts"
            aria-label={t('accountsTitle')}
            style={{ paddingTop: first * ROW_HEIGHT, paddingBottom: (list.length - last) * ROW_HEIGHT }}
          >
            {list.slice(first, last).map((a, i) => (
              <AccountRow
                key={a.id}
                account={a}
                index={first + i}
                total={list.length}
                now={now.value}
                manual={manual}
                hideCodes={hideCodes}
                accounts={accounts}
                fill={fill}
                session={session}
              />
            ))}
          </ul>
        </div>
      )}
      {session.sync.value && <SyncLine sync={session.sync.value} />}
    </section>
  )
}
