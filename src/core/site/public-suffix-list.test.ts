import fc from 'fast-check'
import { parse } from 'tldts'
import { afterEach, describe, expect, it } from 'vitest'
import { publicSuffixListData, TLDTS_TRIE } from '../../../scripts/public-suffix-list-data.mjs'
import { createRequire } from 'node:module'
import { isKeyfobError } from '../errors.ts'
import { decodePublicSuffixList, hasPublicSuffixList, installPublicSuffixList, parseHost } from './public-suffix-list.ts'
import { registrableDomain } from './registrable-domain.ts'
import { suggestSitesFromIssuer } from './suggest-sites-from-issuer.ts'

// The test setup (test/support/public-suffix-list.setup.ts) installed the list read from disk; a test that removes it puts it back.
const list = decodePublicSuffixList(publicSuffixListData())
afterEach(() => installPublicSuffixList(list))

/** Every rule of the list tldts carries, as label paths (right to left) with the flag of its last node. */
function rulesOf(root: 'rulesRoot' | 'exceptionsRoot'): { labels: string[]; flag: number }[] {
  const t = createRequire(import.meta.url)(TLDTS_TRIE) as {
    nodeFlags: Uint8Array
    edgeStart: Uint16Array
    edgeLength: Uint8Array
    edgeChild: Uint16Array
    labelText: string
    rulesRoot: number
    exceptionsRoot: number
  }
  const offsets: number[] = []
  for (let e = 0, o = 0; e < t.edgeLength.length; o += t.edgeLength[e] as number, e += 1) offsets.push(o)
  const out: { labels: string[]; flag: number }[] = []
  const visit = (node: number, labels: string[]) => {
    for (let e = t.edgeStart[node] as number; e < (t.edgeStart[node + 1] as number); e += 1) {
      const label = t.labelText.slice(offsets[e], (offsets[e] as number) + (t.edgeLength[e] as number))
      const child = t.edgeChild[e] as number
      const path = [...labels, label]
      if ((t.nodeFlags[child] as number) !== 0) out.push({ labels: path, flag: t.nodeFlags[child] as number })
      visit(child, path)
    }
  }
  visit(t[root], [])
  return out
}

/** What tldts answers (the reference) and what Keyfob's lookup over the packaged list answers. */
const reference = (host: string) => {
  const r = parse(host, { allowPrivateDomains: true, extractHostname: false })
  return { domain: r.domain, publicSuffix: r.publicSuffix, isIcann: r.isIcann, isPrivate: r.isPrivate, isIp: r.isIp, hostname: r.hostname }
}
const ours = (host: string) => {
  const r = parseHost(host)
  return { domain: r.domain, publicSuffix: r.publicSuffix, isIcann: r.isIcann, isPrivate: r.isPrivate, isIp: r.isIp, hostname: r.hostname }
}

describe('the packaged Public Suffix List', () => {
  const rules = rulesOf('rulesRoot')
  const exceptions = rulesOf('exceptionsRoot')

  it('holds the whole list: thousands of ICANN and private rules, wildcards and exceptions', () => {
    expect(rules.length).toBeGreaterThan(9000)
    expect(rules.filter((r) => r.flag & 1).length).toBeGreaterThan(6000)
    expect(rules.filter((r) => r.flag & 2).length).toBeGreaterThan(2000)
    expect(rules.some((r) => r.labels.at(-1) === '*')).toBe(true)
    expect(exceptions.length).toBeGreaterThan(3)
  })

  it('answers as tldts does for every rule of the list, the rule itself and hosts under it', () => {
    let compared = 0
    for (const { labels } of [...rules, ...exceptions]) {
      const suffix = labels
        .map((l) => (l === '*' ? 'wild' : l))
        .reverse()
        .join('.')
      for (const host of [suffix, `example.${suffix}`, `a.b.example.${suffix}`, `x.${suffix}`]) {
        expect(ours(host), host).toEqual(reference(host))
        compared += 1
      }
    }
    expect(compared).toBeGreaterThan(40_000)
  })

  it('answers as tldts does for any host name', () => {
    fc.assert(
      fc.property(fc.domain(), (host) => {
        expect(ours(host)).toEqual(reference(host))
      }),
      { numRuns: 2000 },
    )
    for (const host of [
      'com',
      'www.ck',
      'a.www.ck',
      'b.ck',
      'kawasaki.jp',
      'city.kawasaki.jp',
      'github.io',
      'localhost',
      '127.0.0.1',
      'corp.local',
      '',
    ])
      expect(ours(host), host).toEqual(reference(host))
  })

  it('keeps the list’s Unicode rules, which match the Unicode form of a host', () => {
    expect(rules.some((r) => [...r.labels.join('')].some((c) => c.charCodeAt(0) > 0x7f))).toBe(true)
    expect(ours('例え.公司.cn')).toEqual(reference('例え.公司.cn'))
    expect(ours('例え.公司.cn').publicSuffix).toBe('公司.cn')
  })

  it('refuses every lookup while no list is installed, instead of guessing a site', () => {
    installPublicSuffixList(null)
    expect(hasPublicSuffixList()).toBe(false)
    for (const lookup of [() => registrableDomain('https://login.example.co.uk/'), () => suggestSitesFromIssuer('accounts.google.com')]) {
      let error: unknown
      try {
        lookup()
      } catch (e) {
        error = e
      }
      expect(isKeyfobError(error, 'SITE_LIST_UNAVAILABLE')).toBe(true)
    }
    installPublicSuffixList(list)
    expect(registrableDomain('https://login.example.co.uk/')).toBe('example.co.uk')
  })

  it('rejects a damaged or truncated file with SITE_LIST_UNAVAILABLE', () => {
    const good = publicSuffixListData()
    const badMagic = good.slice()
    badMagic[0] = 0x58
    const badRoot = good.slice()
    new DataView(badRoot.buffer).setUint32(16, 0xffff, true)
    const badUtf8 = good.slice()
    badUtf8[badUtf8.length - 1] = 0xff
    const badChild = good.slice()
    const nodes = new DataView(good.buffer).getUint32(4, true)
    new DataView(badChild.buffer).setUint16(24 + 2 * (nodes + 1), 0xffff, true)
    for (const bytes of [
      new Uint8Array(0),
      good.subarray(0, 1000),
      good.subarray(0, good.length - 1),
      badMagic,
      badRoot,
      badUtf8,
      badChild,
    ]) {
      expect(() => decodePublicSuffixList(bytes)).toThrow(expect.objectContaining({ code: 'SITE_LIST_UNAVAILABLE' }))
    }
  })
})
