/**
 * Autofill's page panels: a notice, and the picker when several accounts are
 * bound to this site. The picker holds names only; the code comes afterwards,
 * for the one chosen, from the background.
 */
import { ext } from '../shared/browser-api.ts'
import { errorText } from '../shared/error-text.ts'
import { contentClient } from '../shared/messaging.ts'
import { closePanel, el, openPanel, trusted } from './panel-host.ts'

const t = (key: string, subs?: string | string[]) => ext.i18n.getMessage(key, subs) || key

export function showNotice(message: string): void {
  const box = openPanel(t('extName'))
  const ok = el('button', t('close'), 'primary')
  ok.addEventListener('click', trusted(closePanel))
  const actions = el('div', undefined, 'actions')
  actions.append(ok)
  box.append(el('p', message), actions)
  ok.focus()
}

export function showFillChoice(choiceId: string, site: string, names: string[]): void {
  const box = openPanel(t('fillChoose', site))
  box.append(el('h2', t('fillChoose', site)))
  const actions = el('div', undefined, 'actions')
  names.forEach((name, index) => actions.append(choice(choiceId, index, name, index === 0)))
  actions.append(cancelButton())
  box.append(actions)
  actions.querySelector('button')?.focus()
}

/** A button that answers choice `choiceId` with `index`. */
function choice(choiceId: string, index: number, label: string, primary: boolean): HTMLElement {
  const button = el('button', label, primary ? 'primary' : undefined)
  button.addEventListener(
    'click',
    trusted(() => {
      closePanel()
      // The background says in a notice why a fill failed; only a request that never reached it is said here.
      contentClient('fillChosen', { choiceId, index }).catch((e: unknown) => showNotice(errorText(e)))
    }),
  )
  return button
}

function cancelButton(): HTMLElement {
  const cancel = el('button', t('cancel'))
  cancel.addEventListener('click', trusted(closePanel))
  return cancel
}

/**
 * The field asks for a code the site sent by text message or e-mail, not an authenticator's: the person
 * says whether to fill Keyfob's code anyway. Cancel has focus, so a stray Enter fills nothing.
 */
export function askSentCode(choiceId: string, sentBy: 'sms' | 'email' | 'sent'): void {
  const question = t(sentBy === 'sms' ? 'fillSentSms' : sentBy === 'email' ? 'fillSentEmail' : 'fillSentOther')
  const box = openPanel(question)
  const actions = el('div', undefined, 'actions')
  const cancel = cancelButton()
  actions.append(choice(choiceId, 0, t('fillAnyway'), true), cancel)
  box.append(el('p', question), actions)
  cancel.focus()
}
