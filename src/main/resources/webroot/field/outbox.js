// What the app has to send, kept on the phone until the server acknowledged it. Items go out in
// order, one at a time, each under the id it was given when it was made, so an item sent again
// after a lost acknowledgement is recognised by the server and applied once. The queue belongs to
// the device that made it: it outlives a lapsed token, to go out when that device logs in again.

const KEY = 'lamplight.field.outbox';
const DEVICE = 'lamplight.field.outbox.device';
const PHOTO = 'lamplight.field.photo.';
/** Positions are worth little once stale: a phone offline for long keeps only the latest. */
const MAX_POSITIONS = 30;

/** An id for a message: unique on this phone, and of the shape the server accepts. */
export function newId() {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export class Outbox {
  constructor() {
    this.items = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    this.device = localStorage.getItem(DEVICE);
    this.listeners = [];
  }

  /** The device logged in makes what is queued from now on. */
  claim(deviceId) {
    this.device = deviceId;
    localStorage.setItem(DEVICE, deviceId);
  }

  /** Drops every item and its photo. */
  clear() {
    this.items.slice().forEach((item) => this.remove(item.id));
  }

  /** item: {id, topic, payload, label: {key, params}, photo?: true} */
  add(item) {
    this.items.push({ at: Date.now(), ...item });
    if (item.topic === 'position') {
      const positions = this.items.filter((i) => i.topic === 'position');
      if (positions.length > MAX_POSITIONS) this.items.splice(this.items.indexOf(positions[0]), 1);
    }
    this.changed();
  }

  first() {
    return this.items[0];
  }

  /** The item was acknowledged (or refused for good): it and its photo go. */
  remove(id) {
    this.items = this.items.filter((i) => i.id !== id);
    localStorage.removeItem(PHOTO + id);
    this.changed();
  }

  /** Saves a change to an item (e.g. the photo id it got). */
  update(item) {
    this.changed();
    return item;
  }

  /** Keeps a photo (a data URL) with its item; false when the phone has no room left. */
  keepPhoto(id, dataUrl) {
    try {
      localStorage.setItem(PHOTO + id, dataUrl);
      return true;
    } catch {
      return false;
    }
  }

  photo(id) {
    return localStorage.getItem(PHOTO + id);
  }

  /** The items a person asked for (not the positions), in order. */
  actions() {
    return this.items.filter((i) => i.topic !== 'position');
  }

  positions() {
    return this.items.length - this.actions().length;
  }

  onChange(fn) {
    this.listeners.push(fn);
  }

  changed() {
    localStorage.setItem(KEY, JSON.stringify(this.items));
    this.listeners.forEach((fn) => fn());
  }
}
