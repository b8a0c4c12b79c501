import { describe, expect, it } from 'vitest'
import { webdavFolder } from './webdav-folder.ts'

describe('webdavFolder', () => {
  const nextcloud = webdavFolder('https://cloud.example.com/remote.php/dav/files/alice@example.com/Keyfob sync')

  it('ends the folder with a slash and encodes a name as one segment', () => {
    expect(nextcloud.url.href).toBe('https://cloud.example.com/remote.php/dav/files/alice@example.com/Keyfob%20sync/')
    expect(nextcloud.fileUrl('r-a b#?%ü.json')).toBe(
      'https://cloud.example.com/remote.php/dav/files/alice@example.com/Keyfob%20sync/r-a%20b%23%3F%25%C3%BC.json',
    )
  })

  it('names files directly in the folder, however the server encodes the href', () => {
    expect(nextcloud.nameOf('/remote.php/dav/files/alice%40example.com/Keyfob%20sync/r-a%20b.json')).toBe('r-a b.json')
    expect(nextcloud.nameOf('https://cloud.example.com/remote.php/dav/files/alice@example.com/Keyfob%20sync/h%C3%BC.json')).toBe('hü.json')
    expect(nextcloud.nameOf('r-relative.json')).toBe('r-relative.json')
  })

  it('names nothing for the folder itself, subfolders, other folders, other origins and bad encodings', () => {
    for (const href of [
      '/remote.php/dav/files/alice@example.com/Keyfob%20sync/',
      '/remote.php/dav/files/alice@example.com/Keyfob%20sync/sub/',
      '/remote.php/dav/files/alice@example.com/Keyfob%20sync/sub/a.json',
      '/remote.php/dav/files/alice@example.com/Other/a.json',
      'https://evil.example/remote.php/dav/files/alice@example.com/Keyfob%20sync/a.json',
      'http://cloud.example.com/remote.php/dav/files/alice@example.com/Keyfob%20sync/a.json',
      '/remote.php/dav/files/alice@example.com/Keyfob%20sync/%E0%A4%A.json',
    ])
      expect(nextcloud.nameOf(href), href).toBeNull()
  })
})
