import { useSignal } from '@preact/signals'
import { formatCode } from '../../core/otp/format-code.ts'
import type { AccountView } from '../../shared/protocol.ts'
import { Avatar } from '../components/avatar.tsx'
import { CountdownRing } from '../components/countdown-ring.tsx'
import { copyCode } from '../copy-code.ts'
import { t } from '../../shared/i18n.ts'
import type { AppModel } from '../models/app-model.ts'

const NEXT_CODE_SECONDS = 5

interface Props {
  account: AccountView
  index: number
  total: number
  now: number
  model: AppModel
  manual: boolean
}

export function AccountRow({ account: a, index, total, now, model, manual }: Props) {
  const copied = useSignal(false)
  const menu = useSignal(false)
  const revealed = useSignal(false)
  const hidden = (model.status.value?.settings.hideCodes ?? false) && !revealed.value
  const code = a.timed?.code ?? a.hotp?.code ?? null
  const remaining = a.timed ? Math.max(0, Math.ceil((a.timed.validUntil - now) / 1000)) : 0
  const name = a.issuer || a.account

  async function copy() {
    if (!code) return
    revealed.value = true
    await copyCode(code)
    model.codeCopied(a.id, code)
    if (model.fillTarget.value) void model.fill(a.id) // the tab has a code field: fill it too
    copied.value = true
    setTimeout(() => (copied.value = false), 1500)
  }

  return (
    <li class="account" data-index={index} aria-setsize={total} aria-posinset={index + 1}
      draggable={manual} onDragStart={(e) => e.dataTransfer?.setData('text/x-keyfob-id', a.id)}
      onDragOver={(e) => manual && e.preventDefault()}
      onDrop={(e) => {
        const id = e.dataTransfer?.getData('text/x-keyfob-id')
        if (manual && id && id !== a.id) void model.moveTo(id, a.id)
      }}>
      <Avatar name={name} />
      <div class="names">
        <span class="issuer">{a.pinned && <span class="pin" aria-label={t('pinned')}>★ </span>}{a.issuer || a.account}</span>
        {a.issuer && <span class="account-name">{a.account}</span>}
      </div>
      {code ? (
        <button type="button" class="code" data-account={a.id} onClick={() => void copy()}
          aria-label={hidden ? t('revealCodeFor', name) : t('copyCodeFor', [formatCode(code), name])}>
          {hidden ? '••• •••' : formatCode(code)}
        </button>
      ) : (
        <span class="code hidden-code" aria-hidden="true">••• •••</span>
      )}
      <span class="timer">
        {a.timed && <CountdownRing remaining={remaining} period={a.period} />}
        {a.timed && <span class="sr-only">{t('secondsLeft', String(remaining))}</span>}
        {a.hotp && (
          <button type="button" class="small" data-account={code ? undefined : a.id} onClick={() => void model.nextHotpCode(a.id)}
            aria-label={a.hotp.code ? t('hotpNextFor', name) : t('hotpShowFor', name)}>
            {a.hotp.code ? t('hotpNext') : t('hotpShow')}
          </button>
        )}
        <button type="button" class="small more" aria-expanded={menu.value} aria-label={t('actionsFor', name)}
          onClick={() => (menu.value = !menu.value)}>⋯</button>
      </span>
      {a.timed && remaining <= NEXT_CODE_SECONDS && !hidden && (
        <span class="next-code">{t('nextCode', formatCode(a.timed.nextCode))}</span>
      )}
      <span class="copied" role="status">{copied.value ? t('copied') : ''}</span>
      {menu.value && (
        <div class="row-actions" role="group" aria-label={t('actionsFor', name)}>
          <button type="button" class="small" onClick={() => void model.update(a.id, { pinned: !a.pinned })}>{a.pinned ? t('unpin') : t('pin')}</button>
          <button type="button" class="small" onClick={() => model.open({ kind: 'edit', id: a.id })}>{t('edit')}</button>
          <button type="button" class="small" onClick={() => model.open({ kind: 'qr', id: a.id })}>{t('showQr')}</button>
          {manual && index > 0 && <button type="button" class="small" onClick={() => void model.moveBy(a.id, -1)}>{t('moveUp')}</button>}
          {manual && index < total - 1 && <button type="button" class="small" onClick={() => void model.moveBy(a.id, 1)}>{t('moveDown')}</button>}
        </div>
      )}
    </li>
  )
}
