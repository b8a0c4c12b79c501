import { afterEach, describe, expect, it } from 'vitest'
import { publicSuffixListData } from '../../../scripts/public-suffix-list-data.mjs'
import { isKeyfobError } from '../../core/errors.ts'
import { decodePublicSuffixList, hasPublicSuffixList, installPublicSuffixList, registrableDomain } from '../../core/site/index.ts'
import { afterSiteList, createPublicSuffixListLoader } from './public-suffix-list-loader.ts'

// The test setup installed the list; these tests start without one, as the worker does, and put it back.
const installed = decodePublicSuffixList(publicSuffixListData())
afterEach(() => installPublicSuffixList(installed))

/** The data file as the build packages it, read from disk, counting the reads. */
function diskFile() {
  const reads = { count: 0 }
  return {
    reads,
    read: async () => {
      reads.count += 1
      await new Promise((r) => setTimeout(r, 10))
      return publicSuffixListData()
    },
  }
}

const refusal = (run: () => unknown): unknown => {
  try {
    run()
  } catch (e) {
    return e
  }
  return 'no error'
}

describe('createPublicSuffixListLoader', () => {
  it('reads and installs the list once, however many requests ask for it at the same time', async () => {
    installPublicSuffixList(null)
    const file = diskFile()
    const ready = createPublicSuffixListLoader(file.read)
    await Promise.all([ready(), ready(), ready()])
    expect(file.reads.count).toBe(1)
    expect(registrableDomain('https://alice.github.io/x')).toBe('alice.github.io')
    await ready()
    expect(file.reads.count).toBe(1)
  })

  it('reports SITE_LIST_UNAVAILABLE when the file cannot be read, leaves lookups refusing, and tries again next time', async () => {
    installPublicSuffixList(null)
    let fail = true
    const file = diskFile()
    const ready = createPublicSuffixListLoader(async () => {
      if (fail) throw new TypeError('Failed to fetch')
      return file.read()
    })
    const first = await ready().catch((e: unknown) => e)
    expect(isKeyfobError(first, 'SITE_LIST_UNAVAILABLE')).toBe(true)
    expect(hasPublicSuffixList()).toBe(false)
    expect(
      isKeyfobError(
        refusal(() => registrableDomain('https://example.com')),
        'SITE_LIST_UNAVAILABLE',
      ),
    ).toBe(true)
    fail = false
    await ready()
    expect(registrableDomain('https://www.bbc.co.uk/')).toBe('bbc.co.uk')
  })

  it('installs nothing from a damaged file', async () => {
    installPublicSuffixList(null)
    const damaged = publicSuffixListData().subarray(0, 5000)
    const ready = createPublicSuffixListLoader(async () => damaged)
    const error = await ready().catch((e: unknown) => e)
    expect(isKeyfobError(error, 'SITE_LIST_UNAVAILABLE')).toBe(true)
    expect(hasPublicSuffixList()).toBe(false)
  })
})

describe('afterSiteList', () => {
  it('runs each handler once the list is loaded, and still runs it (to fail where a site is needed) when loading fails', async () => {
    installPublicSuffixList(null)
    const file = diskFile()
    const table = afterSiteList(
      {
        site: (input: { url: string }) => registrableDomain(input.url),
        echo: (input: string) => input,
      },
      createPublicSuffixListLoader(file.read),
    )
    expect(await table.site({ url: 'https://a.b.example.com.au/' })).toBe('example.com.au')

    installPublicSuffixList(null)
    const broken = afterSiteList(
      { site: (input: { url: string }) => registrableDomain(input.url), echo: (input: string) => input },
      createPublicSuffixListLoader(() => Promise.reject(new Error('gone'))),
    )
    expect(await broken.echo('unrelated')).toBe('unrelated')
    const error = await Promise.resolve(broken.site({ url: 'https://example.com' })).catch((e: unknown) => e)
    expect(isKeyfobError(error, 'SITE_LIST_UNAVAILABLE')).toBe(true)
  })
})
