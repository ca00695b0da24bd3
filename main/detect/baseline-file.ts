// The baselines file of one store, written whole (temp, fsync, rename: store/baseline-store.ts)
// at the end of every flush, but without re-encoding every user each time: each user's text is
// kept from the last save and encoded again only when the engine touched the user or the baseline
// object was replaced (a late user's replay, a rebuild). A load keeps each user's text as the
// file holds it (one user a line), so an incremental sync that touches part of a large
// organisation encodes that part, and the rest of the file is copied — also in a process just
// started, as the CLI's every sync is.
import type { BaselineStore } from '../store/baseline-store';
import type { UserBaseline } from './baseline';
import { decodeState, encodeDocText, userText, usersTexts } from './baseline-codec';
import type { EngineState } from './engine';

export class BaselineFile {
  /** Each user's text and the baseline object it was encoded from. */
  private texts = new Map<string, { user: UserBaseline; text: string }>();

  constructor(readonly store: BaselineStore) {}

  /** The saved state, or null when there is none (or it cannot be read): then it is rebuilt. */
  async load(): Promise<EngineState | null> {
    this.texts.clear();
    const saved = await this.store.loadWithText();
    const state = decodeState(saved?.doc ?? null);
    if (!state || !saved) return state;
    // Each user's text as the file holds it, kept as theirs until the engine touches them.
    const texts = usersTexts(saved.text);
    if (texts?.size === state.users.size)
      for (const [key, user] of state.users) {
        const text = texts.get(key);
        if (text !== undefined) this.texts.set(key, { user, text });
      }
    return state;
  }

  /**
   * Writes `state`; `touched` names the users changed in place since the last save (emptied here:
   * once encoded, their text is current until the engine touches them again).
   */
  async save(state: EngineState, touched: Set<string>, now: number): Promise<void> {
    const users: string[] = [];
    for (const [key, user] of state.users) {
      let t = this.texts.get(key);
      if (!t || t.user !== user || touched.has(key)) {
        t = { user, text: userText(key, user) };
        this.texts.set(key, t);
      }
      users.push(t.text);
    }
    touched.clear();
    if (this.texts.size > state.users.size)
      for (const key of this.texts.keys()) if (!state.users.has(key)) this.texts.delete(key);
    await this.store.save(encodeDocText(users, state.org, now));
  }
}
