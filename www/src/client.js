// The page's side of the worker protocol: requests with progress, and recovery. A crash in
// the wasm core (a panic aborts its instance) terminates the worker and starts a fresh one,
// so the widget stays usable for the next file; `onrestart` is told, so what the old worker
// held can be given to the new one. Closing rejects whatever is still pending.
import { attachFigures } from './figures.js';

/** What the user reads when the analysis engine died (a wasm panic aborts its instance). */
export const CRASH_MESSAGE =
  'Something went wrong while analysing this file; the widget has restarted and you can try again.';

/** What a request still pending (or made) after `close()` is rejected with. */
export const CLOSED_MESSAGE = 'The widget was taken off the page before this finished, so it was stopped.';

export class EngineClient {
  /** `lang()`: the language the core writes its sentences in, sent with every request. */
  constructor(lang = () => 'en') {
    this.lang = lang;
    this.next = 1;
    this.pending = new Map();
    this.start();
  }

  start() {
    this.worker = new Worker(new URL('./yj-worker.js', import.meta.url), { type: 'module' });
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (e) => {
      e.preventDefault?.();
      this.crash(String(e.message ?? 'worker error'));
    };
  }

  receive(msg) {
    if (msg.type === 'fatal') return this.crash(msg.error.message, msg.error);
    const req = this.pending.get(msg.id);
    if (!req) return;
    if (msg.type === 'progress') return req.onProgress?.(msg);
    this.pending.delete(msg.id);
    if (msg.type === 'error') {
      if (msg.error.kind === 'crash') this.restart();
      req.reject(msg.error);
    } else {
      if (msg.report) attachFigures(msg.report);
      req.resolve(msg);
    }
  }

  crash(detail, error) {
    const err = error ?? {
      kind: 'crash',
      message: CRASH_MESSAGE,
      detail,
    };
    for (const req of this.pending.values()) req.reject(err);
    this.pending.clear();
    this.restart();
  }

  restart() {
    if (this.closed) return;
    this.worker.terminate();
    this.start();
    this.onrestart?.();
  }

  /** Send a request; resolves with the result message, rejects with `{ kind, message }`. */
  request(msg, onProgress, transfer = []) {
    const id = this.next++;
    if (this.closed) return Promise.reject({ kind: this.closedKind, message: this.closed });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ ...msg, id, lang: this.lang() }, transfer);
    });
  }

  /**
   * Stop the worker (element removed from the page, or a file being read no longer wanted).
   * Every pending request is rejected with `{ kind, message }` (kind 'closed' unless given),
   * and so is any request made afterwards.
   */
  close(message = CLOSED_MESSAGE, kind = 'closed') {
    if (this.closed) return;
    this.closed = message;
    this.closedKind = kind;
    this.worker.terminate();
    const err = { kind, message };
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const req of pending) req.reject(err);
  }
}
