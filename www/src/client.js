// The page's side of the worker protocol: requests with progress, and recovery. A crash in
// the wasm core (a panic aborts its instance) terminates the worker and starts a fresh one,
// so the widget stays usable for the next file; `onrestart` is told, so what the old worker
// held can be given to the new one. Closing rejects whatever is still pending.
import { attachFigures } from './figures.js';

/**
 * The sentences of the worker protocol are message ids (`{ kind, id, values }`): the worker
 * imports this module and has no message table (the page's tables load the catalogue, which
 * starts a wasm instance), so the page's side puts them in words, in the language in use,
 * with the `say(id, values)` it is given. Ids: `engine.crash` (the analysis engine died: a
 * wasm panic aborts its instance), `engine.closed` (a request still pending, or made, after
 * `close()`), `engine.failed`, `engine.not_bytes`, `engine.sheets_failed`,
 * `engine.publish_failed`, and the progress
 * notes `progress.windows_1252`, `progress.spreadsheet`.
 */
export const CRASH = 'engine.crash';

/** An error of the worker in words: its `id` said in the language in use; else as it came. */
function inWords(error, say) {
  if (!error?.id) return error;
  const { id, values, ...rest } = error;
  return { ...rest, message: say(id, values ?? {}) };
}

export class EngineClient {
  /**
   * `lang()`: the language the core writes its sentences in, sent with every request.
   * `say(id, values)`: the page's words for a message id of the protocol (messages/index.js).
   */
  constructor(lang = () => 'en', say = (id) => id, mode = 'analyst') {
    this.lang = lang;
    this.say = say;
    // Issue 15: a public widget's worker is named so: it runs the publish module alone and
    // starts the CSV module only if a request needs it (yj-worker.js).
    this.mode = mode === 'public' ? 'public' : 'analyst';
    this.next = 1;
    this.pending = new Map();
    this.start();
  }

  start() {
    this.worker = new Worker(new URL('./yj-worker.js', import.meta.url), { type: 'module', name: this.mode });
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (e) => {
      e.preventDefault?.();
      this.crash(String(e.message ?? 'worker error'));
    };
  }

  receive(msg) {
    if (msg.type === 'fatal') {
      const error = inWords(msg.error, this.say);
      return this.crash(error.message, error);
    }
    const req = this.pending.get(msg.id);
    if (!req) return;
    if (msg.type === 'progress') {
      const note = msg.note?.id ? this.say(msg.note.id, msg.note.values ?? {}) : msg.note;
      return req.onProgress?.({ ...msg, note });
    }
    this.pending.delete(msg.id);
    if (msg.type === 'error') {
      if (msg.error.kind === 'crash') this.restart();
      req.reject(inWords(msg.error, this.say));
    } else {
      if (msg.report) attachFigures(msg.report);
      req.resolve(msg);
    }
  }

  crash(detail, error) {
    const err = error ?? {
      kind: 'crash',
      message: this.say(CRASH),
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

  /** Whether a request sent is still unanswered. */
  get busy() {
    return this.pending.size > 0;
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
  close(message = this.say('engine.closed'), kind = 'closed') {
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
