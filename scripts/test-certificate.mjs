// A throw-away self-signed certificate for the test server's https option, made at test time
// with openssl (no key is ever committed). Browsers must be told to accept it
// (--ignore-certificate-errors): it is for tests on 127.0.0.1 only.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** @returns {{ key: Buffer, cert: Buffer }} */
export function makeTestCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'keyfob-cert-'))
  try {
    const key = join(dir, 'key.pem')
    const cert = join(dir, 'cert.pem')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '2',
        '-subj',
        '/CN=keyfob-test',
        '-addext',
        'subjectAltName=DNS:*.example.com,DNS:example.com,DNS:*.test,DNS:*.example,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    )
    return { key: readFileSync(key), cert: readFileSync(cert) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
