import { describe, expect, it } from 'vitest'
import { commonSite } from './common-site.ts'

describe('commonSite', () => {
  it('is the site every URL shares', () => {
    expect(commonSite(['https://login.example.com/setup', 'https://static.example.com/qr.png'])).toBe('example.com')
    expect(commonSite(['http://example.com:8080/'])).toBe('example.com')
  })

  it('is null for two sites, for a URL without a site, and for nothing at all', () => {
    expect(commonSite(['https://evil.test/offer', 'https://example.com/qr.png'])).toBeNull()
    expect(commonSite(['https://example.com.evil.test/', 'https://example.com/'])).toBeNull()
    expect(commonSite(['https://example.com/', 'data:image/png;base64,AAAA'])).toBeNull()
    expect(commonSite(['https://alice.github.io/', 'https://bob.github.io/'])).toBeNull()
    expect(commonSite([])).toBeNull()
  })
})
