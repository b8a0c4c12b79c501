import { useSignal, useSignalEffect } from '@preact/signals'
import type { ComponentChildren } from 'preact'
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
      <h4 id="pw-title">{hasPassword ? t('changePassword') : t('addPassword')}</h4>
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
      <h4 id="clock-title">{t('clockCorrectionTitle')}</h4>
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

/**
 * A group of settings behind a disclosure button (WAI-ARIA APG "Disclosure" pattern), so the
 * common settings above the groups fit a 600 px popup without scrolling (issue #19). Closed
 * groups stay in the DOM, hidden, so a half-typed form survives closing and opening.
 */
function Group({ id, title, open, children }: { id: string; title: string; open: boolean; children: ComponentChildren }) {
  const shown = useSignal(open)
  return (
    <div class="group">
      <h3>
        <button
          type="button"
          class="disclosure"
          aria-expanded={shown.value}
          aria-controls={id}
          onClick={() => (shown.value = !shown.value)}
        >
          {title}
        </button>
      </h3>
      <div id={id} class="group-body" hidden={!shown.value}>
        {children}
      </div>
    </div>
  )
}

/** The common settings first (locking, clipboard, filling, display); then Security, Backup and sync, Advanced, each collapsed. */
export default function SettingsView({ settings, panel, session, feedback }: Models & { settings: SettingsModel; session: SessionModel }) {
  const status = session.status.value
  const opened = session.panel.value
  // Opened from "Set a password…" (Lock without a password): straight to the form.
  const toPassword = opened?.kind === 'settings' && opened.password === true
  // Once, after the first draw (reads no signal: `toPassword` is fixed while this panel is shown).
  useSignalEffect(() => {
    if (toPassword) document.getElementById('pw-new')?.focus()
  })
  if (!status) return null
  const s = status.settings
  const minutes = (m: number) => (m === 0 ? t('autoLockNever') : t('minutes', String(m)))
  const seconds = (n: number) => (n === 0 ? t('clipboardNever') : t('seconds', String(n)))
  const openPage = (page: string) => void ext.tabs.create({ url: ext.runtime.getURL(`src/options/${page}.html`) })
  return (
    <section aria-labelledby="settings-title" class="settings">
      <header class="bar">
        <h2 id="settings-title">{t('settings')}</h2>
        <button type="button" onClick={session.close}>
          {t('done')}
        </button>
      </header>
      <div class="setting">
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
      </div>
      <div class="setting">
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
      </div>
      <label class="check">
        <input type="checkbox" checked={s.fieldButton} onChange={(e) => void settings.update({ fieldButton: e.currentTarget.checked })} />
        {t('fieldButtonSetting')}
      </label>
      <label class="check">
        <input type="checkbox" checked={s.autoSubmit} onChange={(e) => void settings.update({ autoSubmit: e.currentTarget.checked })} />
        {t('autoSubmitSetting')}
      </label>
      <label class="check">
        <input type="checkbox" checked={s.hideCodes} onChange={(e) => void settings.update({ hideCodes: e.currentTarget.checked })} />
        {t('hideCodes')}
      </label>
      <div class="setting">
        <label for="s-theme">{t('theme')}</label>
        <select id="s-theme" value={s.theme} onChange={(e) => void settings.update({ theme: e.currentTarget.value as Theme })}>
          {THEMES.map((th) => (
            <option value={th}>{t(`theme_${th}`)}</option>
          ))}
        </select>
      </div>
      {/* Open at once without a password: adding one is what that vault needs most. */}
      <Group id="s-security" title={t('settingsSecurity')} open={toPassword || !status.hasPassword}>
        <PasswordForm panel={panel} feedback={feedback} hasPassword={status.hasPassword} />
        {status.hasPassword && (
          <button type="button" onClick={() => openPage('passkeys')}>
            {t('passkeysLink')}
          </button>
        )}
      </Group>
      <Group id="s-data" title={t('settingsData')} open={false}>
        <div class="actions">
          <button type="button" onClick={() => openPage('import')}>
            {t('importAccountsLink')}
          </button>
          <button type="button" onClick={() => openPage('export')}>
            {t('exportAccounts')}
          </button>
          <button type="button" onClick={() => openPage('sync')}>
            {t('syncButton')}
          </button>
        </div>
      </Group>
      <Group id="s-advanced" title={t('settingsAdvanced')} open={false}>
        <ClockCorrectionForm panel={panel} feedback={feedback} currentMs={s.clockCorrectionMs} />
        <h4>{t('shortcuts')}</h4>
        <p class="hint">{t('shortcutsHelp')}</p>
        <button type="button" class="link" onClick={() => void openShortcutSettings()}>
          {t('shortcutsChange')}
        </button>
      </Group>
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
