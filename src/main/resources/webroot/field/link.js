// The app's connection to Lamplight: a WebSocket to /device/ws speaking the device protocol.
// Every message carries an id and is answered {ack: id, ok, error?, message?}; orders arrive
// with a delivery id and are answered "received". A lost connection is retried with back-off;
// one the server ended for good (secret changed, or replaced by another login) is not.

const PING_MS = 20_000;
const ACK_TIMEOUT_MS = 20_000;
const MAX_BACKOFF_MS = 30_000;

/** A reply that did not come: the connection went, or the server did not answer in time. */
export class NoAck extends Error {}

/**
 * handlers: onState(state) with 'connecting' | 'online' | 'offline' | 'replaced';
 * onHello(hello), onOrder(deliveryId, order), onEnded(reason) when the token no longer holds.
 */
export function createLink(token, handlers) {
  let ws = null;
  let opened = false;
  let backoff = 1000;
  let retry = null;
  let ping = null;
  let stopped = false;
  let sequence = 0;
  const waiting = new Map();

  function connect() {
    clearTimeout(retry);
    if (stopped || ws) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    opened = false;
    handlers.onState('connecting');
    ws = new WebSocket(`${scheme}://${location.host}/device/ws?token=${encodeURIComponent(token)}`);
    ws.onopen = () => {
      opened = true;
      backoff = 1000;
      handlers.onState('online');
      ping = setInterval(() => request({ type: 'ping' }).catch(() => {}), PING_MS);
    };
    ws.onmessage = (e) => receive(JSON.parse(e.data));
    ws.onclose = (e) => closed(e.code);
  }

  function closed(code) {
    clearInterval(ping);
    ws = null;
    for (const w of waiting.values()) {
      clearTimeout(w.timer);
      w.reject(new NoAck('connection lost'));
    }
    waiting.clear();
    if (code === 4401) {
      handlers.onEnded('revoked');
    } else if (code === 4409) {
      handlers.onState('replaced');
    } else if (!stopped) {
      handlers.onState('offline');
      if (!opened) checkToken();
      retry = setTimeout(connect, backoff);
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    }
  }

  /** A socket refused before it opened says nothing; the REST API says whether the token still holds. */
  async function checkToken() {
    try {
      const r = await fetch('/api/device/me', { headers: { Authorization: `Bearer ${token}` } });
      if (r.status === 401) {
        stopped = true;
        clearTimeout(retry);
        handlers.onEnded('revoked');
      }
    } catch {
      // no network: the next attempt will tell
    }
  }

  function receive(m) {
    if ('ack' in m) {
      const w = waiting.get(m.ack);
      if (w) {
        waiting.delete(m.ack);
        clearTimeout(w.timer);
        w.resolve(m);
      }
    } else if (m.type === 'hello') {
      handlers.onHello(m);
    } else if (m.type === 'order') {
      // the server keeps the order until told it arrived; the app acts on it once itself
      request({ type: 'received', deliveryId: m.deliveryId }).catch(() => {});
      handlers.onOrder(m.deliveryId, m.order);
    }
  }

  /** Sends a message and resolves with its acknowledgement; rejects with NoAck. */
  function request(message, id = `l${Date.now().toString(36)}${(sequence += 1)}`) {
    return new Promise((resolve, reject) => {
      if (!ws || ws.readyState !== WebSocket.OPEN) {
        reject(new NoAck('not connected'));
        return;
      }
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new NoAck('no answer'));
        ws?.close(4000, 'no answer'); // start afresh: reconnect, then send again
      }, ACK_TIMEOUT_MS);
      waiting.set(id, { resolve, reject, timer });
      ws.send(JSON.stringify({ ...message, id }));
    });
  }

  // the phone says its network is back: no need to wait out the back-off
  const online = () => {
    if (!ws && !stopped) {
      backoff = 1000;
      connect();
    }
  };
  window.addEventListener('online', online);

  connect();
  return {
    isOpen: () => ws?.readyState === WebSocket.OPEN,
    /** Publishes on one of the device's topics under the item's id. */
    publish: (id, topic, payload) => request({ type: 'publish', topic, payload }, id),
    /** Connects again now (after "replaced", or to skip the back-off). */
    reconnect: () => {
      stopped = false;
      backoff = 1000;
      connect();
    },
    /** Loses the connection as a phone does when coverage goes: it is tried again. */
    drop: () => ws?.close(4000, 'dropped'),
    /** Logs out: the server marks the device offline at once. */
    close: () => {
      stopped = true;
      clearTimeout(retry);
      window.removeEventListener('online', online);
      ws?.close(1000, 'logged out');
    },
  };
}
