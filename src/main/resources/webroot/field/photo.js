// Photos taken on the phone, scaled down before they are kept and sent: a county's mobile data is
// slow and the server takes at most field.photo-max (2 MB by default).

const MAX_SIDE = 1600;
const QUALITY = 0.8;

/** The picture from a file input as a JPEG data URL no larger than MAX_SIDE on its longer side. */
export async function scaled(file) {
  const image = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(image.width, image.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(image.width * scale);
  canvas.height = Math.round(image.height * scale);
  canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
  image.close();
  return canvas.toDataURL('image/jpeg', QUALITY);
}

/** The bytes of a data URL, decoded here: the page's Content-Security-Policy lets fetch reach only the server. */
function bytesOf(dataUrl) {
  const binary = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Uploads a kept photo under its item's id; resolves with the photo id, rejects with {status, message}. */
export async function upload(token, clientId, dataUrl) {
  const body = bytesOf(dataUrl);
  let response;
  try {
    response = await fetch(`/api/device/photos?clientId=${encodeURIComponent(clientId)}`, {
      method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'image/jpeg' }, body,
    });
  } catch {
    throw { status: 0, message: 'network' };
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw { status: response.status, message: data.message ?? String(response.status) };
  return data.photoId;
}
