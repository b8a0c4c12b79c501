/**
 * Filling a code: one code, for the site the frame is on, after a person's action.
 * The site is what the browser reports for that frame (menu frameUrl, or the frame's
 * own content script), compared by registrable domain, never by substring or title.
 * A cross-origin frame is matched on its own origin, not the top page's.
 */
import { KeyfobError } from '../core/errors.ts'
import { generateCodeWithKey } from '../core/otp/generate-code.ts'
import { importConfigKey } from '../core/otp/generate-code.ts'
import { registrableDomain, siteMatches } from '../core/site/index.ts'
import type { StoredAccount } from '../core/vault/index.ts'
import { tabClient } from '../shared/messaging.ts'
import type { Services } from './services.ts'

const CHOICE_TTL_MS = 2 * 60_000

/** Accounts bound to the site of `url`. */
export function accountsForUrl(accounts: readonly StoredAccount[], url: string): StoredAccount[] {
  return accounts.filter((a) => a.sites.some((site) => siteMatches(site, url)))
}

/** The code to fill now; an HOTP counter is used up by filling, as by showing (RFC 4226 §7.2). */
async function codeToFill(s: Services, id: string): Promise<string> {
  return s.vault.mutate(async (content) => {
    const a = content.accounts.find((x) => x.id === id)
    if (!a) throw new KeyfobError('NOT_FOUND', 'That account no longer exists.')
    a.lastUsedAt = s.now()
    if (a.type === 'hotp') {
      const code = await s.codes.revealHotp(a)
      a.counter += 1n
      return code
    }
    return generateCodeWithKey(await importConfigKey(a), a, s.now())
  })
}

export class Autofill {
  /** Pickers shown in pages: which accounts, for which tab and frame (worker memory only). */
  private choices = new Map<string, { tabId: number; frameId: number; ids: string[]; at: number }>()

  constructor(private readonly s: Services) {}

  /** A person asked to fill in frame `frameId` of tab `tabId`, whose URL the browser reported. */
  async fillInFrame(tabId: number, frameId: number, frameUrl: string): Promise<void> {
    const client = tabClient(tabId, frameId)
    const site = registrableDomain(frameUrl)
    let content
    try {
      content = (await this.s.vault.current()).content
    } catch {
      await client('showNotice', { message: this.s.t('fillLocked') })
      return
    }
    const matches = site ? accountsForUrl(content.accounts, frameUrl) : []
    if (matches.length === 0) {
      // No code and no names reach a site nothing is bound to: the choice happens in the popup, with a warning.
      await client('showNotice', { message: this.s.t('fillNoAccount', site ?? frameUrl) })
      return
    }
    if (matches.length === 1) {
      await this.fill(tabId, frameId, (matches[0] as StoredAccount).id)
      return
    }
    const choiceId = crypto.randomUUID()
    this.choices.set(choiceId, { tabId, frameId, ids: matches.map((a) => a.id), at: this.s.now() })
    await client('showFillChoice', { choiceId, site: site as string, names: matches.map((a) => (a.issuer && a.account ? `${a.issuer} (${a.account})` : a.issuer || a.account)) })
  }

  /** The person picked one name in the page's picker; only the same tab and frame may answer. */
  async chosen(choiceId: string, index: number, tabId: number, frameId: number): Promise<boolean> {
    const c = this.choices.get(choiceId)
    this.choices.delete(choiceId)
    if (!c || c.tabId !== tabId || c.frameId !== frameId || this.s.now() - c.at > CHOICE_TTL_MS) {
      throw new KeyfobError('NOT_FOUND', 'This choice has expired. Ask Keyfob to fill again.')
    }
    const id = c.ids[index]
    if (id === undefined) throw new KeyfobError('INVALID_MESSAGE', 'There is no such account in the choice.')
    return this.fill(tabId, frameId, id)
  }

  /** From the popup: the account the person clicked, into the tab it is over. */
  async fromPopup(id: string, tabId: number, confirmMismatch: boolean): Promise<{ filled: boolean; site: string | null }> {
    const url = await this.s.tabUrl(tabId)
    if (!url) throw new KeyfobError('NO_OTP_FIELD', 'Keyfob cannot fill on this page.')
    const site = registrableDomain(url)
    const account = (await this.s.vault.current()).content.accounts.find((a) => a.id === id)
    if (!account) throw new KeyfobError('NOT_FOUND', 'That account no longer exists.')
    if (!account.sites.some((b) => siteMatches(b, url)) && !confirmMismatch) {
      throw new KeyfobError('SITE_MISMATCH', `${account.issuer || account.account} is not bound to ${site ?? url}.`)
    }
    return { filled: await this.fill(tabId, 0, id), site }
  }

  private async fill(tabId: number, frameId: number, id: string): Promise<boolean> {
    const client = tabClient(tabId, frameId)
    const { fillable } = await client('otpFieldStatus', {}).catch(() => ({ fillable: false }))
    if (!fillable) {
      await client('showNotice', { message: this.s.t('fillNoField') }).catch(() => undefined)
      return false
    }
    const { filled } = await client('fillCode', { code: await codeToFill(this.s, id) })
    return filled
  }
}
