import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { registrableDomain } from './registrable-domain.ts'

describe('registrableDomain', () => {
  it.each([
    // plain hosts and URLs
    ['example.com', 'example.com'],
    ['https://example.com', 'example.com'],
    ['https://login.example.com/path?q=1#x', 'example.com'],
    ['http://a.b.c.example.com:8080/', 'example.com'],
    ['  https://example.com  ', 'example.com'],
    // multi-label public suffixes (ICANN section of the PSL)
    ['https://www.bbc.co.uk/', 'bbc.co.uk'],
    ['https://sub.example.co.uk.', 'example.co.uk'],
    ['shop.example.com.au', 'example.com.au'],
    ['https://city.kawasaki.jp', 'city.kawasaki.jp'],
    // private suffixes count as suffixes (allowPrivateDomains)
    ['https://alice.github.io/repo', 'alice.github.io'],
    ['https://a.b.alice.github.io', 'alice.github.io'],
    ['foo.blogspot.com', 'foo.blogspot.com'],
    ['https://bucket.s3.amazonaws.com', 'bucket.s3.amazonaws.com'],
    // case and trailing dots
    ['EXAMPLE.COM', 'example.com'],
    ['HTTPS://WWW.EXAMPLE.COM/LOGIN', 'example.com'],
    ['example.com.', 'example.com'],
    ['https://www.example.com./', 'example.com'],
    // ports and userinfo are dropped; userinfo cannot pose as the host
    ['example.com:8443', 'example.com'],
    ['https://example.com:8443/x', 'example.com'],
    ['https://example.com@evil.test/', 'evil.test'],
    ['https://user:pw@example.com/', 'example.com'],
    // a backslash is a path separator in special URLs, as in the browser
    ['https://example.com\\@evil.test', 'example.com'],
    // IDN: always the punycode (ASCII) form
    ['https://münchen.de/', 'xn--mnchen-3ya.de'],
    ['https://www.MÜNCHEN.de', 'xn--mnchen-3ya.de'],
    ['xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    ['https://例え.jp', 'xn--r8jz45g.jp'],
    ['https://пример.рф', 'xn--e1afmkfd.xn--p1ai'],
    ['https://exаmple.com', 'xn--exmple-4nf.com'], // Cyrillic а
    // IDNA maps full-width letters to ASCII, exactly as the address bar does
    ['https://ｅｘａｍｐｌｅ.com', 'example.com'],
    // IP addresses are their own site
    ['127.0.0.1', '127.0.0.1'],
    ['http://127.0.0.1:3000/login', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://2130706433/', '127.0.0.1'],
    ['192.168.1.10:8080', '192.168.1.10'],
    ['http://[::1]:8080/', '[::1]'],
    ['[::1]', '[::1]'],
    ['::1', '[::1]'],
    ['http://[2001:DB8:0:0::1]/', '[2001:db8::1]'],
    ['2001:db8::1', '[2001:db8::1]'],
    // localhost and other single-label hosts
    ['localhost', 'localhost'],
    ['http://localhost:5173/', 'localhost'],
    ['LOCALHOST.', 'localhost'],
    ['http://intranet/', 'intranet'],
    ['http://app.localhost/', 'app.localhost'],
    // unknown TLDs follow the PSL default rule
    ['https://vpn.corp.local/', 'corp.local'],
    ['https://example.com.evil.test', 'evil.test'],
  ])('%j → %j', (input, expected) => {
    expect(registrableDomain(input)).toBe(expected)
  })

  it.each([
    // public suffixes have no registrable domain
    ['com'],
    ['co.uk'],
    ['https://co.uk/'],
    ['github.io'],
    ['https://github.io/'],
    ['blogspot.com'],
    // not http(s)
    ['data:text/html,<h1>hi</h1>'],
    ['file:///etc/passwd'],
    ['javascript:alert(1)'],
    ['JavaScript://example.com/%0aalert(1)'],
    ['ftp://example.com/'],
    ['blob:https://example.com/uuid'],
    ['about:blank'],
    ['chrome-extension://abcdefghijklmnop/popup.html'],
    ['mailto:alice@example.com'],
    // garbage and smuggling attempts in a bare host
    [''],
    ['   '],
    ['not a host'],
    ['example.com/login'],
    ['example.com@evil.test'],
    ['example.com?x'],
    ['example.com#x'],
    ['a..b.com'],
    ['.example.com'],
    ['https://'],
    ['https://exa mple.com'],
    ['[::1'],
    ['http://[::g]/'],
    ['http://example.com:99999/'],
  ])('%j → null', (input) => {
    expect(registrableDomain(input)).toBeNull()
  })

  it('returns lower-case ASCII without a trailing dot, or null, for any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          fc.domain(),
          fc.webUrl().map((u) => u.toUpperCase()),
        ),
        (s) => {
          const d = registrableDomain(s)
          if (d === null) return
          expect(d).toBe(d.toLowerCase())
          expect(d).toMatch(/^[\x21-\x7e]+$/)
          expect(d.endsWith('.')).toBe(false)
        },
      ),
    )
  })

  it('is idempotent: a registrable domain is its own registrable domain', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.domain()), (s) => {
        const d = registrableDomain(s)
        if (d !== null) expect(registrableDomain(d)).toBe(d)
      }),
    )
  })
})
