import { ext } from '../../shared/browser-api.ts'
import { t } from '../../shared/i18n.ts'
import type { PopupOpening } from '../../shared/protocol.ts'
import { relativeTime } from '../../shared/relative-time.ts'
import { syncErrorText } from '../../shared/sync-error-text.ts'

/** While sync is connected: one line under the list, when it last synced or why it failed, that opens the Sync page. */
export default function SyncLine({ sync }: { sync: NonNullable<PopupOpening['sync']> }) {
  const text = sync.lastError
    ? t('syncLineFailed', syncErrorText(sync.lastError))
    : sync.lastSyncAt === null
      ? t('syncLineNotYet')
      : t('syncLineSynced', relativeTime(sync.lastSyncAt, Date.now(), ext.i18n.getUILanguage()))
  return (
    <footer class={sync.lastError ? 'sync-line error' : 'sync-line'}>
      <button
        type="button"
        class="link"
        title={text}
        onClick={() => void ext.tabs.create({ url: ext.runtime.getURL('src/options/sync.html') })}
      >
        {text}
      </button>
    </footer>
  )
}
