// The live feed: one WebSocket to /ws, reconnected with backoff, kept alive by pings and watched
// for silence. Each JSON message goes to onMessage; each change of connection state to onState
// as {state: 'connecting'|'connected'|'reconnecting'|'offline', since} (since: when it went down).
import { api, token } from './api.js';

const PING_EVERY_MS = 20_000;
const SILENCE_LIMIT_MS = 45_000; // no frame at all (not even a pong) for this long: the link is dead
const OFFLINE_AFTER_MS = 30_000; // down this long: show "offline" rather than "reconnecting"
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

export function connectFeed({ onMessage, onState }) {
  let ws = null;
  let attempt = 0;
  let downSince = null;
  let lastFrameAt = 0;
  let retryTimer = null;
  let pingTimer = null;
  let offlineTimer = null;
  let stopped = false;

  function url() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${location.host}/ws?token=${encodeURIComponent(token())}`;
  }

  function open() {
    retryTimer = null;
    let opened = false;
    ws = new WebSocket(url());
    ws.onopen = () => {
      opened = true;
      attempt = 0;
      downSince = null;
      clearTimeout(offlineTimer);
      lastFrameAt = Date.now();
      onState({ state: 'connected', since: null });
      pingTimer = setInterval(keepAlive, PING_EVERY_MS);
    };
    ws.onmessage = (e) => {
      lastFrameAt = Date.now();
      let message;
      try {
        message = JSON.parse(e.data);
      } catch {
        console.warn('feed: ignoring a frame that is not JSON', e.data);
        return;
      }
      onMessage(message);
      // Taken: the server sends the next units only now, so a slow console is sent fresh ones, not a backlog.
      if (message.type === 'units') ws.send(JSON.stringify({ type: 'ack', tick: message.tick }));
    };
    // An error is always followed by close, which is where the retry is scheduled.
    ws.onclose = () => closed(opened);
  }

  function keepAlive() {
    if (Date.now() - lastFrameAt > SILENCE_LIMIT_MS) {
      drop();
      return;
    }
    ws.send(JSON.stringify({ type: 'ping' }));
  }

  /** Gives up on a silent socket at once instead of waiting for TCP to notice. */
  function drop() {
    const dead = ws;
    dead.onclose = null;
    dead.onmessage = null;
    dead.close();
    closed(true);
  }

  function closed(wasOpen) {
    clearInterval(pingTimer);
    ws = null;
    if (stopped) return;
    if (!wasOpen) checkToken();
    downSince ??= Date.now();
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt) * (0.75 + Math.random() * 0.5);
    attempt += 1;
    const offlineIn = downSince + OFFLINE_AFTER_MS - Date.now();
    onState({ state: offlineIn > 0 ? 'reconnecting' : 'offline', since: downSince });
    clearTimeout(offlineTimer);
    if (offlineIn > 0) offlineTimer = setTimeout(() => onState({ state: 'offline', since: downSince }), offlineIn);
    retryTimer = setTimeout(open, delay);
  }

  /**
   * A browser cannot see why an upgrade was refused; a REST call can. If the token has expired,
   * the API's 401 handler ends the session; any other failure is already shown as "reconnecting".
   */
  function checkToken() {
    api.get('/api/console/settings').catch((e) => console.warn('feed: server check failed:', e.message));
  }

  function retryNow() {
    if (ws || stopped) return;
    clearTimeout(retryTimer);
    attempt = 0;
    open();
  }

  window.addEventListener('online', retryNow);
  onState({ state: 'connecting', since: null });
  open();

  return {
    stop() {
      stopped = true;
      clearTimeout(retryTimer);
      clearTimeout(offlineTimer);
      clearInterval(pingTimer);
      window.removeEventListener('online', retryNow);
      ws?.close();
    },
  };
}
