import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { siteMatches } from './site-matches.ts'

describe('siteMatches', () => {
  it.each([
    ['example.com', 'https://example.com/'],
    ['example.com', 'https://login.example.com/2fa'],
    ['example.com', 'http://example.com/'],
    ['example.com', 'https://example.com:8443/'],
    ['example.com', 'https://EXAMPLE.com./'],
    ['example.com', 'https://user@accounts.example.com/'],
    ['EXAMPLE.COM', 'https://example.com/'],
    ['example.com.', 'https://example.com/'],
    ['https://example.com/login', 'https://www.example.com/'],
    ['login.example.com', 'https://other.example.com/'], // bound per registrable domain
    ['bbc.co.uk', 'https://account.bbc.co.uk/signin'],
    ['alice.github.io', 'https://alice.github.io/app'],
    ['xn--mnchen-3ya.de', 'https://münchen.de/'],
    ['münchen.de', 'https://xn--mnchen-3ya.de/'],
    ['127.0.0.1', 'http://127.0.0.1:3000/otp.html'],
    ['[::1]', 'http://[::1]:8080/'],
    ['::1', 'http://[0:0::1]/'],
    ['localhost', 'http://localhost:5173/'],
  ])('%j matches %j', (site, url) => {
    expect(siteMatches(site, url)).toBe(true)
  })

  it.each([
    // look-alike hosts
    ['example.com', 'https://example.com.evil.test/'],
    ['example.com', 'https://examp1e.com/'],
    ['example.com', 'https://example.co/'],
    ['example.com', 'https://example.com-login.test/'],
    ['example.com', 'https://myexample.com/'],
    ['example.com', 'https://xn--exmple-cua.com/'],
    ['example.com', 'https://exаmple.com/'], // Cyrillic а
    ['example.com', 'https://example.corn/'],
    // a sub-domain of a different registrable domain
    ['example.com', 'https://example.com.evil.test/login'],
    ['example.com', 'https://example.evil.test/'],
    ['example.co.uk', 'https://example.co.uk.evil.test/'],
    // siblings under a private suffix are different sites
    ['alice.github.io', 'https://mallory.github.io/'],
    ['github.io', 'https://alice.github.io/'],
    // userinfo tricks
    ['example.com', 'https://example.com@evil.test/'],
    ['example.com', 'https://example.com:443@evil.test/'],
    ['example.com', 'https://example.com%40evil.test/'],
    // other schemes never match
    ['example.com', 'data:text/html,https://example.com/'],
    ['example.com', 'file:///example.com/index.html'],
    ['example.com', 'javascript://example.com/%0Aalert(1)'],
    ['example.com', 'ftp://example.com/'],
    ['example.com', 'ws://example.com/'],
    ['example.com', 'blob:https://example.com/1234'],
    ['example.com', 'view-source:https://example.com/'],
    // a bare host is not a URL
    ['example.com', 'example.com'],
    // bad bound sites never match anything
    ['', 'https://example.com/'],
    ['com', 'https://com/'],
    ['co.uk', 'https://example.co.uk/'],
    ['javascript:alert(1)', 'https://example.com/'],
    // IPs are exact
    ['127.0.0.1', 'http://127.0.0.2/'],
    ['127.0.0.1', 'http://localhost/'],
  ])('%j does not match %j', (site, url) => {
    expect(siteMatches(site, url)).toBe(false)
  })

  it('never matches a URL whose host merely contains the bound site', () => {
    fc.assert(
      fc.property(fc.domain(), fc.domain(), (evil, bound) => {
        fc.pre(!evil.endsWith(bound) && !bound.endsWith(evil))
        expect(siteMatches(bound, `https://${bound}.${evil}/`)).toBe(false)
        expect(siteMatches(bound, `https://${bound}@${evil}/`)).toBe(false)
      }),
    )
  })

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => void siteMatches(a, b)))
  })
})
