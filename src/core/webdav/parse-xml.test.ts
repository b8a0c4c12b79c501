import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { KeyfobError } from '../errors.ts'
import { parseXml, type XmlElement } from './parse-xml.ts'

/** `{ns}name` of an element and its children, to compare trees briefly. */
const shape = (el: XmlElement): unknown =>
  el.children.length === 0 ? `{${el.ns}}${el.name}=${el.text}` : { [`{${el.ns}}${el.name}`]: el.children.map(shape) }

function refusal(xml: string): string {
  try {
    parseXml(xml)
  } catch (e) {
    if (e instanceof KeyfobError && e.code === 'SYNC_BAD_RESPONSE') return e.message
    throw e
  }
  throw new Error(`parsed: ${xml}`)
}

describe('parseXml', () => {
  it('resolves every way of naming a namespace to the same name', () => {
    const forms = [
      '<d:a xmlns:d="DAV:"><d:b>x</d:b></d:a>',
      '<D:a xmlns:D="DAV:"><D:b>x</D:b></D:a>',
      '<a xmlns="DAV:"><b>x</b></a>',
      // Apache binds a second prefix to DAV: on a nested element (lp1:getetag).
      '<D:a xmlns:D="DAV:"><lp1:b xmlns:lp1="DAV:">x</lp1:b></D:a>',
      "<?xml version='1.0'?>\n<!-- hi --><a xmlns='DAV:'>\n  <b><![CDATA[x]]></b>\n</a>\n",
    ]
    for (const xml of forms) expect(shape(parseXml(xml)), xml).toEqual({ '{DAV:}a': ['{DAV:}b=x'] })
  })

  it('scopes prefixes to their element, and lets a default namespace be unset', () => {
    const root = parseXml('<a xmlns="urn:x" xmlns:p="urn:p"><p:b xmlns:p="urn:q"/><p:c/><d xmlns=""/></a>')
    expect(root.children.map((c) => `{${c.ns}}${c.name}`)).toEqual(['{urn:q}b', '{urn:p}c', '{}d'])
  })

  it('decodes the five entities and character references in text and attributes', () => {
    const root = parseXml('<a t="&quot;1&quot;">&lt;&amp;&gt;&apos;&quot; &#65;&#x42;&#x1F511;</a>')
    expect(root.text).toBe(`<&>'" AB\u{1F511}`)
    // Nextcloud writes getetag's quotes as &quot;.
    expect(parseXml('<getetag>&quot;6573a1b2&quot;</getetag>').text).toBe('"6573a1b2"')
  })

  it('skips a byte order mark, comments and processing instructions', () => {
    expect(parseXml('\ufeff<?xml version="1.0"?><!-- a --><a><!-- b -->x<?pi y?></a><!-- c -->').text).toBe('x')
  })

  it.each([
    ['<!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>', /DOCTYPE/],
    ['<a>&x;</a>', /unknown entity/],
    ['<a>&amp</a>', /unknown entity/],
    ['<a>&#0;</a>', /character reference/],
    ['<a>&#xD800;</a>', /character reference/],
    ['<p:a/>', /prefix "p" is not bound/],
    ['<a xmlns:p=""/>', /bound to no namespace/],
    ['<a></b>', /does not close/],
    ['<a><b></a></b>', /does not close/],
    ['<a/><b/>', /second root/],
    ['x<a/>', /text outside/],
    ['<a/>x', /text outside/],
    ['<a x="1" x="2"/>', /twice/],
    ['<a x=1/>', /quoted value/],
    ['<a x="<"/>', /"<" in an attribute/],
    ['<a x="1"y="2"/>', /space is expected/],
    ['', /no element/],
    ['<a>', /ends inside <a>/],
    ['<a><!-- x', /ends inside a comment/],
    ['<a><![CDATA[x', /ends inside a CDATA/],
    ['<a x="1', /ends inside an attribute/],
    ['</a>', /does not close any element/],
    ['<a>' + '<b>'.repeat(100), /nest too deeply/],
  ])('refuses %j', (xml, reason) => {
    expect(refusal(xml)).toMatch(reason)
  })

  it('refuses every cut-off prefix of a document (a body ended early never reads as a shorter one)', () => {
    const xml =
      '<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>/a/b%20c.json</d:href>' +
      '<d:propstat><d:prop><d:getetag>"x"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>'
    expect(shape(parseXml(xml))).toBeTruthy()
    for (let end = 0; end < xml.length; end++) expect(() => parseXml(xml.slice(0, end)), xml.slice(0, end)).toThrow(KeyfobError)
  })

  it('answers an element or SYNC_BAD_RESPONSE for any input, never another failure', () => {
    const piece = fc.constantFrom(
      '<',
      '>',
      '/',
      '</a>',
      '<a>',
      '<b/>',
      '<p:a xmlns:p="DAV:">',
      '</p:a>',
      '&amp;',
      '&',
      '"',
      "'",
      '=',
      ' ',
      'x',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '<?',
      '?>',
      'xmlns="u"',
      '<a x="1">',
    )
    const doc = fc.oneof(
      fc.string(),
      fc.array(piece, { maxLength: 30 }).map((p) => p.join('')),
    )
    fc.assert(
      fc.property(doc, (xml) => {
        try {
          const root = parseXml(xml)
          expect(typeof root.name).toBe('string')
        } catch (e) {
          expect(e).toBeInstanceOf(KeyfobError)
          expect((e as KeyfobError).code).toBe('SYNC_BAD_RESPONSE')
        }
      }),
      { numRuns: 2000 },
    )
  })
})
