import { describe, expect, it } from 'vitest'
import { normalizeSites } from './normalize-sites.ts'

describe('normalizeSites', () => {
  it('reduces what people type to host names', () => {
    expect(normalizeSites(['https://GitHub.com/login?x=1', 'github.com', 'accounts.example.co.uk.', 'bücher.de'])).toEqual([
      'github.com',
      'accounts.example.co.uk',
      'xn--bcher-kva.de',
    ])
  })

  it.each(['', 'localhost', 'not a site', 'javascript:alert(1)', 'http://', '-bad-.com'])('rejects %j with a clear message', (site) => {
    expect(() => normalizeSites([site])).toThrowError(expect.objectContaining({ code: 'INVALID_PARAMETER', field: 'sites' }))
  })
})
