import { describe, expect, it } from 'vitest'
import { isWeak, parseEntityTag, sameOpaqueTag, strongForm } from './entity-tag.ts'
import { parseMultistatus } from './parse-multistatus.ts'

// Answers to PROPFIND Depth 1 as the servers sent them (Apache 2.4 mod_dav_fs and rclone 1.60,
// captured on loopback; Nextcloud's shape from its WebDAV documentation, trimmed).
const APACHE = `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:">
<D:response xmlns:lp2="http://apache.org/dav/props/" xmlns:lp1="DAV:">
<D:href>/keyfob/</D:href>
<D:propstat>
<D:prop>
<lp1:resourcetype><D:collection/></lp1:resourcetype>
<lp1:getetag>"1000-661e3c47823eb"</lp1:getetag>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
</D:response>
<D:response xmlns:lp2="http://apache.org/dav/props/" xmlns:lp1="DAV:">
<D:href>/keyfob/r-a%20b.json</D:href>
<D:propstat>
<D:prop>
<lp1:resourcetype/>
<lp1:getetag>W/"3-661e3c4612004"</lp1:getetag>
<lp1:getcontentlength>3</lp1:getcontentlength>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
</D:response>
</D:multistatus>
`
const RCLONE =
  '<?xml version="1.0" encoding="UTF-8"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>/keyfob/</D:href><D:propstat><D:prop>' +
  '<D:resourcetype><D:collection xmlns:D="DAV:"/></D:resourcetype><D:displayname>keyfob</D:displayname></D:prop><D:status>HTTP/1.1 200 OK</D:status>' +
  '</D:propstat></D:response><D:response><D:href>/keyfob/a.json</D:href><D:propstat><D:prop><D:getcontentlength>1</D:getcontentlength>' +
  '<D:resourcetype></D:resourcetype><D:getetag>"18ee61bc103534271"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>'
const NEXTCLOUD =
  '<?xml version="1.0"?>\n<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns">' +
  '<d:response><d:href>/remote.php/dav/files/alice%40example.com/Keyfob/header.json</d:href>' +
  '<d:propstat><d:prop><d:resourcetype/><d:getetag>&quot;6573a1b2c3d4e&quot;</d:getetag><d:getcontentlength>412</d:getcontentlength></d:prop>' +
  '<d:status>HTTP/1.1 200 OK</d:status></d:propstat>' +
  '<d:propstat><d:prop><oc:size/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>' +
  '<d:response><d:href>/remote.php/dav/files/alice%40example.com/Keyfob/gone.json</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>' +
  '</d:multistatus>'

describe('parseMultistatus', () => {
  it('reads Apache, rclone and Nextcloud answers alike', () => {
    expect(parseMultistatus(APACHE)).toEqual([
      { href: '/keyfob/', status: 200, etag: '"1000-661e3c47823eb"', collection: true, length: null },
      { href: '/keyfob/r-a%20b.json', status: 200, etag: 'W/"3-661e3c4612004"', collection: false, length: 3 },
    ])
    expect(parseMultistatus(RCLONE)).toEqual([
      { href: '/keyfob/', status: 200, etag: null, collection: true, length: null },
      { href: '/keyfob/a.json', status: 200, etag: '"18ee61bc103534271"', collection: false, length: 1 },
    ])
    expect(parseMultistatus(NEXTCLOUD)).toEqual([
      // oc:size's 404 propstat is left out; the rest counts.
      {
        href: '/remote.php/dav/files/alice%40example.com/Keyfob/header.json',
        status: 200,
        etag: '"6573a1b2c3d4e"',
        collection: false,
        length: 412,
      },
      { href: '/remote.php/dav/files/alice%40example.com/Keyfob/gone.json', status: 404, etag: null, collection: false, length: null },
    ])
  })

  it('ignores properties from a propstat that did not succeed', () => {
    const xml =
      '<multistatus xmlns="DAV:"><response><href>/f/a</href><propstat><prop><getetag>"x"</getetag><resourcetype><collection/></resourcetype></prop>' +
      '<status>HTTP/1.1 403 Forbidden</status></propstat></response></multistatus>'
    expect(parseMultistatus(xml)).toEqual([{ href: '/f/a', status: 200, etag: null, collection: false, length: null }])
  })

  it.each([
    ['<html><body>Login</body></html>', /root element is \{\}html/],
    ['<multistatus xmlns="urn:not-dav"/>', /root element/],
    ['<multistatus xmlns="DAV:"><response><propstat/></response></multistatus>', /without an href/],
    ['<multistatus xmlns="DAV:"><response><href> </href><status>HTTP/1.1 200 OK</status></response></multistatus>', /without an href/],
    ['<multistatus xmlns="DAV:"><response><href>/a</href></response></multistatus>', /0 status elements/],
    ['<multistatus xmlns="DAV:"><response><href>/a</href><status>200 OK</status></response></multistatus>', /not an HTTP status line/],
    [
      '<multistatus xmlns="DAV:"><response><href>/a</href><href>/b</href><propstat><prop/><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>',
      /more than one href/,
    ],
    [
      '<multistatus xmlns="DAV:"><response><href>/a</href><propstat><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>',
      /0 prop elements/,
    ],
    [
      '<multistatus xmlns="DAV:"><response><href>/a</href><propstat><prop><getetag>abc</getetag></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>',
      /not an HTTP entity tag/,
    ],
    [
      '<multistatus xmlns="DAV:"><response><href>/a</href><propstat><prop><getcontentlength>-1</getcontentlength></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>',
      /not a number/,
    ],
  ])('refuses %s', (xml, reason) => {
    expect(() => parseMultistatus(xml)).toThrow(
      expect.objectContaining({ code: 'SYNC_BAD_RESPONSE', message: expect.stringMatching(reason) as unknown }) as Error,
    )
  })
})

describe('entity tags', () => {
  it('accepts strong and weak tags, and nothing else', () => {
    for (const tag of ['"abc"', 'W/"abc"', '""', '"18ee61bc-1"']) expect(parseEntityTag(tag)).toBe(tag)
    for (const tag of ['abc', '"a"b"', 'w/"abc"', 'W/abc', '"a b"', ' "abc"', '"abc', ''])
      expect(() => parseEntityTag(tag)).toThrow(expect.objectContaining({ code: 'SYNC_BAD_RESPONSE' }) as Error)
  })

  it('compares opaque tags weakly and sends the strong form (RFC 9110 §8.8.3.2)', () => {
    expect(isWeak('W/"1"')).toBe(true)
    expect(isWeak('"1"')).toBe(false)
    expect(strongForm('W/"1"')).toBe('"1"')
    expect(strongForm('"1"')).toBe('"1"')
    expect(sameOpaqueTag('W/"1"', '"1"')).toBe(true)
    expect(sameOpaqueTag('W/"1"', 'W/"2"')).toBe(false)
  })
})
