/**
 * Runs one checked job request and words its reply (job-messages.ts). Each job's module is
 * loaded with import() on its first use, so a worker started for one kind of job does not parse
 * the others. In the background job worker this is the whole of a job's life: nothing is kept
 * between jobs but the loaded code.
 */
import { isKeyfobError } from '../core/errors.ts'
import { JOB_ERROR_CODES, type JobFailure, type JobReply, type JobRequest } from './job-messages.ts'

/** Keyfob's own errors a job may name keep their code, sentence and field; anything else says only that the job failed. */
function failure(e: unknown): JobFailure {
  if (!isKeyfobError(e) || !(JOB_ERROR_CODES as readonly string[]).includes(e.code))
    return { code: 'INTERNAL', message: 'The background job failed.' }
  const code = e.code as JobFailure['code']
  return e.field === undefined ? { code, message: e.message } : { code, message: e.message, field: e.field }
}

export async function runJob(request: JobRequest): Promise<JobReply> {
  const { id, job } = request
  try {
    switch (request.job) {
      case 'exportVault': {
        const { exportVaultJob } = await import('./jobs/export-vault-job.ts')
        return { keyfob: 'jobDone', id, job, ok: true, output: await exportVaultJob(request.input) }
      }
      case 'qrSvg': {
        const { qrSvg } = await import('./jobs/qr-svg-job.ts')
        return { keyfob: 'jobDone', id, job, ok: true, output: await qrSvg(request.input) }
      }
      case 'readQrTexts': {
        const { readQrTexts } = await import('./jobs/read-qr-texts-job.ts')
        return { keyfob: 'jobDone', id, job, ok: true, output: readQrTexts(request.input) }
      }
    }
  } catch (e) {
    return { keyfob: 'jobDone', id, job, ok: false, error: failure(e) }
  }
}
