import { useSignal } from '@preact/signals'
import { parseClockCorrection } from '../../core/otp/parse-clock-correction.ts'
import { passwordStrength } from '../../core/vault/password-strength.ts'
import { AUTO_LOCK_CHOICES, CLIPBOARD_CLEAR_CHOICES, MAX_CLOCK_CORRECTION_MS, THEMES, type Theme } from '../../shared/settings.ts'
import { ext } from '../../shared/browser-api.ts'
import { t } from '../../shared/i18n.ts'
import { StrengthHint } from '../components/strength-hint.tsx'
import type { FeedbackModel } from '../models/feedback-model.ts'
import type { SessionModel } from '../models/session-model.ts'
import type { SettingsModel } from '../models/settings-model.ts'
import type { SettingsPanelModel } from '../models/settings-panel-model.ts'

interface Models {
  panel: SettingsPanelModel
  feedback: FeedbackModel
}

function PasswordForm({ panel, feedback, hasPassword }: Models & { hasPassword: boolean }) {
  const current = useSignal('')
  const next = useSignal('')
  const repeat = useSignal('')
  const done = useSignal(false)
  const strength = passwordStrength(next.value)
  const mismatch = repeat.value.length > 0 && repeat.value !== next.value
  return (
    <form
      aria-labelledby="pw-title"
      onSubmit={async (e) => {
        e.preventDefault()
        done.value = false
        const ok = await (hasPassword ? panel.changePassword(current.value, next.value) : panel.addPassword(next.value))
        if (ok) {
          done.value = true
          current.value = next.value = repeat.value = ''
        }
      }}
    >
      <h3 id="pw-title">{hasPassword ? t('changePassword') : t('addPassword')}</h3>
      {hasPassword && (
        <>
          <label for="pw-current">{t('currentPassword')}</label>
          <input
            id="pw-current"
            type="password"
            autocomplete="current-password"
            required
            value={current.value}
            onInput={(e) => (current.value = e.currentTarget.value)}
          />
        </>
      )}
      <label for="pw-new">{t('newPassword')}</label>
      <input
        id="pw-new"
        type="password"
        autocomplete="new-password"
        required
        value={next.value}
        aria-describedby="pw-strength"
        onInput={(e) => (next.value = e.currentTarget.value)}
      />
      <StrengthHint id="pw-strength" password={next.value} strength={strength} />
      <label for="pw-repeat">{t('confirmPassword')}</label>
      <input
        id="pw-repeat"
        type="password"
        autocomplete="new-password"
        required
        value={repeat.value}
        aria-invalid={mismatch}
        onInput={(e) => (repeat.value = e.currentTarget.value)}
      />
      {mismatch && <p class="error">{t('passwordsDiffer')}</p>}
      <p role="alert" class="error">
        {feedback.error.value}
      </p>
      {done.value && (
        <p role="status" class="notice">
          {t('passwordSaved')}
        </p>
      )}
      <div class="actions">
        <span />
        <button type="submit" class="primary" disabled={feedback.busy.value || strength.score === 0 || next.value !== repeat.value}>
          {hasPassword ? t('changePassword') : t('addPassword')}
        </button>
      </div>
    </form>
  )
}

/** A clock correction the person types: whole seconds, up to a day either way; bad input is refused here with a specific sentence. */
function ClockCorrectionForm({ panel, feedback, currentMs }: Models & { currentMs: number }) {
  const text = useSignal(String(Math.round(currentMs / 1000)))
  const invalid = useSignal(false)
  const saved = useSignal<string | null>(null)
  return (
    <form
      aria-labelledby="clock-title"
      onSubmit={async (e) => {
        e.preventDefault()
        saved.value = null
        const ms = parseClockCorrection(text.value, MAX_CLOCK_CORRECTION_MS)
        invalid.value = ms === null
        if (ms !== null && (await panel.setClockCorrection(ms))) saved.value = String(ms / 1000)
      }}
    >
      <h3 id="clock-title">{t('clockCorrectionTitle')}</h3>
      <label for="s-clock">{t('clockCorrectionLabel')}</label>
      <input
        id="s-clock"
        type="text"
        inputMode="numeric"
        autocomplete="off"
        value={text.value}
        aria-invalid={invalid.value}
        aria-describedby="s-clock-hint"
        onInput={(e) => {
          text.value = e.currentTarget.value
          invalid.value = false
        }}
      />
      <p id="s-clock-hint" class="hint">
        {t('clockCorrectionHint')}
      </p>
      {invalid.value && (
        <p role="alert" class="error">
          {t('clockCorrectionInvalid')}
        </p>
      )}
      {saved.value !== null && (
        <p role="status" class="notice">
          {t('clockCorrectionSaved', saved.value)}
        </p>
      )}
      <div class="actions">
        <span />
        <button type="submit" disabled={feedback.busy.value}>
          {t('clockCorrectionSave')}
        </button>
      </div>
    </form>
  )
}

/** Auto-lock, clipboard clearing, hidden codes, theme, the password, and shortcuts. */
export default function SettingsView({ settings, panel, session, feedback }: Models & { settings: SettingsModel; session: SessionModel }) {
  const status = session.status.value
  if (!status) return null
  const s = status.settings
  const minutes = (m: number) => (m === 0 ? t('autoLockNever') : t('minutes', String(m)))
  const seconds = (n: number) => (n === 0 ? t('clipboardNever') : t('seconds', String(n)))
  return (
    <section aria-labelledby="settings-title">
      <header class="bar">
        <h2 id="settings-title">{t('settings')}</h2>
        <button type="button" onClick={session.close}>
          {t('done')}
        </button>
      </header>
      <label for="s-autolock">{t('autoLock')}</label>
      <select
        id="s-autolock"
        value={String(s.autoLockMinutes)}
        onChange={(e) => void settings.update({ autoLockMinutes: Number(e.currentTarget.value) })}
      >
        {AUTO_LOCK_CHOICES.map((m) => (
          <option value={String(m)}>{minutes(m)}</option>
        ))}
      </select>
      <label for="s-clipboard">{t('clipboardClear')}</label>
      <select
        id="s-clipboard"
        value={String(s.clipboardClearSeconds)}
        onChange={(e) => void settings.update({ clipboardClearSeconds: Number(e.currentTarget.value) })}
      >
        {CLIPBOARD_CLEAR_CHOICES.map((n) => (
          <option value={String(n)}>{seconds(n)}</option>
        ))}
      </select>
      <label class="check">
        <input type="checkbox" checked={s.hideCodes} onChange={(e) => void settings.update({ hideCodes: e.currentTarget.checked })} />
        {t('hideCodes')}
      </label>
      <label class="check">
        <input type="checkbox" checked={s.fieldButton} onChange={(e) => void settings.update({ fieldButton: e.currentTarget.checked })} />
        {t('fieldButtonSetting')}
      </label>
      <label class="check">
        <input type="checkbox" checked={s.autoSubmit} onChange={(e) => void settings.update({ autoSubmit: e.currentTarget.checked })} />
        {t('autoSubmitSetting')}
      </label>
      <label for="s-theme">{t('theme')}</label>
      <select id="s-theme" value={s.theme} onChange={(e) => void settings.update({ theme: e.currentTarget.value as Theme })}>
        {THEMES.map((th) => (
          <option value={th}>{t(`theme_${th}`)}</option>
        ))}
      </select>
      <ClockCorrectionForm panel={panel} feedback={feedback} currentMs={s.clockCorrectionMs} />
      <PasswordForm panel={panel} feedback={feedback} hasPassword={status.hasPassword} />
      {status.hasPassword && (
        <button type="button" onClick={() => void ext.tabs.create({ url: ext.runtime.getURL('src/options/passkeys.html') })}>
          {t('passkeysLink')}
        </button>
      )}
      <h3>{t('backupTitle')}</h3>
      <div class="actions">
        <button type="button" onClick={() => void ext.tabs.create({ url: ext.runtime.getURL('src/options/import.html') })}>
          {t('importAccountsLink')}
        </button>
        <button type="button" onClick={() => void ext.tabs.create({ url: ext.runtime.getURL('src/options/export.html') })}>
          {t('exportAccounts')}
        </button>
        <button type="button" onClick={() => void ext.tabs.create({ url: ext.runtime.getURL('src/options/sync.html') })}>
          {t('syncButton')}
        </button>
      </div>
      <h3>{t('shortcuts')}</h3>
      <p class="hint">{t('shortcutsHelp')}</p>
      <button type="button" class="link" onClick={() => void openShortcutSettings()}>
        {t('shortcutsChange')}
      </button>
    </section>
  )
}

/**
 * The browser's own page for changing extension shortcuts. Firefox has no chrome://extensions/shortcuts
 * (tabs.create refuses the URL, so the button did nothing there); it has commands.openShortcutSettings
 * (Firefox 137+), which opens the add-ons manager's shortcut view. Chromium has no such call.
 */
function openShortcutSettings(): Promise<unknown> {
  const commands = ext.commands as unknown as { openShortcutSettings?: () => Promise<void> } | undefined
  return commands?.openShortcutSettings ? commands.openShortcutSettings() : ext.tabs.create({ url: 'chrome://extensions/shortcuts' })
}
