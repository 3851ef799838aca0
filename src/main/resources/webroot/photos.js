// The photos the field app took for a device-reported incident, shown in its detail. Images are
// fetched with the account's token (an <img> cannot send it) and shown from the response.
import { api, token } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';

/** A section that fills itself with the incident's photos, and stays hidden when it has none. */
export function photosSection(incidentId) {
  const section = h('section', { class: 'detail-photos', hidden: true }, h('h3', {}, t('detail.photos')));
  load(section, incidentId);
  return section;
}

async function load(section, incidentId) {
  let photos;
  try {
    photos = await api.get(`/api/incidents/${encodeURIComponent(incidentId)}/photos`);
  } catch {
    return; // the rest of the detail says what is wrong
  }
  for (const photo of photos) {
    const response = await fetch(`/api/photos/${encodeURIComponent(photo.id)}`,
      { headers: { Authorization: `Bearer ${token()}` } });
    if (!response.ok) continue;
    const url = URL.createObjectURL(await response.blob());
    const img = h('img', { class: 'detail-photo', src: url, alt: t('detail.photo'), dataset: { photoId: photo.id } });
    img.addEventListener('load', () => URL.revokeObjectURL(url), { once: true });
    section.append(img);
    section.hidden = false;
  }
}
