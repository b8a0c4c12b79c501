import { describe, expect, it } from 'vitest'
import { bindScannedAccounts } from './bind-scanned-accounts.ts'

const code = (issuer: string, site: string | null) => ({ issuer, site, fromExport: false })
const exported = (issuer: string, site: string | null) => ({ issuer, site, fromExport: true })
const sites = (accounts: Parameters<typeof bindScannedAccounts>[0]) => bindScannedAccounts(accounts).map((b) => b.site)

describe('bindScannedAccounts: a scan binds only what came from that site', () => {
  it('binds a site’s own setup code to the site of the frame that drew it', () => {
    expect(bindScannedAccounts([code('Example Bank', 'example.com')])).toEqual([{ site: 'example.com', reason: 'shown-there' }])
    // Whatever its issuer says: a setup page shows the site's own code, and the issuer is free text.
    expect(sites([code('Totally Not GitHub', 'example.com')])).toEqual(['example.com'])
  })

  it('binds nothing that no page showed, or that another site or an unknown source drew', () => {
    expect(bindScannedAccounts([code('GitHub', null)])).toEqual([{ site: null, reason: 'shown-elsewhere' }])
  })

  it('a Google Authenticator export on a mail site binds only the accounts whose issuer names that site', () => {
    const batch = [
      exported('GitHub', 'mail.example'),
      exported('Google', 'mail.example'),
      exported('Amazon Web Services', 'mail.example'),
      exported('mail.example', 'mail.example'),
    ]
    expect(sites(batch)).toEqual([null, null, null, null]) // mail.example is not under a listed public suffix: no issuer names it
    expect(
      bindScannedAccounts([
        exported('GitHub', 'gmail.com'),
        exported('Google', 'google.com'),
        exported('accounts.google.com', 'google.com'),
      ]),
    ).toEqual([
      { site: null, reason: 'batch' },
      { site: 'google.com', reason: 'issuer-matches' },
      { site: 'google.com', reason: 'issuer-matches' },
    ])
  })

  it('an export binds by issuer even when it holds one account: a site never shows an export as its own setup code', () => {
    expect(sites([exported('GitHub', 'webmail.com')])).toEqual([null])
    expect(sites([exported('GitHub', 'github.com')])).toEqual(['github.com'])
  })

  it('several services in one page scan bind only those whose issuer matches; several codes of one service bind together', () => {
    expect(sites([code('GitHub', 'github.com'), code('GitLab', 'github.com'), code('Acme', 'github.com')])).toEqual([
      'github.com',
      null,
      null,
    ])
    expect(sites([code('Acme Corp', 'acme.example'), code('acme corp', 'acme.example')])).toEqual(['acme.example', 'acme.example'])
    // Codes from two different sites in one capture are two services too.
    expect(sites([code('Acme', 'acme.example'), code('Acme', null)])).toEqual(['acme.example', null])
  })

  it('gives each unbound account its reason, so the panel can say why', () => {
    expect(bindScannedAccounts([code('GitHub', 'example.com'), code('Google', null)]).map((b) => b.reason)).toEqual([
      'batch',
      'shown-elsewhere',
    ])
  })
})
