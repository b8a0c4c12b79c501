/**
 * HTTP entity tags (RFC 9110 §8.8.3): `"opaque"` (strong) or `W/"opaque"` (weak).
 *
 * Why weak tags matter here: Apache httpd (mod_dav_fs) answers a weak tag for a file changed
 * within the last second (its mtime could still change unseen within that second), and
 * If-Match always compares strongly (RFC 9110 §13.1.1), so a weak tag can never match.
 * Keyfob therefore sends the opaque tag in its strong form, which the server checks against
 * its own current strong tag: the server, not Keyfob, still decides whether it matches.
 */
import { KeyfobError } from '../errors.ts'

// etagc = %x21 / %x23-7E / obs-text (RFC 9110 §8.8.3)
const ENTITY_TAG = /^(W\/)?"[\x21\x23-\x7e\x80-\xff]*"$/

/** Checks a tag's syntax: a malformed one is a SYNC_BAD_RESPONSE (never sent back as a condition). */
export function parseEntityTag(text: string): string {
  if (!ENTITY_TAG.test(text))
    throw new KeyfobError('SYNC_BAD_RESPONSE', `The server's version tag ${JSON.stringify(text.slice(0, 80))} is not an HTTP entity tag.`)
  return text
}

export const isWeak = (tag: string) => tag.startsWith('W/')

/** The tag's strong form, as If-Match needs it: `W/"x"` → `"x"`. */
export const strongForm = (tag: string) => (isWeak(tag) ? tag.slice(2) : tag)

/** The weak comparison of RFC 9110 §8.8.3.2: the same opaque tag, weak or not. */
export const sameOpaqueTag = (a: string, b: string) => strongForm(a) === strongForm(b)
