// The set-up QR code the console shows when it issues a device's secret, read with the phone's
// camera where the browser can decode QR codes itself (BarcodeDetector: Chrome on Android), so the
// app needs no decoder of its own. Elsewhere the phone's camera app opens a link-form code directly.

/** True when this browser can read a QR code from the camera. */
export function canScan() {
  return 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia;
}

/**
 * The login a set-up code carries, {server?, deviceId, secret}: the console's JSON
 * {"lamplight":1,"server","deviceId","secret"}, or a link (or address fragment) ending
 * #login=<device id>:<secret>; null for anything else.
 */
export function setupOf(text) {
  const link = /#login=([^:]+):(.+)$/.exec(text);
  if (link) return { deviceId: decodeURIComponent(link[1]), secret: decodeURIComponent(link[2]) };
  try {
    const code = JSON.parse(text);
    if (code?.lamplight === 1 && typeof code.deviceId === 'string' && typeof code.secret === 'string') {
      return { server: typeof code.server === 'string' ? code.server : null, deviceId: code.deviceId, secret: code.secret };
    }
  } catch {
    // not JSON: not a set-up code
  }
  return null;
}

/**
 * Shows the back camera in the video element until a set-up code is seen.
 * Returns {found: Promise<setup>, stop()}; found rejects when the camera cannot be opened.
 */
export function scan(video) {
  let stream = null;
  let stopped = false;
  const stop = () => {
    stopped = true;
    stream?.getTracks().forEach((track) => track.stop());
    video.srcObject = null;
  };
  const found = (async () => {
    const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    if (stopped) {
      stop();
      return new Promise(() => {});
    }
    video.srcObject = stream;
    await video.play();
    while (!stopped) {
      const codes = await detector.detect(video).catch(() => []);
      const setup = codes.map((c) => setupOf(c.rawValue)).find(Boolean);
      if (setup) {
        stop();
        return setup;
      }
      await new Promise((resolve) => { setTimeout(resolve, 250); });
    }
    return new Promise(() => {}); // cancelled: never settles
  })();
  found.catch(stop);
  return { found, stop };
}
