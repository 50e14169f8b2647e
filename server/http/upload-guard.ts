import type { IncomingMessage } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';

/** What bounds a streamed upload (a portfolio): its bytes, and how long it may go without sending one. */
export interface UploadLimits {
  /** Bytes the body may hold as sent (before any reading); more is refused (413) as soon as they arrive, or at once from Content-Length. */
  maxBytes: number;
  /** Milliseconds the body may go without a byte while the server waits for it; a stalled upload is refused (408). */
  idleMs: number;
  /** Milliseconds the whole body may take; a trickle slower than that is refused (408) before Node's own request timeout (300 s) cuts it without a word. */
  maxMs: number;
  /** Uploads one process reads at once; one more is refused (429) before a byte is read: each takes a core while it parses rows. */
  concurrent: number;
}

/**
 * 1 GiB: 1,000,000 rows (the row limit) of up to about 1,070 bytes each. The benchmark's
 * credit-factory applications are 663 bytes a JSON line on average (688 at most), so a portfolio of
 * the row limit fits with room; the same rows as CSV are smaller still.
 */
export const DEFAULT_UPLOAD_MAX_BYTES = 1024 * 1024 * 1024;
/** 4 minutes for the whole upload: 1 GiB at ~12 MB/s of parsing takes ~85 s; under Node's 5-minute request timeout, so this answer comes first. */
export const DEFAULT_UPLOAD_MAX_MS = 240_000;
/** Two uploads read at once per process: a machine of a few cores keeps the rest for deciding. */
export const DEFAULT_UPLOAD_CONCURRENT = 2;
/** 30 s without a byte: far longer than any pause of a working client, short enough that a stalled one does not hold a file open for long. */
export const DEFAULT_UPLOAD_IDLE_MS = 30_000;

/** Why an upload was refused before it was read to its end; the route answers `status` with `code`. Carries no byte of the body. */
export class UploadRefused extends Error {
  override name = 'UploadRefused';
  constructor(
    readonly status: 408 | 413 | 400,
    readonly code: string,
    message: string,
    readonly limit?: { maxBytes?: number; idleMs?: number; maxMs?: number },
  ) {
    super(message);
  }
}

const tooLarge = (maxBytes: number) =>
  new UploadRefused(413, 'PORTFOLIO_TOO_LARGE', `a portfolio upload is at most ${maxBytes} bytes (PORTFOLIO_MAX_BYTES); split it or ask the operator to raise the limit`, { maxBytes });

/**
 * The upload refused before any byte is read, from what its headers declare: a Content-Length over
 * the limit. Undefined when the headers allow it (a chunked body is counted as it arrives).
 */
export function refusedUpFront(req: IncomingMessage, limits: UploadLimits): UploadRefused | undefined {
  const declared = req.headers['content-length'];
  if (declared === undefined) return undefined;
  const bytes = Number(declared); // Node already refused a Content-Length that is not a number (400)
  return Number.isFinite(bytes) && bytes > limits.maxBytes ? tooLarge(limits.maxBytes) : undefined;
}

/**
 * The request body as a stream that fails with {@link UploadRefused} — 413 once more than
 * `maxBytes` have arrived, 408 once the client sent nothing for `idleMs` while the reader waited or
 * the whole body took longer than `maxMs` — or with a 400 when the client broke the upload off. The reader's back-pressure holds
 * the request (and the idle clock stops while it does: a slow store is not the client's stall).
 * After a failure the request is no longer read; the route answers with `Connection: close` so
 * that Node does not go on reading what the client still sends.
 */
export function guardedUpload(req: IncomingMessage, limits: UploadLimits): Readable {
  const out = new PassThrough();
  out.on('error', () => undefined); // told to the reader through its own listener; none left (it stopped reading) must not crash the process
  let bytes = 0;
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  const deadline = setTimeout(
    () =>
      fail(
        new UploadRefused(408, 'PORTFOLIO_UPLOAD_TOO_SLOW', `the upload took longer than ${limits.maxMs} ms (PORTFOLIO_UPLOAD_MAX_MS); nothing was stored — send it faster or split it`, {
          maxMs: limits.maxMs,
        }),
      ),
    limits.maxMs,
  );
  deadline.unref();
  const stopClock = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  const fail = (error: Error) => {
    if (settled) return;
    settled = true;
    stopClock();
    clearTimeout(deadline);
    req.off('data', onData);
    req.pause();
    out.destroy(error);
  };
  const startClock = () => {
    stopClock();
    timer = setTimeout(
      () => fail(new UploadRefused(408, 'PORTFOLIO_UPLOAD_STALLED', `the upload sent nothing for ${limits.idleMs} ms; nothing was stored — send it again`, { idleMs: limits.idleMs })),
      limits.idleMs,
    );
    timer.unref();
  };
  const onData = (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > limits.maxBytes) return fail(tooLarge(limits.maxBytes));
    if (out.write(chunk)) return startClock();
    stopClock(); // the reader is behind: waiting on it is not the client's stall
    req.pause();
  };
  out.on('drain', () => {
    if (settled) return;
    startClock();
    req.resume();
  });
  req.on('data', onData);
  req.once('end', () => {
    if (settled) return;
    settled = true;
    stopClock();
    clearTimeout(deadline);
    out.end();
  });
  req.on('error', () => fail(new UploadRefused(400, 'UPLOAD_BROKEN_OFF', 'the upload was broken off before its end; nothing was stored')));
  req.once('close', () => {
    if (!req.complete) fail(new UploadRefused(400, 'UPLOAD_BROKEN_OFF', 'the upload was broken off before its end; nothing was stored'));
  });
  out.once('close', () => {
    // the reader stopped early (a refused row count, a bad header): stop waiting for the client
    if (!settled) fail(new Error('the upload is no longer read'));
  });
  startClock();
  return out;
}
