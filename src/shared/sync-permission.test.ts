import { describe, expect, it } from 'vitest'
import manifest from '../../manifest.json' with { type: 'json' }
import { requestSyncOrigin, syncOriginPattern } from './sync-permission.ts'

describe('the sync folder’s origin', () => {
  it('is the host alone, https anywhere or http to this computer, within the manifest’s optional hosts', () => {
    expect(syncOriginPattern('https://dav.example.com/remote.php/dav/files/alice/keyfob/')).toBe('https://dav.example.com/*')
    expect(syncOriginPattern('https://dav.example.com:8443/keyfob/')).toBe('https://dav.example.com/*')
    expect(syncOriginPattern('http://127.0.0.1:8080/keyfob/')).toBe('http://127.0.0.1/*')
    expect(syncOriginPattern('http://localhost:8080/keyfob/')).toBe('http://localhost/*')
    for (const pattern of ['https://dav.example.com/*', 'http://127.0.0.1/*', 'http://localhost/*']) {
      const [scheme] = pattern.split('://')
      expect(manifest.optional_host_permissions.some((p) => p === pattern || p === `${scheme}://*/*`)).toBe(true)
    }
  })

  it('is none for plain http elsewhere, another scheme, or no address', () => {
    expect(syncOriginPattern('http://dav.example.com/keyfob/')).toBeNull()
    expect(syncOriginPattern('ftp://dav.example.com/')).toBeNull()
    expect(syncOriginPattern('not an address')).toBeNull()
  })

  it('asks the browser for that origin only, and answers false when refused or impossible', async () => {
    const asked: unknown[] = []
    const permissions = (answer: boolean | Error) => ({
      request: async (p: unknown) => {
        asked.push(p)
        if (answer instanceof Error) throw answer
        return answer
      },
    })
    expect(await requestSyncOrigin('https://dav.example.com/keyfob/', permissions(true))).toBe(true)
    expect(asked).toEqual([{ origins: ['https://dav.example.com/*'] }])
    expect(await requestSyncOrigin('https://dav.example.com/keyfob/', permissions(false))).toBe(false)
    expect(await requestSyncOrigin('https://dav.example.com/keyfob/', permissions(new Error('no user gesture')))).toBe(false)
    expect(await requestSyncOrigin('http://dav.example.com/keyfob/', permissions(true))).toBe(false)
    expect(asked).toHaveLength(3)
  })
})
