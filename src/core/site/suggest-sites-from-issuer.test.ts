import { describe, expect, it } from 'vitest'
import { ISSUER_SITES } from './issuer-sites.ts'
import { registrableDomain } from './registrable-domain.ts'
import { suggestSitesFromIssuer } from './suggest-sites-from-issuer.ts'

describe('suggestSitesFromIssuer', () => {
  it.each([
    ['GitHub', ['github.com']],
    ['Google', ['google.com']],
    ['google', ['google.com']],
    ['  Google  ', ['google.com']],
    ['Google Workspace', ['google.com']],
    ['GitHub (work)', ['github.com']],
    ['Amazon Web Services', ['amazon.com']],
    ['AWS', ['amazon.com']],
    ['Microsoft', ['microsoft.com', 'live.com']],
    ['1Password', ['1password.com']],
    ['X', ['x.com', 'twitter.com']],
    // host-like issuers → their registrable domain
    ['accounts.google.com', ['google.com']],
    ['Example.COM', ['example.com']],
    ['login.bbc.co.uk', ['bbc.co.uk']],
    ['alice.github.io', ['alice.github.io']],
    ['münchen.de', ['xn--mnchen-3ya.de']],
  ])('%j → %j', (issuer, expected) => {
    expect(suggestSitesFromIssuer(issuer)).toEqual(expected)
  })

  it.each([
    [''],
    ['Acme Corp Internal'],
    ['alice@example.com'], // an e-mail address says little about the sign-in site
    ['v1.5'],
    ['corp.local'],
    ['127.0.0.1'],
    ['github.io'],
    ['example.com/login'],
    ['Googlе'], // Cyrillic е
  ])('%j → []', (issuer) => {
    expect(suggestSitesFromIssuer(issuer)).toEqual([])
  })

  it('returns a fresh array each time', () => {
    const a = suggestSitesFromIssuer('GitHub')
    a.push('evil.test')
    expect(suggestSitesFromIssuer('GitHub')).toEqual(['github.com'])
  })

  it('keeps the table to registrable domains and normalised keys', () => {
    expect(ISSUER_SITES.size).toBeGreaterThanOrEqual(50)
    for (const [key, sites] of ISSUER_SITES) {
      expect(key).toMatch(/^[a-z\d]+$/)
      for (const site of sites) expect(registrableDomain(site)).toBe(site)
    }
  })
})
